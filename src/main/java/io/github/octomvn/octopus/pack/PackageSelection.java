package io.github.octomvn.octopus.pack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which package files a push sends. The built-in feed keeps one file per package ID and version, so of the files
 * that share one (a build packing both zip and tar.gz), only the first goes and the others stay local; a second
 * one would be a conflict, or with OverwriteExisting would silently replace the first.
 */
public final class PackageSelection {
    private final List<Path> toPush;
    private final Map<Path, Path> keptLocal;

    private PackageSelection(List<Path> toPush, Map<Path, Path> keptLocal) {
        this.toPush = Collections.unmodifiableList(toPush);
        this.keptLocal = Collections.unmodifiableMap(keptLocal);
    }

    /**
     * Keeps the first file of each package ID and version, in the given order (the order of the formats a
     * build packs). Files whose names Octopus cannot read are kept, so that the upload explains them.
     */
    public static PackageSelection firstOfEachVersion(List<Path> files) {
        Map<String, Path> chosen = new LinkedHashMap<>();
        List<Path> toPush = new ArrayList<>();
        Map<Path, Path> keptLocal = new LinkedHashMap<>();
        for (Path file : files) {
            Optional<String> key = feedKey(file);
            if (key.isEmpty()) {
                toPush.add(file);
                continue;
            }
            Path first = chosen.putIfAbsent(key.get(), file);
            if (first == null) {
                toPush.add(file);
            } else if (!first.equals(file)) {
                keptLocal.put(file, first);
            }
        }
        return new PackageSelection(toPush, keptLocal);
    }

    /**
     * Every file as given, refusing two that Octopus would file under one package ID and version: files named by
     * hand, or packages of two modules, where none can be picked on the user's behalf.
     */
    public static PackageSelection allDistinct(List<Path> files) throws PackagingException {
        PackageSelection selection = firstOfEachVersion(files);
        if (!selection.keptLocal.isEmpty()) {
            Map.Entry<Path, Path> clash =
                    selection.keptLocal.entrySet().iterator().next();
            throw new PackagingException(clash.getValue() + " and " + clash.getKey()
                    + " are the same package ID and version to Octopus, which keeps one file per ID and version:"
                    + " push only one of them, or give them different package IDs.");
        }
        return selection;
    }

    /** The files to send, in order. */
    public List<Path> toPush() {
        return toPush;
    }

    /** Files that stay local, each with the file of the same package ID and version that is sent instead. */
    public Map<Path, Path> keptLocal() {
        return keptLocal;
    }

    private static Optional<String> feedKey(Path file) {
        Path name = file.getFileName();
        return name == null
                ? Optional.empty()
                : PackageFileName.parse(name.toString()).map(PackageFileName::feedKey);
    }
}
