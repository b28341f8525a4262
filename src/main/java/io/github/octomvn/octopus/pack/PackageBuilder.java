package io.github.octomvn.octopus.pack;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.codehaus.plexus.archiver.AbstractArchiver;
import org.codehaus.plexus.archiver.ArchiverException;
import org.codehaus.plexus.components.io.attributes.PlexusIoResourceAttributes;
import org.codehaus.plexus.components.io.attributes.SimpleResourceAttributes;
import org.codehaus.plexus.components.io.resources.ResourceFactory;

/**
 * Writes the packages of a {@link PackRequest}: zip and tar.gz through Plexus Archiver, or a copy of the main
 * artifact; each file appears atomically under its final name or not at all.
 */
public final class PackageBuilder {
    /** The extensions Calamari's Java extractor handles, so the only ones {@link PackageFormat#ARTIFACT} copies. */
    private static final List<String> ARTIFACT_EXTENSIONS = Arrays.asList(".jar", ".war", ".ear", ".rar", ".zip");

    /** Files from this size on are deflated block-parallel in a zip, rather than one thread per file. */
    static final long BLOCK_PARALLEL_MIN_SIZE = 1024 * 1024;
    /** Below this size a zip entry is deflated without sampling it first: cheaper than the sample. */
    private static final long SAMPLE_MIN_SIZE = 64 * 1024;
    /** Samples of a large file that must all fail to shrink before it is stored whole. */
    private static final int LARGE_FILE_SAMPLES = 16;

    /** Deflate blocks queued or running at once, at least: see {@link #writeArchive}. */
    private static final int MIN_BLOCKS_IN_FLIGHT = 32;

    /** How long a temporary file of another version must have been left alone to count as a killed pack's. */
    static final Duration STALE_TEMP_FILE = Duration.ofMinutes(10);

    private final Consumer<String> warnings;
    private final int threads;
    private final Clock clock;

    /** A builder whose warnings (links that lead nowhere, for example) are dropped. */
    public PackageBuilder() {
        this(warning -> {});
    }

    /** A builder that hands each warning, one line naming the file, to {@code warnings}. */
    public PackageBuilder(Consumer<String> warnings) {
        this(warnings, Runtime.getRuntime().availableProcessors());
    }

    /** As {@link #PackageBuilder(Consumer)}, deflating on {@code threads} threads; the bytes do not depend on it. */
    PackageBuilder(Consumer<String> warnings, int threads) {
        this(warnings, threads, Clock.systemUTC());
    }

