package io.github.octomvn.octopus.pack;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Package files named by the user: plain paths or globs such as {@code target/octopus/*.zip}. */
public final class PackageFiles {
    private PackageFiles() {}

    /**
     * Every file the patterns name, relative ones resolved against {@code base}, in pattern order without
     * repeats; a pattern that matches nothing, or names a directory, is an error.
     */
    public static List<Path> resolve(Path base, List<String> patterns) throws PackagingException {
        Set<Path> files = new LinkedHashSet<>();
        for (String raw : patterns) {
            String pattern = raw.trim();
            if (pattern.isEmpty()) {
                continue;
            }
            files.addAll(isGlob(pattern) ? glob(base, pattern) : single(base, pattern));
        }
        return new ArrayList<>(files);
    }

    private static List<Path> single(Path base, String name) throws PackagingException {
        Path file = base.resolve(name).normalize();
        if (Files.isDirectory(file)) {
            throw new PackagingException("'" + name + "' is a directory: name package files, or a glob such as "
                    + name.replaceAll("/$", "") + "/*.zip.");
        }
        if (!Files.isRegularFile(file)) {
            throw new PackagingException(
                    "Package file " + file + " does not exist. " + PackagingException.Remedy.CHECK_PACKAGES.text()
                            + ".",
                    PackagingException.Remedy.CHECK_PACKAGES);
        }
        return List.of(file);
    }

    private static List<Path> glob(Path base, String pattern) throws PackagingException {
        String unixPattern = pattern.replace('\\', '/');
        int firstWildcard = firstWildcard(unixPattern);
        int lastSlash = unixPattern.lastIndexOf('/', firstWildcard);
        Path root = base.resolve(lastSlash < 0 ? "." : unixPattern.substring(0, lastSlash + 1))
                .normalize();
        // the matcher sees absolute paths, so the pattern is made absolute the same way
        PathMatcher matcher = FileSystems.getDefault()
                .getPathMatcher("glob:"
                        + root.resolve(unixPattern.substring(lastSlash + 1))
                                .toString()
                                .replace("\\", "\\\\"));
        // as a shell does: * does not match hidden files, such as the .X.zip.tmp-… of a pack in progress or killed
        boolean hiddenToo = unixPattern.substring(lastSlash + 1).startsWith(".");
        List<Path> matches = new ArrayList<>();
        if (Files.isDirectory(root)) {
            try (Stream<Path> walk = Files.walk(root)) {
                matches = walk.filter(Files::isRegularFile)
                        .filter(f -> hiddenToo || !f.getFileName().toString().startsWith("."))
                        .filter(matcher::matches)
                        .sorted()
                        .collect(Collectors.toList());
            } catch (IOException e) {
                throw new PackagingException(
                        "Could not search " + root + " for '" + pattern + "': " + e.getMessage(), e);
            }
        }
        if (matches.isEmpty()) {
            throw new PackagingException(
                    "No package file matches '" + pattern + "' (searched " + root
                            + "). " + PackagingException.Remedy.CHECK_PACKAGES.text() + ", or run "
                            + PackagingException.Remedy.PACKAGING_BUILD.text() + " first.",
                    PackagingException.Remedy.CHECK_PACKAGES,
                    PackagingException.Remedy.PACKAGING_BUILD);
        }
        return matches;
    }

    private static boolean isGlob(String pattern) {
        return firstWildcard(pattern) < pattern.length();
    }

    private static int firstWildcard(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            if ("*?[{".indexOf(pattern.charAt(i)) >= 0) {
                return i;
            }
        }
        return pattern.length();
    }
}
