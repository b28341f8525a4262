package io.github.octomvn.octopus.feed;

import io.github.octomvn.octopus.client.OctopusClient;
import io.github.octomvn.octopus.client.OctopusException;
import io.github.octomvn.octopus.client.OverwriteMode;
import io.github.octomvn.octopus.client.Space;
import io.github.octomvn.octopus.pack.PackageFileName;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
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
    private final int total;
    private final Map<UploadOutcome, Integer> outcomes = new EnumMap<>(UploadOutcome.class);
    private final Map<UploadPlan.Action, Integer> actions = new EnumMap<>(UploadPlan.Action.class);
    private int failed;

    PackageUploads(
            OctopusClient client,
            Space space,
            OverwriteMode mode,
            boolean dryRun,
            PushReport report,
            PushListener log,
            int total) {
        this.feed = BuiltInFeed.of(client);
        this.space = space;
        this.mode = mode;
        this.dryRun = dryRun;
        this.report = report;
        this.log = log;
        this.total = total;
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
            outcomes.merge(result.outcome(), 1, Integer::sum);
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
        actions.merge(plan.action(), 1, Integer::sum);
        report.add(
                file,
                plan.packageId(),
                plan.version(),
                plan.localSha1(),
                "dry run: " + plan.action().name().toLowerCase(Locale.ROOT),
                null);
    }

    /**
     * The push in one line, e.g. {@code 3 packages: 2 uploaded, 1 identical, 0 failed}, or on a dry run
     * {@code Dry run: 2 packages would be uploaded, 1 is already identical}; packages a failure left unpushed are
     * counted too.
     */
    String summary() {
        return dryRun ? planSummary() : uploadSummary();
    }

    private String uploadSummary() {
        int replaced = count(outcomes, UploadOutcome.REPLACED);
        int uploaded = count(outcomes, UploadOutcome.CREATED) + replaced;
        int kept = count(outcomes, UploadOutcome.KEPT_EXISTING);
        int identical = count(outcomes, UploadOutcome.IDENTICAL);
        StringBuilder line = new StringBuilder(packages(total) + ": " + uploaded + " uploaded");
        if (replaced > 0) {
            line.append(" (").append(replaced).append(" replacing the server's copy)");
        }
        line.append(", ").append(identical).append(" identical");
        if (kept > 0) {
            line.append(", ").append(kept).append(" kept (the server's copy differs)");
        }
        line.append(", ").append(failed).append(" failed");
        int notPushed = total - uploaded - identical - kept - failed;
        if (notPushed > 0) {
            line.append(", ").append(notPushed).append(" not pushed");
        }
        return line.toString();
    }

    private String planSummary() {
        int upload = count(actions, UploadPlan.Action.UPLOAD) + count(actions, UploadPlan.Action.UPLOAD_UNCHECKED);
        int identical = count(actions, UploadPlan.Action.NOTHING_IDENTICAL);
        int replace = count(actions, UploadPlan.Action.REPLACE);
        int keep = count(actions, UploadPlan.Action.KEEP_EXISTING);
        StringBuilder line = new StringBuilder("Dry run: " + packages(upload) + " would be uploaded, " + identical
                + (identical == 1 ? " is" : " are") + " already identical");
        if (replace > 0) {
            line.append(", ").append(replace).append(" would replace the server's copy");
        }
        if (keep > 0) {
            line.append(", ").append(keep).append(" would keep the server's copy");
        }
        if (failed > 0) {
            line.append(", ").append(failed).append(" would fail");
        }
        int unchecked = total - upload - identical - replace - keep - failed;
        if (unchecked > 0) {
            line.append(", ").append(unchecked).append(" not checked");
        }
        return line.toString();
    }

    private static <K> int count(Map<K, Integer> counts, K key) {
        return counts.getOrDefault(key, 0);
    }

    private static String packages(int n) {
        return n + (n == 1 ? " package" : " packages");
    }

    /** A failed package's row says what is known: ID and version when the file name parses, SHA-1 when computed. */
    private void reportFailure(Path file, Progress progress, OctopusException e) {
        failed++;
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
