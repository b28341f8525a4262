package io.github.octomvn.octopus.pack;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipUtil;

/**
 * Writes a zip archive front to back into a stream that cannot seek (it is hashed as it is written): local headers,
 * entry data, central directory, and the zip64 end records when the archive needs them.
 *
 * <p>It exists for one thing commons-compress cannot do: write an entry whose data is already deflated but whose
 * compressed size is not known before its header, with a data descriptor (general purpose bit 3) after the data.
 * {@code ZipArchiveOutputStream.addRawArchiveEntry} needs CRC and sizes up front, so a large file deflated
 * block-parallel would otherwise have to be deflated into a temporary file first. Every other entry, of known CRC
 * and sizes, is written as commons-compress writes it through {@code addRawArchiveEntry} (so {@link ZipWriterTest}
 * compares their bytes): names in UTF-8 with the language-encoding flag, the entry's DOS time, Unix mode and extra
 * fields, and the same "version needed" and "version made by".
 */
final class ZipWriter implements Closeable {
    /** The most a 4-byte field holds; from it on, the value goes into the zip64 extra field. */
    static final long MAX_32 = 0xFFFFFFFFL;
    /** The most entries a zip without zip64 end records can count. */
    static final int MAX_16 = 0xFFFF;

    private static final int LOCAL_HEADER = 0x04034b50;
    private static final int DATA_DESCRIPTOR = 0x08074b50;
    private static final int CENTRAL_HEADER = 0x02014b50;
    private static final int ZIP64_END = 0x06064b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int END = 0x06054b50;
    private static final int ZIP64_EXTRA_ID = 0x0001;
    private static final int UTF8_NAMES = 1 << 11;
    private static final int HAS_DATA_DESCRIPTOR = 1 << 3;

    private final OutputStream out;
    private final long max32;
    private final int max16;
    private final List<Central> central = new ArrayList<>();
    private final byte[] copyBuffer = new byte[64 * 1024];
    private long written;
    private boolean anyZip64;
    private boolean finished;

    ZipWriter(OutputStream out) {
        this(out, MAX_32, MAX_16);
    }

    /**
     * With lower limits for the central directory and the end records, so that tests reach zip64 with small archives.
     * Local headers and data descriptors keep the real limits: streaming readers decide their format by the real
     * sizes.
     */
    ZipWriter(OutputStream out, long max32, int max16) {
        this.out = out;
        this.max32 = max32;
        this.max16 = max16;
    }

    /**
     * Writes an entry whose method, CRC, size and compressed size are set, with its data: {@code length} bytes, as
     * they go into the archive (deflated already, if the method says so).
     */
    void write(ZipArchiveEntry entry, byte[] data, int length) throws IOException {
        checkKnown(entry, length);
        long offset = written;
        boolean zip64 = entry.getSize() >= MAX_32 || entry.getCompressedSize() >= MAX_32;
        byte[] name = writeLocalHeader(entry, false, zip64);
        write(data, 0, length);
        central.add(new Central(entry, name, offset, false, zip64));
    }

    /**
     * Writes an entry whose method, CRC, size and compressed size are set, with its data read from {@code data}:
     * exactly the compressed size, as it goes into the archive.
     */
    void write(ZipArchiveEntry entry, InputStream data) throws IOException {
        checkKnown(entry, entry.getCompressedSize());
        long offset = written;
        boolean zip64 = entry.getSize() >= MAX_32 || entry.getCompressedSize() >= MAX_32;
        byte[] name = writeLocalHeader(entry, false, zip64);
        long copied = copy(data);
        if (copied != entry.getCompressedSize()) {
            throw new IOException(entry.getName() + " gave " + copied + " bytes where its header says "
                    + entry.getCompressedSize() + ". Pack again once nothing writes to it.");
        }
        central.add(new Central(entry, name, offset, false, zip64));
    }

