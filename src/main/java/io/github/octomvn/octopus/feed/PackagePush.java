package io.github.octomvn.octopus.feed;

import io.github.octomvn.octopus.buildinfo.BuildInformationPublisher;
import io.github.octomvn.octopus.buildinfo.ProjectSource;
import io.github.octomvn.octopus.client.OctopusClient;
import io.github.octomvn.octopus.client.OctopusException;
import io.github.octomvn.octopus.client.OverwriteMode;
import io.github.octomvn.octopus.client.Space;
import io.github.octomvn.octopus.pack.PackageFileName;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One push: resolve the space, send each project's build information first (so that a release created when the
 * package arrives already has it), then upload the packages (a bounded number at once, reported in their order),
 * log a summary line, and write
 * {@code push-report.json} whatever happens.
 */
public final class PackagePush {
    private final PushRequest request;
    private final Optional<BuildInformationPublisher> buildInformation;
    private final PushListener listener;

    public PackagePush(
            PushRequest request, Optional<BuildInformationPublisher> buildInformation, PushListener listener) {
        this.request = Objects.requireNonNull(request, "request");
        this.buildInformation = Objects.requireNonNull(buildInformation, "buildInformation");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Pushes through {@code client}; the report names the server even when connecting failed before this. */
    public void run(OctopusClient client) throws OctopusException {
        PushReport report = new PushReport(client.serverUrl(), request.dryRun());
        try {
            Space target = client.resolveSpace(request.space());
            report.server(client.serverVersion(), target);
            List<Path> files = request.files();
            OverwriteMode mode = request.mode();
            listener.info(String.format(
                    "%s %d package(s) to %s (Octopus %s), space '%s'%s",
                    request.dryRun() ? "Dry run: would push" : "Pushing",
                    files.size(),
                    client.serverUrl(),
                    client.serverVersion(),
                    target.name(),
                    mode == OverwriteMode.FailIfExists ? "" : ", " + mode));
            PackageUploads uploads = new PackageUploads(
                            client, target, mode, request.dryRun(), report, listener, files.size())
                    .withDeltaCompression(request.deltaCompression())
                    .withThreads(request.uploadThreads())
                    .withPackManifest(request::packed);
            try {
                if (buildInformation.isPresent()) {
                    // one call for every project: their lookups run side by side
                    Map<ProjectSource, List<PackageFileName>> names = new LinkedHashMap<>();
                    request.filesByProject()
                            .forEach((project, projectFiles) -> names.put(project, namesOf(projectFiles)));
                    buildInformation.get().publish(client, target, names);
                }
                uploads.pushAll(files);
            } finally {
                // Also when a package failed: the line comes before the failure reaches the user.
                listener.info(uploads.summary());
            }
        } finally {
            write(report);
        }
    }

    /** Writes a report that says only where the push was headed, for a push that could not connect. */
    public void reportUnreachable(String serverUrl) {
        write(new PushReport(serverUrl, request.dryRun()));
    }

    private void write(PushReport report) {
        try {
            report.write(request.reportFile());
        } catch (IOException e) {
            listener.warn("Could not write " + request.reportFile() + ": " + e.getMessage());
        }
    }

    /** The package names of the files; a file with another name is left to the upload, which explains it. */
    private static List<PackageFileName> namesOf(List<Path> files) {
        List<PackageFileName> names = new ArrayList<>();
        for (Path file : files) {
            PackageFileName.parse(file.getFileName().toString()).ifPresent(names::add);
        }
        return names;
    }
}
