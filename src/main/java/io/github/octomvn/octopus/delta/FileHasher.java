package io.github.octomvn.octopus.delta;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The new file's SHA-1, computed on a second thread for large files: hashing the whole file and confirming every
 * matched chunk by SHA-1 are the two big costs of a build, and running them side by side keeps a mostly unchanged
 * package's delta near the cost of one SHA-1 pass instead of two.
 */
final class FileHasher implements AutoCloseable {

    private final MessageDigest sha1 = Octodiff.sha1();
    private final ExecutorService executor;
    private final byte[] known;
    private Future<?> pending;

    private FileHasher(ExecutorService executor, byte[] known) {
        this.executor = executor;
        this.known = known;
    }

    static FileHasher inline() {
        return new FileHasher(null, null);
    }

    /** A hasher that hashes nothing: the caller already knows the file's SHA-1. */
    static FileHasher known(byte[] sha1) {
        return new FileHasher(null, sha1.clone());
    }

    static FileHasher background() {
        return new FileHasher(
                Executors.newSingleThreadExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "octodiff-sha1");
                    thread.setDaemon(true);
                    return thread;
                }),
                null);
    }

    /** Hashes the range, possibly later: the caller must {@link #awaitIdle()} before overwriting it. */
    void update(byte[] bytes, int offset, int length) {
        if (length == 0 || known != null) {
            return;
        }
        if (executor == null) {
            sha1.update(bytes, offset, length);
        } else {
            pending = executor.submit(() -> sha1.update(bytes, offset, length));
        }
    }

    /** Returns once every range handed to {@link #update} is hashed. */
    void awaitIdle() throws IOException {
        if (pending == null) {
            return;
        }
        try {
            pending.get();
            pending = null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while hashing the new file");
        } catch (ExecutionException e) {
            throw new IllegalStateException("hashing the new file failed", e.getCause());
        }
    }

    byte[] digest() throws IOException {
        if (known != null) {
            return known.clone();
        }
        awaitIdle();
        return sha1.digest();
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
