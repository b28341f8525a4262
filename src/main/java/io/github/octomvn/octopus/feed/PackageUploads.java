package io.github.octomvn.octopus.feed;

import io.github.octomvn.octopus.client.OctopusClient;
import io.github.octomvn.octopus.client.OctopusException;
import io.github.octomvn.octopus.client.OverwriteMode;
import io.github.octomvn.octopus.client.Space;
import io.github.octomvn.octopus.pack.PackageFileName;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Uploads package files one by one (or, on a dry run, checks what an upload would do), logging progress and a
 * summary line for each and recording each in the push report.
 */
final class PackageUploads {
    private final BuiltInFeed feed;
    private final Space space;
    private final OverwriteMode mode;
    private final boolean dryRun;
    private final PushReport report;
    private final PushListener log;

    PackageUploads(
            OctopusClient client,
            Space space,
            OverwriteMode mode,
            boolean dryRun,
            PushReport report,
            PushListener log) {
        this.feed = BuiltInFeed.of(client);
        this.space = space;
        this.mode = mode;
        this.dryRun = dryRun;
        this.report = report;
        this.log = log;
    }

    void push(Path file) throws OctopusException {
        if (dryRun) {
            plan(file);
        } else {
            upload(file);
        }
    }

    private void upload(Path file) throws OctopusException {
        long started = System.nanoTime();
        Progress progress = new Progress(file);
        try {
            UploadResult result = feed.upload(space, file, mode, progress);
            double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
            String timing = result.bytesSent() == 0
                    ? ""
                    : String.format(Locale.ROOT, " in %.1f s (%s/s)", seconds, Sizes.human((long)
                            (result.bytesSent() / seconds)));
            log.info(file.getFileName() + " (" + Sizes.human(result.record().sizeBytes()) + "): " + result.describe()
                    + timing + ", " + result.webUrl());
            report.add(
                    file,
                    result.record().packageId(),
                    result.record().version(),
                    result.localSha1(),
                    result.outcome().name().toLowerCase(Locale.ROOT),
                    null);
        } catch (OctopusException e) {
            reportFailure(file, progress, e);
            throw e;
        }
    }

    private void plan(Path file) throws OctopusException {
        Progress progress = new Progress(file);
        UploadPlan plan;
        try {
            plan = feed.plan(space, file, mode, progress);
        } catch (OctopusException e) {
            reportFailure(file, progress, e);
            throw e;
        }
        log.info(file.getFileName() + ": " + plan.describe());
        report.add(
                file,
                plan.packageId(),
                plan.version(),
                plan.localSha1(),
                "dry run: " + plan.action().name().toLowerCase(Locale.ROOT),
                null);
    }

    /** A failed package's row says what is known: ID and version when the file name parses, SHA-1 when computed. */
    private void reportFailure(Path file, Progress progress, OctopusException e) {
        Optional<PackageFileName> name =
                Optional.ofNullable(file.getFileName()).flatMap(n -> PackageFileName.parse(n.toString()));
        report.add(
                file,
                name.map(PackageFileName::packageId).orElse(null),
                name.map(PackageFileName::version).orElse(null),
                progress.sha1,
                "failed",
                e.getMessage());
    }

    /** Logs an upload's progress and remembers the file's SHA-1 for the report. */
    private final class Progress implements UploadListener {
        private final Path file;
        private volatile String sha1;

        Progress(Path file) {
            this.file = file;
        }

        @Override
        public void progress(long bytesSent, long totalBytes) {
            log.info(String.format(
                    Locale.ROOT,
                    "%s: %d%% (%s of %s)",
                    file.getFileName(),
                    totalBytes == 0 ? 100 : bytesSent * 100 / totalBytes,
                    Sizes.human(bytesSent),
                    Sizes.human(totalBytes)));
        }

        @Override
        public void hashed(String sha1) {
            this.sha1 = sha1;
        }
    }
}
