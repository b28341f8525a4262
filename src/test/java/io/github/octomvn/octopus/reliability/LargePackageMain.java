package io.github.octomvn.octopus.reliability;

import io.github.octomvn.octopus.client.Credential;
import io.github.octomvn.octopus.client.OctopusClient;
import io.github.octomvn.octopus.client.OverwriteMode;
import io.github.octomvn.octopus.client.ServerSettings;
import io.github.octomvn.octopus.client.Sleeper;
import io.github.octomvn.octopus.feed.BuiltInFeed;
import io.github.octomvn.octopus.feed.UploadListener;
import io.github.octomvn.octopus.feed.UploadResult;
import io.github.octomvn.octopus.pack.FileSet;
import io.github.octomvn.octopus.pack.OctopusVersion;
import io.github.octomvn.octopus.pack.PackRequest;
import io.github.octomvn.octopus.pack.PackageBuilder;
import io.github.octomvn.octopus.pack.PackageFormat;
import io.github.octomvn.octopus.pack.PackageId;
import io.github.octomvn.octopus.pack.PackedPackage;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Packs a directory as {@code big.1.0.0.zip} and pushes it, printing {@code key=value} lines with timings and peak
 * heap per phase, for {@link LargePackageTest}'s child JVM: {@code LargePackageMain <contentDir> <outputDir>
 * <serverUrl>}, the API key in {@code OCTOPUS_API_KEY}.
 */
public final class LargePackageMain {
    private LargePackageMain() {}

    public static void main(String[] args) throws Exception {
        Path content = Paths.get(args[0]);
        Path output = Paths.get(args[1]);
        resetPeaks();
        long start = System.nanoTime();
        List<PackedPackage> packed = new PackageBuilder()
                .pack(PackRequest.builder(PackageId.of("big"), OctopusVersion.parse("1.0.0"), output)
                        .formats(List.of(PackageFormat.ZIP))
                        .addFileSet(FileSet.of(content))
                        .reproducibleTimestamp(Instant.parse("2026-11-25T00:00:00Z"))
                        .build());
        PackedPackage zip = packed.get(0);
        System.out.println("packMillis=" + (System.nanoTime() - start) / 1_000_000);
        System.out.println("packPeakHeapBytes=" + peakHeap());
        System.out.println("packedFile=" + zip.file());
        System.out.println("packedSize=" + zip.sizeBytes());
        System.out.println("packedSha1=" + zip.sha1());

        resetPeaks();
        start = System.nanoTime();
        ServerSettings settings = ServerSettings.builder(args[2], Credential.apiKey(System.getenv("OCTOPUS_API_KEY")))
                .userAgent("octopus-maven-plugin/large-package-test")
                .uploadTimeout(Duration.ofMinutes(30))
                .build();
        try (OctopusClient client =
                OctopusClient.connect(settings, Sleeper.system(), Clock.systemUTC(), System.err::println)) {
            UploadResult result = BuiltInFeed.of(client)
                    .upload(
                            client.resolveSpace(Optional.empty()),
                            zip.file(),
                            OverwriteMode.FailIfExists,
                            new UploadListener() {});
            System.out.println("pushMillis=" + (System.nanoTime() - start) / 1_000_000);
            System.out.println("pushPeakHeapBytes=" + peakHeap());
            System.out.println("outcome=" + result.outcome());
            System.out.println("pushedSha1=" + result.localSha1());
        }
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
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
