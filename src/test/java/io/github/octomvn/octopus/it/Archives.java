package io.github.octomvn.octopus.it;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** Reads packages back for the integration tests' verify scripts, independently of how they were written. */
public final class Archives {
    private Archives() {}

    /** Entry name to compression method ({@link ZipEntry#STORED} or {@link ZipEntry#DEFLATED}), in file order. */
    public static Map<String, Integer> zipEntries(Path zip) throws IOException {
        Map<String, Integer> entries = new LinkedHashMap<>();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            file.stream().forEach(e -> entries.put(e.getName(), e.getMethod()));
        }
        return entries;
    }

    /** Entry name to unix mode (permission bits only), in file order. */
    public static Map<String, Integer> tarEntries(Path tarGz) throws IOException {
        Map<String, Integer> entries = new LinkedHashMap<>();
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(tarGz)));
                TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                entries.put(entry.getName(), entry.getMode() & 07777);
            }
        }
        return entries;
    }
}
