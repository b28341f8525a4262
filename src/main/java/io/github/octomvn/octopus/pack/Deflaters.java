package io.github.octomvn.octopus.pack;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.zip.Deflater;

/**
 * Raw-deflate {@link Deflater}s kept for reuse, one kind per level: each holds a few hundred KiB of native memory,
 * which a new one per block would allocate and free thousands of times. Safe to share between threads.
 */
final class Deflaters implements AutoCloseable {
    private final Map<Integer, Queue<Deflater>> idle = new ConcurrentHashMap<>();

    /** A deflater of this level, reset, without dictionary. */
    Deflater take(int level) {
        Deflater deflater = queue(level).poll();
        return deflater != null ? deflater : new LevelDeflater(level);
    }

    /** Returns a deflater that {@link #take} lent. */
    void give(Deflater deflater) {
        deflater.reset();
        queue(((LevelDeflater) deflater).level).add(deflater);
    }

    private Queue<Deflater> queue(int level) {
        return idle.computeIfAbsent(level, l -> new ConcurrentLinkedQueue<>());
    }

    /** Frees the native memory of every idle deflater. */
    @Override
    public void close() {
        for (Queue<Deflater> queue : idle.values()) {
            for (Deflater deflater = queue.poll(); deflater != null; deflater = queue.poll()) {
                deflater.end();
            }
        }
    }

    /** Its level fixed for life: {@link Deflater#setLevel} would apply only after the next input. */
    private static final class LevelDeflater extends Deflater {
        final int level;

        LevelDeflater(int level) {
            super(level, true);
            this.level = level;
        }
    }
}
