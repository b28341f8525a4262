package io.github.octomvn.octopus.buildinfo;

import io.github.octomvn.octopus.client.Json;
import io.github.octomvn.octopus.client.OverwriteMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The JSON body of {@code POST /api/{spaceId}/build-information} for one package id and version, as the Octopus
 * REST API documents it (https://octopus.com/docs/octopus-rest-api).
 *
 * <p>Property names are PascalCase exactly as Octopus expects them; absent fields are left out rather than sent
 * as {@code null}. {@code SpaceId} is not part of the body: the space is in the route, as in the official clients.
 */
public final class BuildInformationRequest {

    private final String packageId;
    private final String version;
    private final OverwriteMode overwriteMode;
    private final BuildInformation buildInformation;

    public BuildInformationRequest(
            String packageId, String version, OverwriteMode overwriteMode, BuildInformation buildInformation) {
        this.packageId = nonBlank(packageId, "packageId");
        this.version = nonBlank(version, "version");
        this.overwriteMode = Objects.requireNonNull(overwriteMode, "overwriteMode");
        this.buildInformation = Objects.requireNonNull(buildInformation, "buildInformation");
    }

    public String packageId() {
        return packageId;
    }

    public String version() {
        return version;
    }

    public OverwriteMode overwriteMode() {
        return overwriteMode;
    }

    public BuildInformation buildInformation() {
        return buildInformation;
    }

    /**
     * The body as ordered maps and lists, ready for any Jackson {@code ObjectMapper}; map keys are not subject to
     * the mapper's naming strategy, so the PascalCase names survive whatever mapper the caller uses.
     */
    public Map<String, Object> toJsonMap() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("PackageId", packageId);
        body.put("Version", version);
        body.put("OverwriteMode", overwriteMode.name());
        body.put("OctopusBuildInformation", informationMap(buildInformation));
        return body;
    }

    /** The body as compact JSON text. */
    public String toJson() {
        return Json.compact(toJsonMap());
    }

    private static Map<String, Object> informationMap(BuildInformation info) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("BuildEnvironment", info.buildEnvironment());
        info.buildNumber().ifPresent(v -> map.put("BuildNumber", v));
        info.buildUrl().ifPresent(v -> map.put("BuildUrl", v));
        info.branch().ifPresent(v -> map.put("Branch", v));
        info.vcsType().ifPresent(v -> map.put("VcsType", v));
        info.vcsRoot().ifPresent(v -> map.put("VcsRoot", v));
        info.vcsCommitNumber().ifPresent(v -> map.put("VcsCommitNumber", v));
        List<Map<String, Object>> commits = new ArrayList<>();
        for (Commit commit : info.commits()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("Id", commit.id());
            c.put("Comment", commit.comment());
            commits.add(c);
        }
        map.put("Commits", commits);
        return map;
    }

    private static String nonBlank(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    @Override
    public String toString() {
        return "BuildInformationRequest{" + packageId + " " + version + " " + overwriteMode + "}";
    }
}
