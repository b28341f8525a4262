package io.github.octomvn.octopus.feed;

import io.github.octomvn.octopus.client.OctopusClient;
import io.github.octomvn.octopus.client.OctopusException;
import io.github.octomvn.octopus.client.OverwriteMode;
import io.github.octomvn.octopus.client.Space;
import io.github.octomvn.octopus.pack.PackManifest;
import io.github.octomvn.octopus.pack.PackageFileName;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Uploads package files (or, on a dry run, checks what an upload would do), a bounded number at once, logging
 * progress and a result line for each and recording each in the push report.
 *
 * <p>Order is kept whatever the concurrency: progress lines appear as they happen, each a whole line naming its
 * package; each package's result line, its report row and the summary follow the packages' order (a package's
 * result waits for those before it). After a failure no further package starts; those already under way finish,
 * so none is left half-sent, and the first failing package in order is the one that fails the push.
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
    private boolean deltaCompression;
    private int threads = 1;
    private Function<Path, Optional<PackManifest.Entry>> packed = file -> Optional.empty();

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
        this.log = new SerializedListener(log);
        this.total = total;
    }

    /** Sends packages as deltas where that pays (see {@link BuiltInFeed#upload}). */
    PackageUploads withDeltaCompression(boolean deltaCompression) {
        this.deltaCompression = deltaCompression;
        return this;
    }

    /** Uploads at most {@code threads} packages at once. */
    PackageUploads withThreads(int threads) {
        this.threads = Math.max(1, threads);
        return this;
    }

    /** What the pack manifest recorded of a file, so that the upload need not read it for its SHA-1. */
    PackageUploads withPackManifest(Function<Path, Optional<PackManifest.Entry>> packed) {
        this.packed = packed;
        return this;
    }

    /** Pushes {@code files} in order (several at once when allowed); throws the first failure in that order. */
    void pushAll(List<Path> files) throws OctopusException {
        List<Slot> slots = new ArrayList<>();
        for (Path file : files) {
            slots.add(new Slot(file));
        }
        Ordered ordered = new Ordered(slots);
        int workers = Math.min(threads, slots.size());
        ExecutorService pool = workers <= 1 ? null : Executors.newFixedThreadPool(workers - 1, uploadThreads());
        try {
            List<Future<?>> others = new ArrayList<>();
            for (int i = 1; i < workers; i++) {
                others.add(pool.submit(ordered::work));
            }
            ordered.work();
            for (Future<?> other : others) {
                awaitQuietly(other, ordered);
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        ordered.emitFinished();
        for (Slot slot : slots) {
            if (slot.unexpected instanceof RuntimeException) {
                throw (RuntimeException) slot.unexpected;
            }
            if (slot.unexpected instanceof Error) {
                throw (Error) slot.unexpected;
            }
        }
        OctopusException first = null;
        for (Slot slot : slots) {
            if (slot.failure == null) {
                continue;
            }
            if (first == null) {
                first = slot.failure;
            } else {
                log.warn(slot.file.getFileName() + " failed too: " + slot.failure.getMessage());
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Waits for a worker; an interrupted wait stops the others from starting more and still waits. */
    private static void awaitQuietly(Future<?> worker, Ordered ordered) {
        boolean interrupted = false;
        while (true) {
            try {
                worker.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
                ordered.stopped = true;
            } catch (ExecutionException e) {
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory uploadThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "octopus-upload-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** One package of the push: what happened to it, filled in by the thread that pushed it. */
    private final class Slot {
        final Path file;
        final Progress progress;
        volatile boolean done;
        volatile OctopusException failure;
        volatile Throwable unexpected;
        /** The result line and report row, run in order by {@link Ordered}. */
        volatile Runnable emit;

        Slot(Path file) {
            this.file = file;
            this.progress = new Progress(file);
        }

        void push() {
            try {
                emit = dryRun ? plan(file, progress) : upload(file, progress);
            } catch (OctopusException e) {
                failure = e;
                emit = () -> reportFailure(file, progress, e.getMessage());
            } catch (RuntimeException | Error e) {
                // a bug, not a server's answer: recorded, and rethrown as it is by pushAll
                unexpected = e;
                emit = () -> reportFailure(file, progress, String.valueOf(e));
            }
            done = true;
        }
    }

    /** Hands out the packages in order and emits their results in order, each once. */
    private final class Ordered {
        private final List<Slot> slots;
        private final AtomicInteger next = new AtomicInteger();
        private volatile boolean stopped;
        private int emitted;

        Ordered(List<Slot> slots) {
            this.slots = slots;
        }

        void work() {
            while (!stopped && !Thread.currentThread().isInterrupted()) {
                int i = next.getAndIncrement();
                if (i >= slots.size()) {
                    return;
                }
                Slot slot = slots.get(i);
                slot.push();
                if (slot.failure != null || slot.unexpected != null) {
                    stopped = true;
                }
                emitFinished();
            }
        }

        /** Emits every finished package whose predecessors are all emitted. */
        synchronized void emitFinished() {
            while (emitted < slots.size() && slots.get(emitted).done) {
                slots.get(emitted).emit.run();
                emitted++;
            }
        }
    }

    private Runnable upload(Path file, Progress progress) throws OctopusException {
        long started = System.nanoTime();
        UploadResult result = feed.upload(space, file, mode, deltaCompression, progress, packed.apply(file));
        double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
        String timing = result.bytesSent() == 0
                ? ""
                : String.format(
                        Locale.ROOT, " in %.1f s (%s/s)", seconds, Sizes.human((long) (result.bytesSent() / seconds)));
        String line = file.getFileName() + " (" + Sizes.human(result.record().sizeBytes()) + "): " + result.describe()
                + timing + ", " + result.webUrl();
        return () -> {
            log.info(line);
            outcomes.merge(result.outcome(), 1, Integer::sum);
            report.add(
                    file,
                    result.record().packageId(),
                    result.record().version(),
                    result.localSha1(),
                    result.outcome().name().toLowerCase(Locale.ROOT),
                    null);
            report.transfer(result.delta(), result.fullUploadReason());
        };
    }

    private Runnable plan(Path file, Progress progress) throws OctopusException {
        UploadPlan plan = feed.plan(space, file, mode, deltaCompression, progress, packed.apply(file));
        return () -> {
            log.info(file.getFileName() + ": " + plan.describe());
            actions.merge(plan.action(), 1, Integer::sum);
            report.add(
                    file,
                    plan.packageId(),
                    plan.version(),
                    plan.localSha1(),
                    "dry run: " + plan.action().name().toLowerCase(Locale.ROOT),
                    null);
        };
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
    private void reportFailure(Path file, Progress progress, String message) {
        failed++;
        Optional<PackageFileName> name =
                Optional.ofNullable(file.getFileName()).flatMap(n -> PackageFileName.parse(n.toString()));
        report.add(
                file,
                name.map(PackageFileName::packageId).orElse(null),
                name.map(PackageFileName::version).orElse(null),
                progress.sha1,
                "failed",
                message);
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

        @Override
        public void deltaProgress(String baseVersion, long bytesScanned, long totalBytes) {
            log.info(String.format(
                    Locale.ROOT,
                    "%s: building the delta against %s: %d%% (%s of %s)",
                    file.getFileName(),
                    baseVersion,
                    totalBytes == 0 ? 100 : bytesScanned * 100 / totalBytes,
                    Sizes.human(bytesScanned),
                    Sizes.human(totalBytes)));
        }
    }

    /** Several uploads share one log: each line goes out whole, one at a time. */
    private static final class SerializedListener implements PushListener {
        private final PushListener log;

        SerializedListener(PushListener log) {
            this.log = log;
        }

        @Override
        public synchronized void info(String message) {
            log.info(message);
        }

        @Override
        public synchronized void warn(String message) {
            log.warn(message);
        }
    }
}
