package io.github.octomvn.octopus.feed;

import io.github.octomvn.octopus.client.OctopusClient;
import io.github.octomvn.octopus.client.OctopusException;
import io.github.octomvn.octopus.client.OverwriteMode;
import io.github.octomvn.octopus.client.Space;
import java.nio.file.Path;
import java.util.Locale;

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
        try {
            UploadResult result = feed.upload(space, file, mode, progressLog(file));
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
            report.add(file, null, null, null, "failed", e.getMessage());
            throw e;
        }
    }

    private void plan(Path file) throws OctopusException {
        UploadPlan plan = feed.plan(space, file, mode, progressLog(file));
        log.info(file.getFileName() + ": " + plan.describe());
        report.add(
                file,
                plan.packageId(),
                plan.version(),
                plan.localSha1(),
                "dry run: " + plan.action().name().toLowerCase(Locale.ROOT),
                null);
    }

    private UploadListener progressLog(Path file) {
        return new UploadListener() {
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
        };
    }
}