    /**
     * Writes a deflated entry as it is deflated: the local header says neither CRC nor sizes, and a data descriptor
     * after the data does. {@code sourceSize} is the size the source is expected to have; it decides, before the
     * header is written, whether the descriptor's sizes take 8 bytes, which the header must then announce with a
     * zip64 extra field. Readers such as {@code java.util.zip.ZipInputStream} decide that by the sizes they find, so
     * the source must not be near the line: see {@link #canStream}.
     */
    void writeDeflating(ZipArchiveEntry entry, ParallelDeflatingInputStream data, long sourceSize) throws IOException {
        if (!canStream(sourceSize)) {
            throw new IllegalArgumentException(entry.getName() + " is too close to 4 GiB to stream: " + sourceSize);
        }
        entry.setMethod(ZipArchiveEntry.DEFLATED);
        long offset = written;
        boolean zip64 = sourceSize > MAX_32;
        byte[] name = writeLocalHeader(entry, true, zip64);
        long compressed = data.transferTo(out);
        written += compressed;
        entry.setCrc(data.crc());
        entry.setSize(data.size());
        entry.setCompressedSize(compressed);
        if ((entry.getSize() > MAX_32 || compressed > MAX_32) != zip64) {
            throw new IOException(entry.getName() + " changed while it was being packed (" + sourceSize
                    + " bytes, then " + entry.getSize() + "). Pack again once nothing writes to it.");
        }
        byte[] descriptor = new byte[zip64 ? 24 : 16];
        putInt(descriptor, 0, DATA_DESCRIPTOR);
        putInt(descriptor, 4, entry.getCrc());
        if (zip64) {
            putLong(descriptor, 8, compressed);
            putLong(descriptor, 16, entry.getSize());
        } else {
            putInt(descriptor, 8, compressed);
            putInt(descriptor, 12, entry.getSize());
        }
        write(descriptor, 0, descriptor.length);
        central.add(new Central(entry, name, offset, true, zip64));
    }

    /**
     * Whether a deflated source of this size can be streamed: its deflated size, up to a little more than its own
     * (stored blocks on random bytes), must fall on the same side of 4 GiB as its size, so that the data descriptor's
     * format announced in the header is the one its sizes call for.
     */
    static boolean canStream(long sourceSize) {
        long worstGrowth = (sourceSize >>> 10) + 64 * 1024;
        return sourceSize > MAX_32 || sourceSize + worstGrowth <= MAX_32;
    }

    /** Writes the central directory and the end records, and closes the stream. */
    void finish() throws IOException {
        long directoryOffset = written;
        for (Central entry : central) {
            // every header's "version made by" says 4.5 once the archive uses zip64 anywhere
            anyZip64 |= entry.offset >= max32 || entry.size >= max32 || entry.compressedSize >= max32;
        }
        for (Central entry : central) {
            writeCentralHeader(entry);
        }
        long directorySize = written - directoryOffset;
        int entries = central.size();
        if (anyZip64 || entries >= max16 || directoryOffset >= max32 || directorySize >= max32) {
            long zip64EndOffset = written;
            byte[] end64 = new byte[56 + 20];
            putInt(end64, 0, ZIP64_END);
            putLong(end64, 4, 44);
            putShort(end64, 12, 45);
            putShort(end64, 14, 45);
            // disk numbers 0
            putLong(end64, 24, entries);
            putLong(end64, 32, entries);
            putLong(end64, 40, directorySize);
            putLong(end64, 48, directoryOffset);
            putInt(end64, 56, ZIP64_LOCATOR);
            putLong(end64, 64, zip64EndOffset);
            putInt(end64, 72, 1);
            write(end64, 0, end64.length);
        }
        byte[] end = new byte[22];
        putInt(end, 0, END);
        // a field that does not hold its value says so with all ones: the zip64 end record has it
        putShort(end, 8, entries >= max16 ? MAX_16 : entries);
        putShort(end, 10, entries >= max16 ? MAX_16 : entries);
        putInt(end, 12, directorySize >= max32 ? MAX_32 : directorySize);
        putInt(end, 16, directoryOffset >= max32 ? MAX_32 : directoryOffset);
        write(end, 0, end.length);
        finished = true;
        central.clear();
        out.close();
    }

