package io.github.octomvn.octopus.pack;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.codehaus.plexus.archiver.ArchiveEntry;
import org.codehaus.plexus.archiver.ArchiverException;
import org.codehaus.plexus.archiver.ResourceIterator;
import org.codehaus.plexus.archiver.exceptions.EmptyArchiveException;
import org.codehaus.plexus.archiver.tar.TarArchiver;
import org.codehaus.plexus.archiver.tar.TarLongFileMode;
import org.codehaus.plexus.archiver.util.ResourceUtils;
import org.codehaus.plexus.components.io.attributes.PlexusIoResourceAttributes;
import org.codehaus.plexus.components.io.resources.PlexusIoResource;
import org.slf4j.Logger;

/**
 * Plexus' tar archiver, writing through a {@link ParallelGzipOutputStream} instead of the JDK's single-threaded gzip,
 * and hashing the archive as it writes it. Plexus still makes every tar entry (names, modes, owners, times).
 */
final class ParallelTarGzArchiver extends TarArchiver {
    private final Logger quietLogger = QuietPlexusLog.quiet(super.getLogger());
    private final ExecutorService pool;
    private final int maxInFlight;
    private final StoringZipArchiver.ArchiveOutput output;
    private final byte[] copyBuffer = new byte[64 * 1024];

    /** @param output opens the stream that the archive is written to, instead of the destination file */
    ParallelTarGzArchiver(ExecutorService pool, int maxInFlight, StoringZipArchiver.ArchiveOutput output) {
        this.pool = pool;
        this.maxInFlight = maxInFlight;
        this.output = output;
        // PAX headers: names over 100 characters without GNU extensions, which every tar reader understands.
        setLongfile(TarLongFileMode.posix);
    }

    @Override
    protected Logger getLogger() {
        return quietLogger;
    }

    /** {@link TarArchiver#execute()} for posix long names, with our gzip stream. */
    @Override
    protected void execute() throws ArchiverException, IOException {
        if (!checkForced()) {
            return;
        }
        ResourceIterator resources = getResources();
        if (!resources.hasNext()) {
            throw new EmptyArchiveException("archive cannot be empty");
        }
        File tarFile = getDestFile();
        if (tarFile == null) {
            throw new ArchiverException("You must set the destination tar file.");
        }
        OutputStream file = output.open();
        try (TarArchiveOutputStream tar =
                new WholeSecondTarOutputStream(new ParallelGzipOutputStream(file, pool, maxInFlight))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            while (resources.hasNext()) {
                ArchiveEntry entry = resources.next();
                if (ResourceUtils.isSame(entry.getResource(), tarFile)) {
                    throw new ArchiverException("A tar file cannot include itself.");
                }
                tarFile(entry, tar, entry.getName().replace(File.separatorChar, '/'));
            }
        } finally {
            file.close();
        }
    }

    /**
     * A file's entry as Plexus makes it (name, time, size, mode, owner and group as the file set and the reproducible
     * settings decide them), its bytes copied through one buffer for the whole archive: Plexus takes a new buffer per
     * file, garbage that grows the heap, and the memory the build uses, with the number of files. Anything else
     * (directories, links, a name with a leading slash) Plexus writes itself.
     */
    @Override
    protected void tarFile(ArchiveEntry entry, TarArchiveOutputStream tar, String name)
            throws ArchiverException, IOException {
        PlexusIoResource resource = entry.getResource();
        if (entry.getType() != ArchiveEntry.FILE || !resource.isFile() || name.isEmpty() || name.startsWith("/")) {
            super.tarFile(entry, tar, name);
            return;
        }
        TarArchiveEntry tarEntry = new TarArchiveEntry(name);
        FileTime forcedTime = getLastModifiedTime();
        long modified = resource.getLastModified();
        tarEntry.setModTime(
                forcedTime != null
                        ? forcedTime.toMillis()
                        : modified == PlexusIoResource.UNKNOWN_MODIFICATION_DATE
                                ? System.currentTimeMillis()
                                : modified);
        long size = resource.getSize();
        tarEntry.setSize(size == PlexusIoResource.UNKNOWN_RESOURCE_SIZE ? 0 : size);
        tarEntry.setMode(entry.getMode());
        // Without attributes, the owner Plexus gives: no names, ID 0.
        PlexusIoResourceAttributes attributes = entry.getResourceAttributes();
        tarEntry.setUserName(attributes != null && attributes.getUserName() != null ? attributes.getUserName() : "");
        tarEntry.setGroupName(attributes != null && attributes.getGroupName() != null ? attributes.getGroupName() : "");
        tarEntry.setUserId(attributes != null && attributes.getUserId() != null ? attributes.getUserId() : 0);
        tarEntry.setGroupId(attributes != null && attributes.getGroupId() != null ? attributes.getGroupId() : 0);
        tar.putArchiveEntry(tarEntry);
        try (InputStream in = entry.getInputStream()) {
            for (int n = in.read(copyBuffer); n >= 0; n = in.read(copyBuffer)) {
                tar.write(copyBuffer, 0, n);
            }
        }
        tar.closeArchiveEntry();
    }

    /**
     * Entries keep their modification time to the second, as GNU tar's do: with the sub-second part commons-compress
     * would add a PAX header block per file, which cost 1 KiB each and 1 % of the size of a tree of small files.
     */
    private static final class WholeSecondTarOutputStream extends TarArchiveOutputStream {
        WholeSecondTarOutputStream(OutputStream out) {
            super(out, "UTF8");
        }

        @Override
        public void putArchiveEntry(TarArchiveEntry entry) throws IOException {
            FileTime time = entry.getLastModifiedTime();
            if (time != null) {
                entry.setLastModifiedTime(FileTime.from(time.to(TimeUnit.SECONDS), TimeUnit.SECONDS));
            }
            super.putArchiveEntry(entry);
        }
    }
}
