package io.github.octomvn.octopus.feed;

import io.github.octomvn.octopus.client.Credential;
import io.github.octomvn.octopus.client.OctopusClient;
import io.github.octomvn.octopus.client.OctopusException;
import io.github.octomvn.octopus.client.OverwriteMode;
import io.github.octomvn.octopus.client.ServerSettings;
import io.github.octomvn.octopus.client.Sleeper;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.util.Optional;

/**
 * Uploads one file with the real client, for tests in a child JVM (small heap) and for benchmarks:
 * {@code UploadMain <serverUrl> <file> [overwriteMode]}, the API key in {@code OCTOPUS_API_KEY}.
 */
public final class UploadMain {

    private UploadMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: UploadMain <serverUrl> <file> [overwriteMode]  (API key in OCTOPUS_API_KEY)");
            System.exit(2);
        }
        String apiKey = System.getenv("OCTOPUS_API_KEY");
        Path file = Paths.get(args[1]);
        OverwriteMode mode = args.length > 2 ? OverwriteMode.parse(args[2]) : OverwriteMode.FailIfExists;
        ServerSettings settings = ServerSettings.builder(args[0], Credential.apiKey(apiKey))
                .userAgent("octopus-maven-plugin/upload-main")
                .build();
        long start = System.nanoTime();
        try (OctopusClient client = OctopusClient.connect(
                settings, Sleeper.system(), Clock.systemUTC(), w -> System.err.println("warning " + w))) {
            UploadResult result = BuiltInFeed.of(client)
                    .upload(client.resolveSpace(Optional.empty()), file, mode, new UploadListener() {
                        @Override
                        public void progress(long bytesSent, long totalBytes) {
                            System.err.println("progress " + bytesSent + "/" + totalBytes);
                        }
                    });
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.println("outcome=" + result.outcome());
            System.out.println("sha1=" + result.localSha1());
            System.out.println("bytesSent=" + result.bytesSent());
            System.out.println("millis=" + millis);
            System.out.println("peakHeapBytes=" + peakHeap());
        } catch (OctopusException e) {
            System.out.println("error=" + e.getMessage());
            System.exit(1);
        }
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
