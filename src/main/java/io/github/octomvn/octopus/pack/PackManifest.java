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
 * {@code octopus-packages.json} in the build directory: which files the last pack wrote, so that a later
 * {@code mvn octopus:push} by hand pushes exactly those and not stale packages of earlier builds. It sits beside
 * the package folder, not in it, so that a glob such as {@code target/octopus/*} only ever finds packages.
 */
public final class PackManifest {
    public static final String FILE_NAME = "octopus-packages.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private PackManifest() {}

    /** Replaces the manifest in {@code buildDirectory} with these packages, atomically. */
    public static void write(Path buildDirectory, List<PackedPackage> packages) throws PackagingException {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("packages");
        for (PackedPackage p : packages) {
            // relative, so the manifest stays right when a CI workspace is moved or restored elsewhere
            String relative = buildDirectory
                    .toAbsolutePath()
                    .relativize(p.file().toAbsolutePath())
                    .toString();
            list.addObject()
                    .put("file", relative.replace('\\', '/'))
                    .put("format", p.format().id())
                    .put("sizeBytes", p.sizeBytes())
                    .put("sha1", p.sha1());
        }
        Path target = buildDirectory.resolve(FILE_NAME);
        try {
            Files.createDirectories(buildDirectory);
            Path temp = Files.createTempFile(buildDirectory, "." + FILE_NAME, ".tmp");
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

    /** The package files the manifest in {@code buildDirectory} lists, or empty when there is no manifest. */
    public static Optional<List<Path>> read(Path buildDirectory) throws PackagingException {
        Path manifest = buildDirectory.resolve(FILE_NAME);
        if (!Files.isRegularFile(manifest)) {
            return Optional.empty();
        }
        try {
            List<Path> files = new ArrayList<>();
            for (JsonNode p : JSON.readTree(manifest.toFile()).path("packages")) {
                String name = p.path("file").asText("");
                if (name.isEmpty()) {
                    throw new IOException("a package entry has no file");
                }
                files.add(buildDirectory.resolve(name).normalize());
            }
            return Optional.of(files);
        } catch (IOException e) {
            throw new PackagingException(
                    "Could not read " + manifest + ": " + e.getMessage() + ". Run mvn package again to rewrite it.", e);
        }
    }
}
