package io.github.octomvn.octopus.pack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code packages.json} beside the packages: which files the last pack wrote, so that a later
 * {@code mvn octopus:push} by hand pushes exactly those and not stale packages of earlier builds.
 */
public final class PackManifest {
    public static final String FILE_NAME = "packages.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private PackManifest() {}

    /** Replaces the manifest in {@code directory} with these packages, atomically. */
    public static void write(Path directory, List<PackedPackage> packages) throws PackagingException {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("packages");
        for (PackedPackage p : packages) {
            list.addObject()
                    .put("file", p.fileName())
                    .put("format", p.format().id())
                    .put("sizeBytes", p.sizeBytes())
                    .put("entryCount", p.entryCount())
                    .put("sha1", p.sha1());
        }
        Path target = directory.resolve(FILE_NAME);
        try {
            Path temp = Files.createTempFile(directory, "." + FILE_NAME, ".tmp");
            try {
                JSON.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), root);
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new PackagingException("Could not write " + target + ": " + e.getMessage() + ".", e);
        }
    }

    /** The package files the manifest in {@code directory} lists, or empty when there is no manifest. */
    public static Optional<List<Path>> read(Path directory) throws PackagingException {
        Path manifest = directory.resolve(FILE_NAME);
        if (!Files.isRegularFile(manifest)) {
            return Optional.empty();
        }
        try {
            List<Path> files = new ArrayList<>();
            for (JsonNode p : JSON.readTree(manifest.toFile()).path("packages")) {
                Path file = directory.resolve(p.path("file").asText()).normalize();
                if (!directory.equals(file.getParent())) {
                    throw new IOException("it names a file outside its folder: "
                            + p.path("file").asText());
                }
                files.add(file);
            }
            return Optional.of(files);
        } catch (IOException e) {
            throw new PackagingException(
                    "Could not read " + manifest + ": " + e.getMessage() + ". Run mvn package again to rewrite it.", e);
        }
    }
}
