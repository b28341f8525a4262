package io.github.octomvn.octopus.pack;

import java.io.File;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.compress.parallel.InputStreamSupplier;
import org.codehaus.plexus.archiver.ArchiverException;
import org.codehaus.plexus.archiver.zip.ConcurrentJarCreator;
import org.codehaus.plexus.archiver.zip.ZipArchiver;
import org.slf4j.Logger;

/**
 * A zip archiver that stores already-compressed files instead of deflating them again.
 *
 * <p>Plexus only stores entries that start with a zip header (jar, war, zip...) when {@code recompressAddedZips} is
 * off; it has no per-entry switch for other compressed formats. Its per-entry method follows {@code isCompress()} at
 * the moment an entry is queued, on the single thread that queues entries, so this class turns compression off
 * around those entries.
 */
final class StoringZipArchiver extends ZipArchiver {
    private static final Set<String> COMPRESSED_EXTENSIONS = Collections.unmodifiableSet(new HashSet<>(Arrays.asList(
            // archives
            "zip",
            "jar",
            "war",
            "ear",
            "rar",
            "aar",
            "apk",
            "nupkg",
            "whl",
            "egg",
            "gz",
            "tgz",
            "bz2",
            "tbz2",
            "xz",
            "txz",
            "zst",
            "lz4",
            "lzma",
            "7z",
            "cab",
            // images, audio, video, fonts, documents that are zip or deflate inside
            "png",
            "jpg",
            "jpeg",
            "gif",
            "webp",
            "avif",
            "heic",
            "mp3",
            "mp4",
            "m4a",
            "m4v",
            "ogg",
            "oga",
            "ogv",
            "opus",
            "webm",
            "mkv",
            "mov",
            "avi",
            "flac",
            "woff",
            "woff2",
            "docx",
            "xlsx",
            "pptx",
            "odt",
            "ods",
            "odp")));

    private final Logger quietLogger = QuietPlexusLog.quiet(super.getLogger());

    StoringZipArchiver() {
        setRecompressAddedZips(false);
    }

    @Override
    protected Logger getLogger() {
        return quietLogger;
    }

    static boolean isAlreadyCompressed(String entryName) {
        int dot = entryName.lastIndexOf('.');
        int slash = entryName.lastIndexOf('/');
        return dot > slash + 1
                && COMPRESSED_EXTENSIONS.contains(entryName.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    @Override
    protected void zipFile(
            InputStreamSupplier in,
            ConcurrentJarCreator zOut,
            String vPath,
            long lastModified,
            File fromArchive,
            int mode,
            String symlinkDestination,
            boolean addInParallel)
            throws IOException, ArchiverException {
        if (!isCompress() || !isAlreadyCompressed(vPath)) {
            super.zipFile(in, zOut, vPath, lastModified, fromArchive, mode, symlinkDestination, addInParallel);
            return;
        }
        setCompress(false);
        try {
            super.zipFile(in, zOut, vPath, lastModified, fromArchive, mode, symlinkDestination, addInParallel);
        } finally {
            setCompress(true);
        }
    }
}