    /** Whether {@link #finish} wrote the whole archive. */
    boolean isFinished() {
        return finished;
    }

    /** Closes the stream; unless {@link #finish} ran, what it holds is not a zip. */
    @Override
    public void close() throws IOException {
        out.close();
    }

    private static void checkKnown(ZipArchiveEntry entry, long length) {
        int method = entry.getMethod();
        if ((method != ZipArchiveEntry.STORED && method != ZipArchiveEntry.DEFLATED)
                || entry.getCrc() < 0
                || entry.getSize() < 0
                || entry.getCompressedSize() != length
                || (method == ZipArchiveEntry.STORED && entry.getSize() != length)) {
            throw new IllegalArgumentException(entry.getName() + ": method " + method + ", CRC " + entry.getCrc()
                    + ", size " + entry.getSize() + ", compressed " + entry.getCompressedSize() + ", data " + length);
        }
    }

    /** Writes the entry's local header; returns its name as written, for the central directory. */
    private byte[] writeLocalHeader(ZipArchiveEntry entry, boolean dataDescriptor, boolean zip64) throws IOException {
        byte[] name = entry.getName().getBytes(StandardCharsets.UTF_8);
        byte[] extra = entry.getLocalFileDataExtra();
        byte[] zip64Extra = zip64
                ? zip64Extra(dataDescriptor ? 0 : entry.getSize(), dataDescriptor ? 0 : entry.getCompressedSize(), -1)
                : new byte[0];
        byte[] header = new byte[30 + name.length + zip64Extra.length + extra.length];
        putInt(header, 0, LOCAL_HEADER);
        putShort(header, 4, versionNeeded(entry.getMethod(), zip64, dataDescriptor));
        putShort(header, 6, flags(dataDescriptor));
        putShort(header, 8, entry.getMethod());
        ZipUtil.toDosTime(entry.getTime(), header, 10);
        if (!dataDescriptor) {
            putInt(header, 14, entry.getCrc());
        }
        if (zip64) {
            putInt(header, 18, MAX_32);
            putInt(header, 22, MAX_32);
        } else if (!dataDescriptor) {
            putInt(header, 18, entry.getCompressedSize());
            putInt(header, 22, entry.getSize());
        }
        putShort(header, 26, name.length);
        putShort(header, 28, zip64Extra.length + extra.length);
        System.arraycopy(name, 0, header, 30, name.length);
        System.arraycopy(zip64Extra, 0, header, 30 + name.length, zip64Extra.length);
        System.arraycopy(extra, 0, header, 30 + name.length + zip64Extra.length, extra.length);
        write(header, 0, header.length);
        if (zip64) {
            anyZip64 = true;
        }
        return name;
    }

    private void writeCentralHeader(Central entry) throws IOException {
        boolean sizes64 = entry.size >= max32 || entry.compressedSize >= max32;
        boolean offset64 = entry.offset >= max32;
        byte[] zip64Extra = sizes64 || offset64
                ? zip64Extra(
                        sizes64 ? entry.size : -1, sizes64 ? entry.compressedSize : -1, offset64 ? entry.offset : -1)
                : new byte[0];
        boolean zip64 = entry.zip64 || zip64Extra.length > 0;
        byte[] header = new byte[46 + entry.name.length + zip64Extra.length + entry.extra.length];
        putInt(header, 0, CENTRAL_HEADER);
        putShort(header, 4, entry.platform << 8 | (anyZip64 ? 45 : 20));
        putShort(header, 6, versionNeeded(entry.method, zip64, entry.dataDescriptor));
        putShort(header, 8, flags(entry.dataDescriptor));
        putShort(header, 10, entry.method);
        ZipUtil.toDosTime(entry.time, header, 12);
        putInt(header, 16, entry.crc);
        putInt(header, 20, sizes64 ? MAX_32 : entry.compressedSize);
        putInt(header, 24, sizes64 ? MAX_32 : entry.size);
        putShort(header, 28, entry.name.length);
        putShort(header, 30, zip64Extra.length + entry.extra.length);
        // comment length, disk number start: 0
        putShort(header, 36, entry.internalAttributes);
        putInt(header, 38, entry.externalAttributes);
        putInt(header, 42, offset64 ? MAX_32 : entry.offset);
        System.arraycopy(entry.name, 0, header, 46, entry.name.length);
        System.arraycopy(zip64Extra, 0, header, 46 + entry.name.length, zip64Extra.length);
        System.arraycopy(entry.extra, 0, header, 46 + entry.name.length + zip64Extra.length, entry.extra.length);
        write(header, 0, header.length);
    }

