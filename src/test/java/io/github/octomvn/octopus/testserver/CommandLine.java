package io.github.octomvn.octopus.testserver;

import java.io.IOException;
import java.nio.file.Paths;
import java.util.concurrent.CountDownLatch;

/** {@link OctopusTestServer#main}: runs a server by hand until stdin closes or the process is stopped. */
final class CommandLine {

    private CommandLine() {}

    static void run(String[] args) throws Exception {
        OctopusTestServer.Builder builder = OctopusTestServer.builder();
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
                default:
                    System.err.println("Unknown option " + args[i]
                            + "; options: --port N --api-key KEY --storage DIR --legacy --no-delta");
                    System.exit(2);
            }
        }
        CountDownLatch stopped = new CountDownLatch(1);
        try (OctopusTestServer server = builder.start()) {
            System.out.println("url=" + server.url());
            System.out.println("apiKey=" + server.apiKey());
            System.out.println("storage=" + server.storageDir());
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
