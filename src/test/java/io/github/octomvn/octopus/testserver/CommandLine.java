package io.github.octomvn.octopus.testserver;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** {@link OctopusTestServer#main}: runs a server by hand until stdin closes or the process is stopped. */
final class CommandLine {

    private CommandLine() {}

    /** {@code --throttle-mbit 100}: megabits (10^6 bits) a second, as links are sold, in bytes a second. */
    static long bytesPerSecond(String megabits) {
        double mbit = Double.parseDouble(megabits);
        if (!(mbit > 0) || Double.isInfinite(mbit)) {
            throw new IllegalArgumentException("--throttle-mbit needs a positive number, not " + megabits);
        }
        return Math.max(1, Math.round(mbit * 1_000_000 / 8));
    }

    static void run(String[] args) throws Exception {
        OctopusTestServer.Builder builder = OctopusTestServer.builder();
        long throttle = 0;
        List<Path> seeds = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port":
                    builder.port(Integer.parseInt(args[++i]));
                    break;
                case "--api-key":
                    builder.apiKey(args[++i]);
                    break;
                case "--storage":
                    builder.storageDir(Paths.get(args[++i]));
                    break;
                case "--legacy":
                    builder.legacy();
                    break;
                case "--no-delta":
                    builder.withoutDeltaUpload();
                    break;
                case "--seed":
                    seeds.add(Paths.get(args[++i]));
                    break;
                case "--throttle-mbit":
                    throttle = bytesPerSecond(args[++i]);
                    builder.throttle(throttle);
                    break;
                default:
                    System.err.println(
                            "Unknown option " + args[i]
                                    + "; options: --port N --api-key KEY --storage DIR --legacy --no-delta --throttle-mbit M --seed FILE");
                    System.exit(2);
            }
        }
        CountDownLatch stopped = new CountDownLatch(1);
        try (OctopusTestServer server = builder.start()) {
            for (Path seed : seeds) {
                // As if uploaded earlier: a benchmark's base version without pushing it through a throttled link.
                server.seedPackage("Spaces-1", seed.getFileName().toString(), seed);
            }
            System.out.println("url=" + server.url());
            System.out.println("apiKey=" + server.apiKey());
            System.out.println("storage=" + server.storageDir());
            System.out.println("throttle=" + throttle + " bytes/s");
            System.out.flush();
            Thread stdin = new Thread(() -> {
                try {
                    while (System.in.read() >= 0) {
                        // wait for end of input
                    }
                } catch (IOException ignored) {
                    // treat as end of input
                }
                stopped.countDown();
            });
            stdin.setDaemon(true);
            stdin.start();
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            stopped.await();
        }
    }
}
