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
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Packs a directory as {@code big.1.0.0.zip} and pushes it, printing {@code key=value} lines with timings and peak
 * heap per phase, for {@link LargePackageTest}'s child JVM: {@code LargePackageMain <contentDir> <outputDir>
 * <serverUrl> [<file> <offset>]}, the API key in {@code OCTOPUS_API_KEY}. With a file and an offset, 4 KiB of that
 * file are then changed there, and {@code big.1.0.1.zip} is packed and pushed as a delta (keys prefixed
 * {@code next.}).
 */
public final class LargePackageMain {
    private LargePackageMain() {}

    public static void main(String[] args) throws Exception {
        Path content = Paths.get(args[0]);
        Path output = Paths.get(args[1]);
        ServerSettings settings = ServerSettings.builder(args[2], Credential.apiKey(System.getenv("OCTOPUS_API_KEY")))
                .userAgent("octopus-maven-plugin/large-package-test")
                .uploadTimeout(Duration.ofMinutes(30))
                .build();
        PackedPackage zip = pack(content, output, "1.0.0", "");
        push(settings, zip, false, "");
        if (args.length > 3) {
            // 1.0.1: the same content with 4 KiB changed at the given offset, pushed as a delta against 1.0.0.
            try (FileChannel file = FileChannel.open(content.resolve(args[3]), StandardOpenOption.WRITE)) {
                file.write(ByteBuffer.wrap(new byte[4096]).put(0, (byte) 1), Long.parseLong(args[4]));
            }
            PackedPackage next = pack(content, output, "1.0.1", "next.");
            Files.delete(zip.file()); // pushed already: the disk need not hold three copies of 4 GiB
            push(settings, next, true, "next.");
        }
    }

    private static PackedPackage pack(Path content, Path output, String version, String prefix) throws Exception {
        resetPeaks();
        long start = System.nanoTime();
        List<PackedPackage> packed = new PackageBuilder()
                .pack(PackRequest.builder(PackageId.of("big"), OctopusVersion.parse(version), output)
                        .formats(List.of(PackageFormat.ZIP))
                        .addFileSet(FileSet.of(content))
                        .reproducibleTimestamp(Instant.parse("2026-11-25T00:00:00Z"))
                        .build());
        PackedPackage zip = packed.get(0);
        System.out.println(prefix + "packMillis=" + (System.nanoTime() - start) / 1_000_000);
        System.out.println(prefix + "packPeakHeapBytes=" + peakHeap());
        System.out.println(prefix + "packedFile=" + zip.file());
        System.out.println(prefix + "packedSize=" + zip.sizeBytes());
        System.out.println(prefix + "packedSha1=" + zip.sha1());
        return zip;
    }

    private static void push(ServerSettings settings, PackedPackage zip, boolean delta, String prefix)
            throws Exception {
        resetPeaks();
        long start = System.nanoTime();
        try (OctopusClient client =
                OctopusClient.connect(settings, Sleeper.system(), Clock.systemUTC(), System.err::println)) {
            UploadResult result = BuiltInFeed.of(client)
                    .upload(
                            client.resolveSpace(Optional.empty()),
                            zip.file(),
                            OverwriteMode.FailIfExists,
                            delta,
                            new UploadListener() {});
            System.out.println(prefix + "pushMillis=" + (System.nanoTime() - start) / 1_000_000);
            System.out.println(prefix + "pushPeakHeapBytes=" + peakHeap());
            System.out.println(prefix + "outcome=" + result.outcome());
            System.out.println(prefix + "pushedSha1=" + result.localSha1());
            result.delta().ifPresent(d -> {
                System.out.println(prefix + "deltaBase=" + d.baseVersion());
                System.out.println(prefix + "deltaBytes=" + d.deltaBytes());
            });
            result.fullUploadReason().ifPresent(reason -> System.out.println(prefix + "fullUploadReason=" + reason));
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
