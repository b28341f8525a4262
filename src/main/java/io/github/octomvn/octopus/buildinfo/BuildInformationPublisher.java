package io.github.octomvn.octopus.buildinfo;

import io.github.octomvn.octopus.ci.PublishedBuildInformation;
import io.github.octomvn.octopus.client.Json;
import io.github.octomvn.octopus.client.OctopusClient;
import io.github.octomvn.octopus.client.OctopusException;
import io.github.octomvn.octopus.client.Space;
import io.github.octomvn.octopus.pack.PackageFileName;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Sends the build information of a project's packages to Octopus, one record per package ID and version, and
 * writes what it sent to {@code octopus/build-information.json} in the project's output folder. Each record goes
 * out at most once per build (the caller shares {@code sentThisBuild} between the goals of one build).
 */
public final class BuildInformationPublisher {
    private final BuildInformationSettings settings;
    private final Set<String> sentThisBuild;
    private final Consumer<String> info;
    private final Consumer<String> warn;
    private final Set<String> warned = new HashSet<>();
    private final List<PublishedBuildInformation> published = Collections.synchronizedList(new ArrayList<>());
    private final GitHistory gitHistory;

    /**
     * @param sentThisBuild keys of the records already sent in this build; must be thread-safe when goals share it
     * @param info where the summary lines go
     * @param warn where warnings go (each distinct one once)
     */
    public BuildInformationPublisher(
            BuildInformationSettings settings,
            Set<String> sentThisBuild,
            Consumer<String> info,
            Consumer<String> warn) {
        this(settings, sentThisBuild, new GitHistory(), info, warn);
    }

    /**
     * As above, reading git through {@code gitHistory}: shared by the goals and modules of one build, git is read
     * once for all of them.
     */
    public BuildInformationPublisher(
            BuildInformationSettings settings,
            Set<String> sentThisBuild,
            GitHistory gitHistory,
            Consumer<String> info,
            Consumer<String> warn) {
        this.gitHistory = Objects.requireNonNull(gitHistory, "gitHistory");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sentThisBuild = Objects.requireNonNull(sentThisBuild, "sentThisBuild");
        this.info = Objects.requireNonNull(info, "info");
        this.warn = Objects.requireNonNull(warn, "warn");
    }

    /**
     * Starts reading these projects' git history ahead, while the server is asked what must come first (see
     * {@link GitHistory#readAhead}).
     */
    public void readAhead(Collection<ProjectSource> projects) {
        gitHistory.readAhead(
                projects.stream().map(ProjectSource::directory).distinct().collect(Collectors.toList()));
    }

    /**
     * Sends one record per distinct package ID and version among {@code packages}, all of {@code project}. A
     * server without build information support gets a warning, not a failure: the packages still matter more.
     */
    public void publish(OctopusClient client, Space space, ProjectSource project, List<PackageFileName> packages)
            throws OctopusException {
        Map<String, PackageFileName> distinct = new LinkedHashMap<>();
        for (PackageFileName p : packages) {
            distinct.putIfAbsent(p.packageId() + " " + p.version(), p);
        }
        BuildInformationPusher pusher = BuildInformationPusher.of(client);
        List<Map<String, Object>> written = new ArrayList<>();
        Map<Optional<String>, CollectedBuildInformation> collectedByAnchor = new HashMap<>();
        for (PackageFileName p : distinct.values()) {
            String key = client.serverUrl() + "|" + space.id() + "|" + p.packageId() + "|" + p.version();
            if (!sentThisBuild.add(key)) {
                continue;
            }
            // the range starts at the commit of the newest earlier version Octopus knows, not this version's own
            Optional<String> anchor = pusher.previous(space, p.packageId(), p.version())
                    .flatMap(r -> r.buildInformation().vcsCommitNumber());
            CollectedBuildInformation collected = collectedByAnchor.computeIfAbsent(anchor, a -> collect(project, a));
            collected.warnings().forEach(this::warnOnce);
            BuildInformationRequest request = new BuildInformationRequest(
                    p.packageId(), p.version(), settings.mode(), collected.buildInformation());
            written.add(request.toJsonMap());
            String range = collected.commitRange().map(r -> ", " + r.describe()).orElse("");
            if (settings.dryRun()) {
                info.accept("Dry run: would send build information for " + p.packageId() + " " + p.version() + range
                        + ":\n" + request.toJson());
                continue;
            }
            try {
                BuildInformationResult result = pusher.push(space, request);
                info.accept(result.describe() + range);
                published.add(new PublishedBuildInformation(
                        p.packageId(),
                        p.version(),
                        collected.buildInformation().commits().size(),
                        words(result.outcome()),
                        result.webUrl()));
            } catch (OctopusException e) {
                if (e.kind() != OctopusException.Kind.UNSUPPORTED_SERVER) {
                    throw e;
                }
                warnOnce(e.getMessage() + " Build information is skipped.");
                return;
            }
        }
        write(project, written);
    }

    /** The records this publisher sent or found on the server so far, in order, for the CI's job page. */
    public List<PublishedBuildInformation> published() {
        synchronized (published) {
            return List.copyOf(published);
        }
    }

    private static String words(BuildInformationOutcome outcome) {
        switch (outcome) {
            case CREATED:
                return "created";
            case REPLACED:
                return "replaced";
            case KEPT_EXISTING:
                return "skipped: the server keeps its own record";
            case IDENTICAL:
            default:
                return "already there";
        }
    }

    private CollectedBuildInformation collect(ProjectSource project, Optional<String> anchor) {
        return new BuildInformationCollector(gitHistory)
                .collect(
                        project.directory(),
                        settings.environment(),
                        settings.overrides(),
                        anchor,
                        settings.maxCommits(),
                        project.scmUrl());
    }

    private void warnOnce(String warning) {
        if (warned.add(warning)) {
            warn.accept(warning);
        }
    }

    private void write(ProjectSource project, List<Map<String, Object>> records) {
        if (records.isEmpty()) {
            return;
        }
        Path file = project.outputDirectory().resolve("octopus").resolve("build-information.json");
        try {
            Json.writeAtomically(file, Map.of("records", records));
        } catch (IOException e) {
            warn.accept("Could not write " + file + ": " + e.getMessage());
        }
    }
}
