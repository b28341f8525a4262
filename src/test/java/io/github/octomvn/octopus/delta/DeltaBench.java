package io.github.octomvn.octopus.delta;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;

/**
 * For bench/run.sh (not a test): {@code DeltaBench BASE NEW DIR} builds the signature of BASE as the server would,
 * then the delta of NEW against it as the push does, and prints one line of {@code key=value}: {@code sig_ms},
 * {@code delta_ms} and {@code delta_cpu_ms} (the delta build alone, wall and the process's CPU time over all
 * threads, since the SHA-1 of the new file runs beside the scan), {@code java_sha1_ms} (one SHA-1 pass over NEW
 * in this JVM, for reference), {@code delta_bytes}, {@code new_bytes}. The delta file in DIR is deleted.
 */
public final class DeltaBench {

    private DeltaBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: DeltaBench BASE NEW DIR");
            System.exit(2);
        }
        Path base = Paths.get(args[0]);
        Path newFile = Paths.get(args[1]);
        Path dir = Paths.get(args[2]);

        long t0 = System.nanoTime();
        Signature signature = new SignatureReader().read(new SignatureBuilder().build(base));
        long sigNanos = System.nanoTime() - t0;

        long cpu0 = processCpuNanos();
        long t1 = System.nanoTime();
        DeltaFile delta = new DeltaBuilder().buildInDirectory(signature, newFile, dir);
        long deltaNanos = System.nanoTime() - t1;
        long deltaCpu = processCpuNanos() - cpu0;

        // What the server does with it: its signature on every core, as the test server answers, and the rebuild.
        long t3 = System.nanoTime();
        new SignatureBuilder()
                .write(
                        base,
                        OutputStream.nullOutputStream(),
                        Runtime.getRuntime().availableProcessors());
        long parallelSigNanos = System.nanoTime() - t3;
        Path rebuilt = dir.resolve("DeltaBench-rebuilt.tmp");
        long t4 = System.nanoTime();
        new DeltaApplier().apply(base, delta.path(), rebuilt);
        long applyNanos = System.nanoTime() - t4;
        Files.delete(rebuilt);
        Files.delete(delta.path());

        long t2 = System.nanoTime();
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        byte[] buffer = new byte[1024 * 1024];
        try (InputStream in = Files.newInputStream(newFile)) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                sha1.update(buffer, 0, n);
            }
        }
        sha1.digest();
        long sha1Nanos = System.nanoTime() - t2;

        System.out.printf(
                "sig_ms=%d parallel_sig_ms=%d apply_ms=%d delta_ms=%d delta_cpu_ms=%d java_sha1_ms=%d delta_bytes=%d"
                        + " new_bytes=%d%n",
                sigNanos / 1_000_000,
                parallelSigNanos / 1_000_000,
                applyNanos / 1_000_000,
                deltaNanos / 1_000_000,
                deltaCpu / 1_000_000,
                sha1Nanos / 1_000_000,
                delta.deltaSize(),
                delta.newFileSize());
    }

    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
        }
        return 0;
    }
}
