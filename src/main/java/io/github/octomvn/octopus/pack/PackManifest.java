package io.github.octomvn.octopus.pack;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code octopus-packages.json} in the build directory: which files the last pack wrote, so that a later
 * {@code mvn octopus:push} by hand pushes exactly those and not stale packages of earlier builds. It sits beside
 * the package folder, not in it, so that a glob such as {@code target/octopus/*} only ever finds packages.
 *
 * <p>A pack {@link #invalidate invalidates} it before it starts and {@link #write writes} it once every package is
 * complete, so an interrupted pack leaves no manifest rather than one naming the previous build; and
 * {@link #read} checks each file against what the pack wrote: same size and modification time, or else same size
 * and SHA-1. Only a file that the first check does not vouch for is read again.
 */
public final class PackManifest {
    public static final String FILE_NAME = "octopus-packages.json";

    private PackManifest() {}

    /**
     * Deletes the manifest in {@code buildDirectory}, and temporary files a killed {@link #write} left behind: from
     * now until the next {@link #write}, a push by hand finds no packages rather than the previous build's.
     */
    public static void invalidate(Path buildDirectory) throws PackagingException {
        Path manifest = buildDirectory.resolve(FILE_NAME);
        try {
            Files.deleteIfExists(manifest);
            if (Files.isDirectory(buildDirectory)) {
                try (DirectoryStream<Path> temps =
                        Files.newDirectoryStream(buildDirectory, "." + FILE_NAME + "*.tmp")) {
                    for (Path temp : temps) {
                        Files.deleteIfExists(temp);
                    }
                }
            }
        } catch (IOException e) {
            throw new PackagingException(
                    "Could not delete " + manifest + ", which names the packages of the last" + " pack: "
                            + e.getMessage() + ". Delete it by hand.",
                    e);
        }
    }

    /**
     * Replaces the manifest in {@code buildDirectory} with these packages, atomically. It records each file's
     * modification time as it is now, so call it right after the packages are written.
     */
    public static void write(Path buildDirectory, List<PackedPackage> packages) throws PackagingException {
        List<String> lastModified = new ArrayList<>();
        for (PackedPackage p : packages) {
            try {
                lastModified.add(Files.getLastModifiedTime(p.file()).toInstant().toString());
            } catch (IOException e) {
                throw new PackagingException(
                        "Cannot read the modification time of " + p.file() + ": " + e.getMessage() + ". Run "
                                + PackagingException.Remedy.PACKAGING_BUILD.text() + " again.",
                        e,
                        PackagingException.Remedy.PACKAGING_BUILD);
            }
        }
        Path target = buildDirectory.resolve(FILE_NAME);
        try {
            Files.createDirectories(buildDirectory);
            Path temp = Files.createTempFile(buildDirectory, "." + FILE_NAME, ".tmp");
            try {
                try (JsonGenerator json = new JsonFactory().createGenerator(temp.toFile(), JsonEncoding.UTF8)) {
                    json.useDefaultPrettyPrinter();
                    json.writeStartObject();
                    json.writeArrayFieldStart("packages");
                    for (int i = 0; i < packages.size(); i++) {
                        PackedPackage p = packages.get(i);
                        // relative, so the manifest stays right when a CI workspace is moved or restored elsewhere
                        String relative = buildDirectory
                                .toAbsolutePath()
                                .relativize(p.file().toAbsolutePath())
                                .toString();
                        json.writeStartObject();
                        json.writeStringField("file", relative.replace('\\', '/'));
                        json.writeStringField("format", p.format().id());
                        json.writeNumberField("sizeBytes", p.sizeBytes());
                        json.writeStringField("sha1", p.sha1());
                        json.writeStringField("lastModified", lastModified.get(i));
                        json.writeEndObject();
                    }
                    json.writeEndArray();
                    json.writeEndObject();
                }
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new PackagingException("Could not write " + target + ": " + e.getMessage() + ".", e);
        }
    }

    /**
     * The package files the manifest in {@code buildDirectory} lists, or empty when there is no manifest. Each must
     * still be the file the pack wrote: same size and SHA-1.
     */
    public static Optional<List<Path>> read(Path buildDirectory) throws PackagingException {
        Path manifest = buildDirectory.resolve(FILE_NAME);
        if (!Files.isRegularFile(manifest)) {
            return Optional.empty();
        }
        List<Path> files = new ArrayList<>();
        try {
            for (Listed p : listed(manifest)) {
                if (p.file.isEmpty()) {
                    throw new IOException("a package entry has no file");
                }
                if (p.sizeBytes == null || p.sha1.isEmpty()) {
                    throw new IOException("the entry of " + p.file + " has no size or SHA-1");
                }
                Path file = buildDirectory.resolve(p.file).normalize();
                checkUnchanged(file, p.sizeBytes, p.lastModified, p.sha1);
                files.add(file);
            }
        } catch (IOException e) {
            throw new PackagingException(
                    "Could not read " + manifest + ": " + e.getMessage() + ". Run "
                            + PackagingException.Remedy.PACKAGING_BUILD.text() + " again to rewrite it.",
                    e,
                    PackagingException.Remedy.PACKAGING_BUILD);
        }
        return Optional.of(files);
    }

    /**
     * The SHA-1s the manifest in {@code buildDirectory} records, by file (absolute, normalized): for a push to use
     * instead of reading a package again, each only while {@link Entry#vouchesFor} holds. Empty when there is no
     * manifest or it cannot be read: the caller then hashes the files itself, so nothing here fails.
     */
    public static List<Entry> entries(Path buildDirectory) {
        Path manifest = buildDirectory.resolve(FILE_NAME);
        List<Entry> entries = new ArrayList<>();
        if (!Files.isRegularFile(manifest)) {
            return entries;
        }
        try {
            for (Listed p : listed(manifest)) {
                // A manifest vouches only with a real SHA-1: a push and a delta build take it without hashing.
                if (!p.file.isEmpty()
                        && p.sha1.matches("[0-9a-fA-F]{40}")
                        && !p.lastModified.isEmpty()
                        && p.sizeBytes != null) {
                    Path file = buildDirectory.resolve(p.file).toAbsolutePath().normalize();
                    entries.add(new Entry(file, p.sizeBytes, p.lastModified, p.sha1));
                }
            }
        } catch (IOException e) {
            return new ArrayList<>();
        }
        return entries;
    }

    /**
     * The package entries of a manifest as written: fields missing or of another type are empty (size: null), fields
     * not named here are skipped. Read with the streaming parser: an object mapper is some four hundred classes to
     * load, a tenth of a second of a push by hand.
     */
    private static List<Listed> listed(Path manifest) throws IOException {
        List<Listed> listed = new ArrayList<>();
        try (JsonParser json = new JsonFactory().createParser(manifest.toFile())) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                return listed;
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                JsonToken value = json.nextToken();
                if (!json.currentName().equals("packages") || value != JsonToken.START_ARRAY) {
                    json.skipChildren();
                    continue;
                }
                while (json.nextToken() != JsonToken.END_ARRAY) {
                    if (json.currentToken() == JsonToken.START_OBJECT) {
                        listed.add(readListed(json));
                    } else {
                        json.skipChildren();
                    }
                }
            }
        }
        return listed;
    }

    private static Listed readListed(JsonParser json) throws IOException {
        Listed p = new Listed();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            JsonToken value = json.nextToken();
            String text = value.isScalarValue() && value != JsonToken.VALUE_NULL ? json.getText() : "";
            switch (name) {
                case "file":
                    p.file = text;
                    break;
                case "sha1":
                    p.sha1 = text;
                    break;
                case "lastModified":
                    p.lastModified = text;
                    break;
                case "sizeBytes":
                    p.sizeBytes = value == JsonToken.VALUE_NUMBER_INT
                                    && json.getNumberType() != JsonParser.NumberType.BIG_INTEGER
                            ? json.getLongValue()
                            : null;
                    break;
                default:
                    break;
            }
            json.skipChildren(); // an object or array in place of a value, or under another name, is passed over
        }
        return p;
    }

    /** One entry of the manifest's "packages", as read. */
    private static final class Listed {
        String file = "";
        Long sizeBytes;
        String lastModified = "";
        String sha1 = "";
    }

    /** One package as the pack wrote it: its size, modification time and SHA-1 then. */
    public static final class Entry {
        private final Path file;
        private final long sizeBytes;
        private final String lastModified;
        private final String sha1;

        Entry(Path file, long sizeBytes, String lastModified, String sha1) {
            this.file = file;
            this.sizeBytes = sizeBytes;
            this.lastModified = lastModified;
            this.sha1 = sha1;
        }

        /** Absolute and normalized. */
        public Path file() {
            return file;
        }

        public String sha1() {
            return sha1;
        }

        /**
         * Whether {@code file} is, by size and modification time now, still the file the pack wrote, so that its
         * recorded SHA-1 may stand in for reading it (as make and rsync trust the same two facts).
         */
        public boolean vouchesFor(Path file) {
            try {
                return file.toAbsolutePath().normalize().equals(this.file)
                        && Files.size(file) == sizeBytes
                        && Files.getLastModifiedTime(file)
                                .toInstant()
                                .toString()
                                .equals(lastModified);
            } catch (IOException e) {
                return false;
            }
        }
    }

    /**
     * Same size and modification time as when the pack wrote it: the file is trusted without reading it, as make and
     * rsync trust it. Otherwise (a manifest of an older version records no time) it must have the same SHA-1.
     */
    private static void checkUnchanged(Path file, long sizeBytes, String lastModified, String sha1)
            throws PackagingException {
        if (!Files.isRegularFile(file)) {
            throw new PackagingException(
                    "The package " + file + " that the last pack wrote is gone. Run "
                            + PackagingException.Remedy.PACKAGING_BUILD.text() + " again.",
                    PackagingException.Remedy.PACKAGING_BUILD);
        }
        try {
            long size = Files.size(file);
            if (size == sizeBytes
                    && Files.getLastModifiedTime(file).toInstant().toString().equals(lastModified)) {
                return;
            }
            if (size != sizeBytes || !sha1.equalsIgnoreCase(Sha1.of(file))) {
                throw new PackagingException(
                        "The package " + file + " has changed since the last pack wrote it ("
                                + (size != sizeBytes ? size + " bytes, not " + sizeBytes : "another SHA-1")
                                + "), so it may not be this build's. Run "
                                + PackagingException.Remedy.PACKAGING_BUILD.text() + " again.",
                        PackagingException.Remedy.PACKAGING_BUILD);
            }
        } catch (IOException e) {
            throw new PackagingException("Cannot read the package " + file + ": " + e.getMessage() + ".", e);
        }
    }
}