    /** As {@link #PackageBuilder(Consumer, int)}, telling stale temporary files by {@code clock}. */
    PackageBuilder(Consumer<String> warnings, int threads, Clock clock) {
        this.warnings = Objects.requireNonNull(warnings, "warnings");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        this.threads = threads;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Writes one file per requested format into the output directory, replacing files of the same name, and returns
     * them in the order of {@link PackRequest#formats()}. Everything that can be checked is checked before the first
     * byte is written.
     */
    public List<PackedPackage> pack(PackRequest request) throws PackagingException {
        Map<PackageFormat, Path> targets = targets(request);
        boolean needsArchive = targets.keySet().stream().anyMatch(f -> f != PackageFormat.ARTIFACT);
        List<Entry> entries = needsArchive ? plan(request, targets.values()) : new ArrayList<>();
        if (Files.exists(request.outputDirectory()) && !Files.isDirectory(request.outputDirectory())) {
            throw new PackagingException("The output directory " + request.outputDirectory()
                    + " is a file, not a directory. Remove the file or choose another output directory.");
        }
        try {
            Files.createDirectories(request.outputDirectory());
        } catch (IOException e) {
            throw new PackagingException(
                    "Cannot create the output directory " + request.outputDirectory() + ": " + describe(e) + ".", e);
        }
        removeLeftoverTempFiles(request);
        List<PackedPackage> packed = new ArrayList<>();
        for (Map.Entry<PackageFormat, Path> target : targets.entrySet()) {
            PackageFormat format = target.getKey();
            packed.add(
                    format == PackageFormat.ARTIFACT
                            ? copyArtifact(request.artifact().get(), target.getValue())
                            : writeArchive(format, target.getValue(), entries, request.reproducibleTimestamp()));
        }
        return packed;
    }

    private static Map<PackageFormat, Path> targets(PackRequest request) throws PackagingException {
        Map<PackageFormat, Path> targets = new LinkedHashMap<>();
        for (PackageFormat format : request.formats()) {
            String extension =
                    format.extension().isPresent() ? format.extension().get() : artifactExtension(request);
            PackageFileName.checkRoundTrip(request.id(), request.version(), extension);
            Path target =
                    request.outputDirectory().resolve(PackageFileName.of(request.id(), request.version(), extension));
            for (Map.Entry<PackageFormat, Path> other : targets.entrySet()) {
                if (other.getValue().equals(target)) {
                    throw new PackagingException("The formats " + other.getKey().id() + " and " + format.id()
                            + " would both write " + target.getFileName() + ". Keep only one of them.");
                }
            }
            targets.put(format, target);
        }
        return targets;
    }

    private static String artifactExtension(PackRequest request) throws PackagingException {
        if (!request.artifact().isPresent()) {
            throw new PackagingException("The artifact format needs the project's main artifact, but " + request.id()
                    + " has none (pom packaging, or the package phase did not run). Use the zip or tar.gz format.");
        }
        Path artifact = request.artifact().get();
        String name = artifact.getFileName().toString();
        Optional<String> extension = ARTIFACT_EXTENSIONS.stream()
                .filter(ext -> name.toLowerCase(Locale.ROOT).endsWith(ext) && name.length() > ext.length())
                .findFirst();
        if (!extension.isPresent()) {
            throw new PackagingException("The artifact format needs a .jar, .war, .ear, .rar or .zip main artifact, but"
                    + " it is " + name + ". Use the zip or tar.gz format.");
        }
        requireExisting(artifact);
        return extension.get();
    }

    private static void requireExisting(Path artifact) throws PackagingException {
        if (Files.isDirectory(artifact)) {
            throw new PackagingException(
                    "The main artifact " + artifact
                            + " is a directory, not a file. Run the package phase so that it builds the archive"
                            + " (e.g. " + PackagingException.Remedy.BUILD_THEN_PACK.text() + ").",
                    PackagingException.Remedy.BUILD_THEN_PACK);
        }
        if (!Files.isRegularFile(artifact)) {
            throw new PackagingException(
                    "The main artifact " + artifact
                            + " does not exist. Run the package phase first (e.g. "
                            + PackagingException.Remedy.BUILD_THEN_PACK.text() + ").",
                    PackagingException.Remedy.BUILD_THEN_PACK);
        }
    }

    /** Decides every entry before anything is written, so a bad file set cannot leave a half-made package. */
    private List<Entry> plan(PackRequest request, Collection<Path> targets) throws PackagingException {
        TreeMap<String, Entry> entries = new TreeMap<>();
        List<Path> ownOutputs = new ArrayList<>();
        for (Path target : targets) {
            ownOutputs.add(target.toAbsolutePath().normalize());
        }
        if (request.artifact().isPresent() && request.artifactInArchives()) {
            Path artifact = request.artifact().get();
            requireExisting(artifact);
            String name = artifact.getFileName().toString();
            entries.put(name, new Entry(name, artifact, contentOf(artifact), null));
        }
        List<String> looked = new ArrayList<>();
        for (FileSet fileSet : request.fileSets()) {
            Path directory = fileSet.directory();
            if (!Files.exists(directory)) {
                if (fileSet.isOptional()) {
                    looked.add(directory + " (missing)");
                    continue;
                }
                throw new PackagingException("The file set directory " + directory
                        + " does not exist. Create it or correct the file set's <directory>.");
            }
            if (!Files.isDirectory(directory)) {
                throw new PackagingException("The file set directory " + directory
                        + " is a file, not a directory. Correct the file set's <directory>.");
            }
            looked.add(directory.toString());
            Path absoluteDirectory = directory.toAbsolutePath().normalize();
            for (String relative : new FileSetScanner(warnings).scan(fileSet)) {
                Path source = directory.resolve(relative);
                if (isOwnOutput(absoluteDirectory.resolve(relative), ownOutputs)) {
                    continue;
                }
                String name = fileSet.prefix() + relative.replace(File.separatorChar, '/');
                Entry previous = entries.put(
                        name,
                        new Entry(
                                name,
                                source,
                                contentOf(source),
                                fileSet.fileMode().orElse(null)));
                if (previous != null) {
                    throw new PackagingException("Two files would be packed as '" + name + "': " + previous.source
                            + " and " + source + ". Exclude one of them or give one file set a different prefix.");
                }
            }
        }
        if (entries.isEmpty()) {
            String artifact = request.artifact().isPresent()
                    ? "the main artifact is set to stay out of archives"
                    : "no main artifact";
            throw new PackagingException("Nothing to package for " + request.id() + ": " + artifact + " and no files"
                    + " matched in " + (looked.isEmpty() ? "any file set (none configured)" : String.join(", ", looked))
                    + ". Add files there or configure file sets.");
        }
        return new ArrayList<>(entries.values());
    }

    /**
     * Plexus would store a symbolic link as a link entry; Calamari on Windows turns that into a text file, and a link
     * that points outside the package dangles after deployment. So a link is packed as the file it points to.
     */
    private static Path contentOf(Path file) throws PackagingException {
        if (!Files.isSymbolicLink(file)) {
            return file;
        }
        try {
            return file.toRealPath();
        } catch (IOException e) {
            throw new PackagingException(
                    "Cannot follow the symbolic link " + file + ": " + describe(e) + ". Remove or exclude it.", e);
        }
    }

    /** A file set over the output directory must not pack a previous package or one of our temporary files. */
    private static boolean isOwnOutput(Path absolute, List<Path> ownOutputs) {
        for (Path target : ownOutputs) {
            if (absolute.equals(target)
                    || (absolute.getParent().equals(target.getParent())
                            && absolute.getFileName().toString().startsWith("." + target.getFileName() + ".tmp-"))) {
                return true;
            }
        }
        return false;
    }

    private PackedPackage writeArchive(
            PackageFormat format, Path target, List<Entry> entries, Optional<Instant> timestamp)
            throws PackagingException {
        Path temp = null;
        ExecutorService pool = Executors.newFixedThreadPool(threads, DEFLATE_THREADS);
        List<OutputStream> opened = new ArrayList<>();
        try {
            temp = createTempFile(target);
            MessageDigest digest = Sha1.digest();
            Path file = temp;
            // Hashed as it is written, on a thread of its own, so that hashing overlaps reading and deflating.
            StoringZipArchiver.ArchiveOutput output = () -> {
                OutputStream stream =
                        new BackgroundOutputStream(new DigestOutputStream(Files.newOutputStream(file), digest));
                opened.add(stream);
                return stream;
            };
            // Blocks of one deflate stream: up to enough of them queued (some 17 MB) that the reading thread runs on
            // through stretches of random bytes, which cost only a copy, while the pool deflates compressible ones;
            // half of that (two per thread at least) while they all deflate (ParallelDeflater).
            int maxInFlight = Math.max(4 * threads, MIN_BLOCKS_IN_FLIGHT);
            AbstractArchiver archiver = format == PackageFormat.ZIP
                    ? new StoringZipArchiver(zipPlan(entries), pool, maxInFlight, 8 * threads, output)
                    : new ParallelTarGzArchiver(pool, maxInFlight, output);
            archiver.setDestFile(temp.toFile());
            // Must come before the files are added: owners, umask and times are applied as entries are added.
            timestamp.ifPresent(t -> archiver.configureReproducibleBuild(FileTime.from(t)));
            FileOwners owners = format != PackageFormat.ZIP
                            && timestamp.isEmpty()
                            && !entries.isEmpty()
                            && FileOwners.supported(entries.get(0).content)
                    ? new FileOwners()
                    : null;
            for (Entry entry : entries) {
                PlexusIoResourceAttributes attributes = attributesOf(entry, format, timestamp.isPresent(), owners);
                if (attributes == null) {
                    archiver.addFile(entry.content.toFile(), entry.name);
                } else {
                    // Plexus need not read every file's owner, group and mode again (a map of attributes per file,
                    // which is most of a many-file pack's garbage).
                    archiver.addResource(
                            ResourceFactory.createResource(entry.content.toFile(), entry.name, null, attributes),
                            entry.name,
                            attributes.getOctalMode());
                }
            }
            archiver.createArchive();
            String sha1 = Sha1.hex(digest.digest());
            long size = Files.size(temp);
            moveIntoPlace(temp, target);
            return new PackedPackage(target, format, size, entries.size(), sha1);
        } catch (IOException | ArchiverException | UncheckedIOException e) {
            throw new PackagingException(
                    "Could not write " + target.getFileName() + ": " + describe(e) + ". Any previous "
                            + target.getFileName() + " is unchanged.",
                    e);
        } finally {
            pool.shutdownNow();
            // After a failure the archivers may not have closed it; its thread must end all the same.
            for (OutputStream stream : opened) {
                closeQuietly(stream);
            }
            deleteQuietly(temp);
        }
    }

    /**
     * What Plexus would read of the file for its entry, read more cheaply, or null to let Plexus read it (no POSIX
     * modes here). A tar keeps the owner and group, except a reproducible one (Plexus makes them root's); a zip keeps
     * only the mode.
     */
    private static PlexusIoResourceAttributes attributesOf(
            Entry entry, PackageFormat format, boolean reproducible, FileOwners owners) throws IOException {
        if (owners != null) {
            return owners.of(entry.content, entry.mode);
        }
        Integer mode = entry.mode == null && reproducible ? reproducibleMode(entry.content) : entry.mode;
        if (mode == null && format == PackageFormat.ZIP) {
            mode = fileMode(entry.content);
        }
        return mode == null ? null : new SimpleResourceAttributes(null, null, null, null, mode);
    }

    private static void closeQuietly(OutputStream stream) {
        try {
            stream.close();
        } catch (IOException e) {
            // Closed already, or the failure being reported matters more.
        }
    }

    private static final ThreadFactory DEFLATE_THREADS = task -> {
        Thread thread = new Thread(task, "octopus-pack-deflate");
        thread.setDaemon(true);
        return thread;
    };

    /**
     * How each zip entry is written: stored if its extension or samples of its bytes say it will not shrink, so that
     * random bytes cost a copy and not a deflate; deflated block-parallel if it is large; else deflated whole by one
     * thread of the pool, which takes one file at a time.
     */
    private static Map<String, StoringZipArchiver.Planned> zipPlan(List<Entry> entries) throws IOException {
        Map<String, StoringZipArchiver.Planned> plan = new HashMap<>();
        for (Entry entry : entries) {
            StoringZipArchiver.Compression compression;
            long size = Files.size(entry.content);
            if (StoringZipArchiver.isAlreadyCompressed(entry.name)) {
                compression = StoringZipArchiver.Compression.STORE;
            } else if (size < SAMPLE_MIN_SIZE) {
                compression = StoringZipArchiver.Compression.DEFLATE;
            } else if (samplesDoNotShrink(entry.content, size)) {
                compression = StoringZipArchiver.Compression.STORE;
            } else {
                compression = size >= BLOCK_PARALLEL_MIN_SIZE
                        ? StoringZipArchiver.Compression.DEFLATE_BLOCKS
                        : StoringZipArchiver.Compression.DEFLATE;
            }
            plan.put(entry.name, new StoringZipArchiver.Planned(compression, size));
        }
        return plan;
    }

    /**
     * Whether samples spread over the file all fail to shrink: 3 for a mid-sized file, more for a large one, whose
     * compressible parts a few samples could miss (its blocks are sampled again one by one as they are deflated).
     */
    private static boolean samplesDoNotShrink(Path file, long size) throws IOException {
        int samples = size >= BLOCK_PARALLEL_MIN_SIZE ? LARGE_FILE_SAMPLES : 3;
        int sampleSize = DeflateBlocks.SAMPLE_SIZE;
        byte[] data = new byte[samples * sampleSize];
        int[] starts = new int[samples];
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            for (int i = 0; i < samples; i++) {
                long position = (size - sampleSize) * i / (samples - 1);
                starts[i] = i * sampleSize;
                ByteBuffer buffer = ByteBuffer.wrap(data, starts[i], sampleSize);
                while (buffer.hasRemaining()) {
                    if (channel.read(buffer, position + buffer.position() - starts[i]) < 0) {
                        // the file shrank since it was listed: let the deflate find out
                        return false;
                    }
                }
            }
        }
        try (Deflaters deflaters = new Deflaters()) {
            return DeflateBlocks.samplesIncompressible(data, starts, deflaters);
        }
    }

    /**
     * Plexus' reproducible mode only applies umask 022, so a checkout made under umask 077 still gives 600 and 700,
     * other bytes than an agent with umask 022 and files the deploy user may not read. So only "executable or not"
     * is kept from the disk: 755 if any x bit is set, else 644. Directories get 755 from Plexus already. Null where
     * the file system has no POSIX modes, leaving Plexus' own default.
     */
    private static Integer reproducibleMode(Path file) throws IOException {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException e) {
            return null;
        }
        boolean executable = permissions.contains(PosixFilePermission.OWNER_EXECUTE)
                || permissions.contains(PosixFilePermission.GROUP_EXECUTE)
                || permissions.contains(PosixFilePermission.OTHERS_EXECUTE);
        return executable ? 0755 : 0644;
    }

