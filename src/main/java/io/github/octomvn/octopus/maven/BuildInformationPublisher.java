package io.github.octomvn.octopus.maven;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.octomvn.octopus.buildinfo.BuildInformationCollector;
import io.github.octomvn.octopus.buildinfo.BuildInformationPusher;
import io.github.octomvn.octopus.buildinfo.BuildInformationRequest;
import io.github.octomvn.octopus.buildinfo.BuildInformationResult;
import io.github.octomvn.octopus.buildinfo.CollectedBuildInformation;
import io.github.octomvn.octopus.buildinfo.Overrides;
import io.github.octomvn.octopus.client.OctopusClient;
import io.github.octomvn.octopus.client.OctopusException;
import io.github.octomvn.octopus.client.OverwriteMode;
import io.github.octomvn.octopus.client.Space;
import io.github.octomvn.octopus.pack.PackageFileName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Scm;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;

/**
 * Sends the build information of a project's packages to Octopus, one record per package ID and version, and
 * writes what it sent to {@code target/octopus/build-information.json}. Each record goes out at most once per
 * build, whichever goal asks first.
 */
final class BuildInformationPublisher {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final MavenSession session;
    private final Map<String, String> environment;
    private final Overrides overrides;
    private final OverwriteMode mode;
    private final int maxCommits;
    private final boolean dryRun;
    private final Log log;
    private final Set<String> warned = new HashSet<>();

    BuildInformationPublisher(
            MavenSession session,
            Map<String, String> environment,
            Overrides overrides,
            OverwriteMode mode,
            int maxCommits,
            boolean dryRun,
            Log log) {
        this.session = session;
        this.environment = environment;
        this.overrides = overrides;
        this.mode = mode;
        this.maxCommits = maxCommits;
        this.dryRun = dryRun;
        this.log = log;
    }

    /**
     * Sends one record per distinct package ID and version among {@code packages}, all of {@code project}. A
     * server without build information support gets a warning, not a failure: the packages still matter more.
     */
    void publish(OctopusClient client, Space space, MavenProject project, List<PackageFileName> packages)
            throws OctopusException {
        Map<String, PackageFileName> distinct = new LinkedHashMap<>();
        for (PackageFileName p : packages) {
            distinct.putIfAbsent(p.packageId() + " " + p.version(), p);
        }
        Sent sent = Sent.of(session);
        BuildInformationPusher pusher = BuildInformationPusher.of(client);
        List<Map<String, Object>> written = new ArrayList<>();
        Map<Optional<String>, CollectedBuildInformation> collectedByAnchor = new HashMap<>();
        for (PackageFileName p : distinct.values()) {
            String key = client.serverUrl() + "|" + space.id() + "|" + p.packageId() + "|" + p.version();
            if (!sent.firstTime(key)) {
                continue;
            }
            // the range starts at the commit of the newest earlier version Octopus knows, not this version's own
            Optional<String> anchor = pusher.previous(space, p.packageId(), p.version())
                    .flatMap(r -> r.buildInformation().vcsCommitNumber());
            CollectedBuildInformation collected = collectedByAnchor.computeIfAbsent(anchor, a -> collect(project, a));
            collected.warnings().forEach(this::warnOnce);
            BuildInformationRequest request =
                    new BuildInformationRequest(p.packageId(), p.version(), mode.name(), collected.buildInformation());
            written.add(request.toJsonMap());
            String range = collected.commitRange().map(r -> ", " + r.describe()).orElse("");
            if (dryRun) {
                log.info("Dry run: would send build information for " + p.packageId() + " " + p.version() + range
                        + ":\n" + request.toJson());
                continue;
            }
            try {
                BuildInformationResult result = pusher.push(space, request);
                log.info(result.describe() + range);
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

    private CollectedBuildInformation collect(MavenProject project, Optional<String> anchor) {
        Path dir = project.getBasedir() != null
                ? project.getBasedir().toPath()
                : Path.of("").toAbsolutePath();
        Optional<String> scmUrl = Optional.ofNullable(project.getScm()).map(Scm::getUrl);
        return new BuildInformationCollector().collect(dir, environment, overrides, anchor, maxCommits, scmUrl);
    }

    private void warnOnce(String warning) {
        if (warned.add(warning)) {
            log.warn(warning);
        }
    }

    private void write(MavenProject project, List<Map<String, Object>> records) {
        if (records.isEmpty()) {
            return;
        }
        Path target = project.getFile() != null
                ? Path.of(project.getBuild().getDirectory())
                : Path.of("").toAbsolutePath().resolve("target");
        Path file = target.resolve("octopus").resolve("build-information.json");
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), ".build-information", ".tmp");
            try {
                JSON.writeValue(temp.toFile(), Map.of("records", records));
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            log.warn("Could not write " + file + ": " + e.getMessage());
        }
    }

    /** The records sent in this build, so that build-information and push never send one twice. */
    static final class Sent {
        private final Set<String> keys = Collections.synchronizedSet(new HashSet<>());

        static Sent of(MavenSession session) {
            return BuildScoped.get(session, Sent.class.getName(), Sent.class, Sent::new);
        }

        boolean firstTime(String key) {
            return keys.add(key);
        }
    }
}