    /** The zip64 extended information field with the values that are not negative, in the order the format sets. */
    private static byte[] zip64Extra(long size, long compressedSize, long offset) {
        int fields = (size >= 0 ? 1 : 0) + (compressedSize >= 0 ? 1 : 0) + (offset >= 0 ? 1 : 0);
        byte[] extra = new byte[4 + 8 * fields];
        putShort(extra, 0, ZIP64_EXTRA_ID);
        putShort(extra, 2, 8 * fields);
        int at = 4;
        for (long value : new long[] {size, compressedSize, offset}) {
            if (value >= 0) {
                putLong(extra, at, value);
                at += 8;
            }
        }
        return extra;
    }

    /** As commons-compress sets it: 4.5 for zip64, 2.0 for deflate or a data descriptor, else 1.0. */
    private static int versionNeeded(int method, boolean zip64, boolean dataDescriptor) {
        if (zip64) {
            return 45;
        }
        return dataDescriptor || method == ZipArchiveEntry.DEFLATED ? 20 : 10;
    }

    private static int flags(boolean dataDescriptor) {
        return UTF8_NAMES | (dataDescriptor ? HAS_DATA_DESCRIPTOR : 0);
    }

    private long copy(InputStream data) throws IOException {
        long copied = 0;
        for (int n = data.read(copyBuffer); n >= 0; n = data.read(copyBuffer)) {
            write(copyBuffer, 0, n);
            copied += n;
        }
        return copied;
    }

    private void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
        written += length;
    }

    private static void putShort(byte[] buffer, int at, int value) {
        buffer[at] = (byte) value;
        buffer[at + 1] = (byte) (value >>> 8);
    }

    private static void putInt(byte[] buffer, int at, long value) {
        for (int i = 0; i < 4; i++) {
            buffer[at + i] = (byte) (value >>> (8 * i));
        }
    }

    private static void putLong(byte[] buffer, int at, long value) {
        for (int i = 0; i < 8; i++) {
            buffer[at + i] = (byte) (value >>> (8 * i));
        }
    }

    /** What the central directory needs of an entry once it is written: not the entry, which holds much more. */
    private static final class Central {
        final byte[] name;
        final byte[] extra;
        final int method;
        final long time;
        final long crc;
        final long size;
        final long compressedSize;
        final long offset;
        final int platform;
        final int internalAttributes;
        final long externalAttributes;
        final boolean dataDescriptor;
        final boolean zip64;

        Central(ZipArchiveEntry entry, byte[] name, long offset, boolean dataDescriptor, boolean zip64) {
            this.name = name;
            this.extra = entry.getCentralDirectoryExtra();
            this.method = entry.getMethod();
            this.time = entry.getTime();
            this.crc = entry.getCrc();
            this.size = entry.getSize();
            this.compressedSize = entry.getCompressedSize();
            this.offset = offset;
            this.platform = entry.getPlatform();
            this.internalAttributes = entry.getInternalAttributes();
            this.externalAttributes = entry.getExternalAttributes();
            this.dataDescriptor = dataDescriptor;
            this.zip64 = zip64;
        }
    }
}