    /** The file's permission bits as Plexus would read them, or null where the file system has no POSIX modes. */
    private static Integer fileMode(Path file) throws IOException {
        try {
            int mode = 0;
            for (PosixFilePermission permission : Files.getPosixFilePermissions(file)) {
                mode |= 0400 >> permission.ordinal();
            }
            return mode;
        } catch (UnsupportedOperationException e) {
            return null;
        }
    }

    private static PackedPackage copyArtifact(Path artifact, Path target) throws PackagingException {
        Path temp = null;
        try {
            temp = createTempFile(target);
            MessageDigest digest = Sha1.digest();
            try (InputStream in = Files.newInputStream(artifact);
                    OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), digest)) {
                in.transferTo(out);
            }
            int entryCount;
            try (ZipFile zip = new ZipFile(temp.toFile())) {
                entryCount = zip.size();
            } catch (ZipException e) {
                throw new PackagingException(
                        "The main artifact " + artifact
                                + " is not a valid zip archive, so Octopus could not extract it: " + describe(e) + ".",
                        e);
            }
            long size = Files.size(temp);
            moveIntoPlace(temp, target);
            return new PackedPackage(target, PackageFormat.ARTIFACT, size, entryCount, Sha1.hex(digest.digest()));
        } catch (IOException | UncheckedIOException e) {
            throw new PackagingException(
                    "Could not copy " + artifact + " to " + target.getFileName() + ": " + describe(e)
                            + ". Any previous " + target.getFileName() + " is unchanged.",
                    e);
        } finally {
            deleteQuietly(temp);
        }
    }

    /** A hidden sibling of the target, so the final rename stays on one file system and is atomic. */
    private static Path createTempFile(Path target) throws IOException {
        for (int attempt = 1; ; attempt++) {
            String random = Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
            Path temp = target.resolveSibling("." + target.getFileName() + ".tmp-" + random);
            try {
                // Not Files.createTempFile: its 0600 mode would carry over to the package.
                return Files.createFile(temp);
            } catch (FileAlreadyExistsException e) {
                if (attempt == 10) {
                    throw e;
                }
            }
        }
    }

    /**
     * A killed pack leaves its hidden temporary files behind. They are never pushed (a glob skips hidden files, the
     * manifest never lists them), but they would pile up: the next pack of the same package ID removes them. Those
     * of this very version at once (two packs of one file into one folder cannot both stand); those of other
     * versions only once nothing has written to them for {@link #STALE_TEMP_FILE} (so that a SNAPSHOT's ever-new
     * version does not keep them forever, while another module of a {@code -T} build that packs the same ID in
     * another version into the same folder keeps its file in progress). Other IDs' are never touched.
     */
    private void removeLeftoverTempFiles(PackRequest request) throws PackagingException {
        List<Path> leftovers = new ArrayList<>();
        Instant staleBefore = clock.instant().minus(STALE_TEMP_FILE);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(request.outputDirectory(), ".*.tmp-*")) {
            for (Path file : files) {
                Optional<PackageFileName> of = tempFileOf(file.getFileName().toString(), request.id());
                if (of.isPresent()
                        && (of.get()
                                        .version()
                                        .equalsIgnoreCase(request.version().toString())
                                || Files.getLastModifiedTime(file).toInstant().isBefore(staleBefore))) {
                    leftovers.add(file);
                }
            }
        } catch (IOException e) {
            throw new PackagingException(
                    "Cannot list the output directory " + request.outputDirectory() + ": " + describe(e) + ".", e);
        }
        for (Path leftover : leftovers) {
            try {
                Files.deleteIfExists(leftover);
            } catch (IOException e) {
                throw new PackagingException(
                        "Cannot remove " + leftover + ", left over by an interrupted pack: " + describe(e)
                                + ". Delete it by hand.",
                        e);
            }
        }
    }

    /**
     * The package whose temporary file {@code name} is, if it is {@code .<PackageId>.<Version><ext>.tmp-<random>} (as
     * {@link #createTempFile} makes) of package {@code id}.
     */
    static Optional<PackageFileName> tempFileOf(String name, PackageId id) {
        int tmp = name.lastIndexOf(".tmp-");
        if (!name.startsWith(".") || tmp < 0 || tmp + 5 == name.length()) {
            return Optional.empty();
        }
        return PackageFileName.parse(name.substring(1, tmp))
                .filter(packageName -> packageName.packageId().equalsIgnoreCase(id.value()));
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // The failure being reported matters more; a leftover hidden temp file is harmless.
        }
    }

    /** One line: the exception's message and, when different, its root cause's. */
    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = messageOf(e);
        String rootMessage = messageOf(root);
        if (root != e && !message.contains(rootMessage)) {
            message = message + " (" + rootMessage + ")";
        }
        return message.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }

    /** File-system exceptions often carry only a path; their type is the actual news. */
    private static String messageOf(Throwable e) {
        if (e instanceof FileSystemException) {
            FileSystemException f = (FileSystemException) e;
            String reason =
                    f.getReason() != null ? f.getReason() : words(f.getClass().getSimpleName());
            // For a move, the target is what the user knows about; the source is our temp file.
            String file = f.getOtherFile() != null ? f.getOtherFile() : f.getFile();
            return (file == null ? "" : file + ": ") + reason;
        }
        return e.getMessage() == null ? words(e.getClass().getSimpleName()) : e.getMessage();
    }

    /** {@code DirectoryNotEmptyException} becomes {@code directory not empty}. */
    private static String words(String exceptionName) {
        return exceptionName
                .replaceFirst("Exception$", "")
                .replaceAll("([a-z])([A-Z])", "$1 $2")
                .toLowerCase(Locale.ROOT);
    }

    private static final class Entry {
        final String name;
        /** The path the user's file set found, for messages. */
        final Path source;
        /** Where the bytes are read from: {@link #source}, or the target if it is a symbolic link. */
        final Path content;
        /** A fixed Unix mode, or null for the file's own. */
        final Integer mode;

        Entry(String name, Path source, Path content, Integer mode) {
            this.name = name;
            this.source = source;
            this.content = content;
            this.mode = mode;
        }
    }
}
