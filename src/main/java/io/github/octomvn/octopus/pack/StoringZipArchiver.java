package io.github.octomvn.octopus.pack;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import org.apache.commons.compress.archivers.zip.UnixStat;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.parallel.InputStreamSupplier;
import org.codehaus.plexus.archiver.ArchiverException;
import org.codehaus.plexus.archiver.zip.ConcurrentJarCreator;
import org.codehaus.plexus.archiver.zip.ZipArchiver;
import org.codehaus.plexus.components.io.functions.SymlinkDestinationSupplier;
import org.codehaus.plexus.components.io.resources.PlexusIoResource;
import org.slf4j.Logger;

/**
 * A zip archiver that stores already-compressed files instead of deflating them again, deflates large files
 * block-parallel, and hashes the archive as it writes it.
 *
 * <p>Plexus decides what goes into the archive (resources, file sets, parent directories, reproducible umask and
 * times, the order of entries); this class writes every entry, files and directories, itself, through
 * {@link OrderedZipEntries} into a {@link ZipWriter}, in the order Plexus adds them, instead of Plexus' scatter
 * store (which holds every entry's compressed bytes in memory or temporary files until the archive is closed, then
 * copies them). Small entries are read and deflated on the pool while earlier ones are written; a large deflated
 * entry is written as its blocks are deflated, with a data descriptor, so no entry ever goes through a temporary file
 * and writing and hashing overlap deflating.
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

    /** Opens the stream that an archive is written to. */
    interface ArchiveOutput {
        OutputStream open() throws IOException;
    }

    /** How one file entry is written. */
    enum Compression {
        /** As it is: already compressed, or samples of it do not shrink. */
        STORE,
        /** Deflated whole on one thread of the pool: small entries. */
        DEFLATE,
        /** Deflated block-parallel by {@link ParallelDeflatingInputStream} as it is written: large entries. */
        DEFLATE_BLOCKS
    }

    /** How one file entry is written, and the size of the file, which a block-parallel deflated entry needs. */
    static final class Planned {
        final Compression compression;
        final long size;

        Planned(Compression compression, long size) {
            this.compression = compression;
            this.size = size;
        }
    }

    private final Logger quietLogger = QuietPlexusLog.quiet(super.getLogger());
    private final Map<String, Planned> plan;
    private final ExecutorService pool;
    private final int maxInFlight;
    private final ArchiveOutput output;
    private final OrderedZipEntries ordered;
    private ZipWriter writer;

    /**
     * @param plan how each file entry, by name, is written; entries not in it are stored if their extension says
     *     they are compressed already, else deflated
     * @param pool runs the blocks of {@link Compression#DEFLATE_BLOCKS} entries and reads and deflates the others
     * @param maxInFlight blocks of one {@link Compression#DEFLATE_BLOCKS} entry queued or running at once
     * @param maxEntriesInFlight other entries read, deflated or waiting to be written at once, each up to
     *     {@link OrderedZipEntries#IN_MEMORY_MAX} bytes
     * @param output opens the stream that the archive is written to, instead of Plexus' own
     */
    StoringZipArchiver(
            Map<String, Planned> plan,
            ExecutorService pool,
            int maxInFlight,
            int maxEntriesInFlight,
            ArchiveOutput output) {
        this.plan = plan;
        this.pool = pool;
        this.maxInFlight = maxInFlight;
        this.output = output;
        this.ordered = new OrderedZipEntries(pool, maxEntriesInFlight);
        setRecompressAddedZips(false);
    }

    /** Entry names are written in UTF-8, Plexus' default, flagged as such: readers need no other hint. */
    @Override
    public void setEncoding(String encoding) {
        if (!StandardCharsets.UTF_8.name().equalsIgnoreCase(encoding)
                && StandardCharsets.UTF_8.aliases().stream().noneMatch(a -> a.equalsIgnoreCase(encoding))) {
            throw new IllegalArgumentException("Zip entry names are written in UTF-8 only, not " + encoding + ".");
        }
        super.setEncoding(encoding);
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

    /**
     * Plexus has just opened the archive; it is opened again here, through {@link #output}, which hashes it as it
     * writes it, so that the package's SHA-1 is known when it is complete instead of costing another read of it.
     */
    @Override
    protected void initZipOutputStream(ConcurrentJarCreator zOut) throws IOException {
        // Its file is empty so far; closing it writes an empty zip, which the new stream then truncates. Plexus
        // closes it again at the end, after writing its scatter store, which stays empty, into it.
        zipArchiveOutputStream.close();
        writer = new ZipWriter(output.open());
    }

    /** Every entry still in flight is written, then the central directory. */
    @Override
    protected void finalizeZipOutputStream(ConcurrentJarCreator zOut) throws IOException, ArchiverException {
        try {
            ordered.finish(writer);
            writer.finish();
        } catch (IOException | RuntimeException | Error e) {
            ordered.abandon();
            throw e;
        }
        super.finalizeZipOutputStream(zOut);
    }

    /** After a failure the archive is closed unfinished: the caller deletes what it holds. */
    @Override
    protected void close() throws IOException {
        try {
            if (writer != null && !writer.isFinished()) {
                ordered.abandon();
                writer.close();
            }
        } catch (IOException e) {
            // The failure that stopped the archive matters more.
        } finally {
            writer = null;
            super.close();
        }
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
        // What super.zipFile does, but written by our writer instead of Plexus' scatter store
        entries.put(vPath, vPath);
        if (skipWriting) {
            return;
        }
        ZipArchiveEntry entry = new ZipArchiveEntry(vPath);
        setZipEntryTime(entry, lastModified);
        entry.setUnixMode(UnixStat.FILE_FLAG | mode);
        Planned planned = plan.get(vPath);
        Compression compression = planned != null
                ? planned.compression
                : isAlreadyCompressed(vPath) ? Compression.STORE : Compression.DEFLATE;
        try {
            if (symlinkDestination != null) {
                ordered.add(entry, linkTarget(symlinkDestination), isCompress(), -1, writer);
            } else if (isCompress() && compression == Compression.DEFLATE_BLOCKS && ZipWriter.canStream(planned.size)) {
                ordered.addDeflating(
                        entry,
                        () -> new ParallelDeflatingInputStream(in.get(), pool, maxInFlight),
                        planned.size,
                        writer);
            } else {
                // A large file a little under 4 GiB cannot be streamed (ZipWriter.canStream) and is stored: it is
                // too large to deflate in memory.
                ordered.add(
                        entry,
                        in,
                        isCompress() && compression != Compression.STORE,
                        planned != null ? planned.size : -1,
                        writer);
            }
        } catch (IOException | RuntimeException | Error e) {
            ordered.abandon();
            throw e;
        }
    }

    /** What super.zipDir does, but written in order with the files by our writer. */
    @Override
    protected void zipDir(PlexusIoResource dir, ConcurrentJarCreator zOut, String vPath, int mode, String encoding)
            throws IOException {
        if (addedDirs.update(vPath) || skipWriting) {
            return;
        }
        boolean isSymlink = dir instanceof SymlinkDestinationSupplier;
        String name = isSymlink && vPath.endsWith("/") ? vPath.substring(0, vPath.length() - 1) : vPath;
        ZipArchiveEntry entry = new ZipArchiveEntry(name);
        // As Plexus does: a directory that is not on disk (a parent Plexus adds) gets the time of now, unless the
        // build is reproducible, which fixes every entry's time.
        setZipEntryTime(entry, dir != null && dir.isExisting() ? dir.getLastModified() : System.currentTimeMillis());
        entry.setUnixMode(isSymlink ? UnixStat.LINK_FLAG | mode : mode);
        InputStreamSupplier content = isSymlink
                ? linkTarget(((SymlinkDestinationSupplier) dir).getSymlinkDestination())
                : () -> InputStream.nullInputStream();
        try {
            ordered.add(entry, content, isSymlink, isSymlink ? -1 : 0, writer);
        } catch (IOException | RuntimeException | Error e) {
            ordered.abandon();
            throw e;
        }
    }

    /** A symbolic link's entry holds its target. */
    private static InputStreamSupplier linkTarget(String destination) {
        byte[] target = destination.getBytes(StandardCharsets.UTF_8);
        return () -> new ByteArrayInputStream(target);
    }
}
