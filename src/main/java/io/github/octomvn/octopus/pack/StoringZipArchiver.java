package io.github.octomvn.octopus.pack;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
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
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.parallel.InputStreamSupplier;
import org.codehaus.plexus.archiver.ArchiverException;
import org.codehaus.plexus.archiver.zip.ConcurrentJarCreator;
import org.codehaus.plexus.archiver.zip.ZipArchiver;
import org.slf4j.Logger;

/**
 * A zip archiver that stores already-compressed files instead of deflating them again, deflates large files
 * block-parallel, and hashes the archive as it writes it.
 *
 * <p>The file entries of the plan, except large deflated ones, bypass Plexus' scatter store (which holds every
 * entry's compressed bytes in memory or temporary files until the archive is closed, then copies them): they go
 * through {@link OrderedZipEntries}, written in order as soon as they are deflated, so that writing overlaps
 * deflating and memory stays small. Large deflated entries, whose compressed size is not known before they are
 * written, and the directories stay with Plexus and follow them at close.
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

    /** Opens the stream that an archive is written to. */
    interface ArchiveOutput {
        OutputStream open() throws IOException;
    }

    /** How one file entry is written. */
    enum Compression {
        /** As it is: already compressed, or samples of it do not shrink; written by {@link OrderedZipEntries}. */
        STORE,
        /** Deflated whole on one thread, by {@link OrderedZipEntries}: small entries. */
        DEFLATE,
        /** Deflated block-parallel by {@link ParallelDeflatingInputStream}: large entries. */
        DEFLATE_BLOCKS
    }

    private final Logger quietLogger = QuietPlexusLog.quiet(super.getLogger());
    private final Map<String, Compression> plan;
    private final ExecutorService pool;
    private final int maxInFlight;
    private final ArchiveOutput output;
    private final OrderedZipEntries ordered;

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
            Map<String, Compression> plan,
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
     * Plexus has just opened the archive; it is opened again here, with the same settings, through {@link #output},
     * which hashes it as it writes it, so that the package's SHA-1 is known when it is complete instead of costing
     * another read of it.
     */
    @Override
    protected void initZipOutputStream(ConcurrentJarCreator zOut) throws IOException {
        // Its file is empty so far; closing it writes an empty zip, which the new stream then truncates.
        zipArchiveOutputStream.close();
        zipArchiveOutputStream = new ZipArchiveOutputStream(output.open());
        zipArchiveOutputStream.setEncoding(getEncoding());
        zipArchiveOutputStream.setCreateUnicodeExtraFields(
                isUtf8(getEncoding())
                        ? ZipArchiveOutputStream.UnicodeExtraFieldPolicy.NEVER
                        : ZipArchiveOutputStream.UnicodeExtraFieldPolicy.ALWAYS);
        zipArchiveOutputStream.setMethod(
                isCompress() ? ZipArchiveOutputStream.DEFLATED : ZipArchiveOutputStream.STORED);
    }

    /** Every entry of the ordered pipeline is written before Plexus writes its directories and its own entries. */
    @Override
    protected void finalizeZipOutputStream(ConcurrentJarCreator zOut) throws IOException, ArchiverException {
        try {
            ordered.finish(zipArchiveOutputStream);
        } catch (IOException | RuntimeException | Error e) {
            ordered.abandon();
            throw e;
        }
        super.finalizeZipOutputStream(zOut);
    }

    /** As Plexus decides it: null means the platform's charset. */
    private static boolean isUtf8(String encoding) {
        String effective = encoding == null ? Charset.defaultCharset().name() : encoding;
        return StandardCharsets.UTF_8.name().equalsIgnoreCase(effective)
                || StandardCharsets.UTF_8.aliases().stream().anyMatch(effective::equalsIgnoreCase);
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
        Compression planned = plan.get(vPath);
        Compression compression =
                planned != null ? planned : isAlreadyCompressed(vPath) ? Compression.STORE : Compression.DEFLATE;
        if (planned != null && planned != Compression.DEFLATE_BLOCKS && isCompress() && symlinkDestination == null) {
            // What super.zipFile does, but written by our ordered pipeline instead of Plexus' scatter store
            entries.put(vPath, vPath);
            ZipArchiveEntry entry = new ZipArchiveEntry(vPath);
            setZipEntryTime(entry, lastModified);
            entry.setUnixMode(UnixStat.FILE_FLAG | mode);
            try {
                ordered.add(entry, in, planned == Compression.DEFLATE, zipArchiveOutputStream);
            } catch (IOException | RuntimeException | Error e) {
                ordered.abandon();
                throw e;
            }
        } else if (!isCompress() || compression == Compression.DEFLATE || symlinkDestination != null) {
            super.zipFile(in, zOut, vPath, lastModified, fromArchive, mode, symlinkDestination, addInParallel);
        } else if (compression == Compression.STORE) {
            setCompress(false);
            try {
                super.zipFile(in, zOut, vPath, lastModified, fromArchive, mode, symlinkDestination, addInParallel);
            } finally {
                setCompress(true);
            }
        } else {
            // What super.zipFile does, with data deflated here: Plexus copies it as if stored, and the entry then
            // says what it is.
            entries.put(vPath, vPath);
            PreDeflatedEntry entry = new PreDeflatedEntry(vPath);
            setZipEntryTime(entry, lastModified);
            entry.setMethod(ZipArchiveEntry.STORED);
            entry.setUnixMode(UnixStat.FILE_FLAG | mode);
            zOut.addArchiveEntry(
                    entry,
                    () -> entry.attach(new ParallelDeflatingInputStream(in.get(), pool, maxInFlight)),
                    addInParallel);
        }
    }

    /**
     * An entry whose data is already deflated. Plexus copies such data as a stored entry's and, once it is copied,
     * sets size, CRC and method from the bytes it copied; from then on this entry keeps the deflated entry's own.
     */
    private static final class PreDeflatedEntry extends ZipArchiveEntry {
        private volatile ParallelDeflatingInputStream data;

        PreDeflatedEntry(String name) {
            super(name);
        }

        InputStream attach(ParallelDeflatingInputStream stream) {
            data = stream;
            return stream;
        }

        private boolean deflated() {
            ParallelDeflatingInputStream stream = data;
            // Not merely complete: Plexus sets the method again after peeking at the first bytes, when a small
            // entry may already be deflated whole, and must then still be told it copies stored bytes.
            return stream != null && stream.isExhausted();
        }

        @Override
        public void setMethod(int method) {
            super.setMethod(deflated() ? ZipArchiveEntry.DEFLATED : method);
        }

        @Override
        public void setSize(long size) {
            super.setSize(deflated() ? data.size() : size);
        }

        @Override
        public void setCrc(long crc) {
            super.setCrc(deflated() ? data.crc() : crc);
        }
    }
}
