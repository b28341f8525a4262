package io.github.octomvn.octopus.pack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Files to pack from one directory: Ant-style includes and excludes, an entry prefix inside the archive and an
 * optional fixed Unix file mode.
 */
public final class FileSet {
    private static final List<String> ALL = Collections.singletonList("**");

    private final Path directory;
    private final List<String> includes;
    private final List<String> excludes;
    private final String prefix;
    private final Integer fileMode;
    private final boolean optional;

    private FileSet(
            Path directory,
            List<String> includes,
            List<String> excludes,
            String prefix,
            Integer fileMode,
            boolean optional) {
        this.directory = directory;
        this.includes = includes;
        this.excludes = excludes;
        this.prefix = prefix;
        this.fileMode = fileMode;
        this.optional = optional;
    }

    /** Every file under {@code directory}, at the archive root, with the modes the files have on disk. */
    public static FileSet of(Path directory) {
        return new FileSet(directory, ALL, Collections.emptyList(), "", null, false);
    }

    /** Parses an octal mode such as {@code 0755} or {@code 644}. */
    public static int parseFileMode(String octal) throws PackagingException {
        String digits = octal.trim();
        if (!digits.matches("[0-7]{3,4}") || Integer.parseInt(digits, 8) > 0777) {
            throw new PackagingException("Invalid file mode '" + octal
                    + "': use three octal digits with an optional leading 0, e.g. 0755 or 0644.");
        }
        return Integer.parseInt(digits, 8);
    }

    /** Ant-style patterns relative to the directory; an empty list means {@code **}. */
    public FileSet withIncludes(List<String> patterns) {
        List<String> copy = copyOf(patterns);
        return new FileSet(directory, copy.isEmpty() ? ALL : copy, excludes, prefix, fileMode, optional);
    }

    public FileSet withExcludes(List<String> patterns) {
        return new FileSet(directory, includes, copyOf(patterns), prefix, fileMode, optional);
    }

    /**
     * Puts the files under {@code prefix} inside the archive ({@code bin} or {@code bin/}).
     *
     * @throws PackagingException if the prefix is absolute or contains {@code ..}, which would let entries escape the
     *     extraction directory
     */
    public FileSet withPrefix(String prefix) throws PackagingException {
        return new FileSet(directory, includes, excludes, normalisePrefix(prefix), fileMode, optional);
    }

    /** Gives every file of this set the Unix mode {@code mode} (e.g. {@code 0755}) instead of its own. */
    public FileSet withFileMode(int mode) {
        if (mode < 0 || mode > 0777) {
            throw new IllegalArgumentException(
                    "File mode must be between 0 and 0777, was 0" + Integer.toOctalString(mode));
        }
        return new FileSet(directory, includes, excludes, prefix, mode, optional);
    }

    /** An optional set whose directory does not exist is skipped; a required one is an error. */
    public FileSet withOptional(boolean optional) {
        return new FileSet(directory, includes, excludes, prefix, fileMode, optional);
    }

    public Path directory() {
        return directory;
    }

    public List<String> includes() {
        return includes;
    }

    public List<String> excludes() {
        return excludes;
    }

    /** Either empty or a relative path ending in {@code /}. */
    public String prefix() {
        return prefix;
    }

    public Optional<Integer> fileMode() {
        return Optional.ofNullable(fileMode);
    }

    public boolean isOptional() {
        return optional;
    }

    private static String normalisePrefix(String raw) throws PackagingException {
        String slashed = raw.trim().replace('\\', '/');
        if (slashed.startsWith("/") || slashed.matches("[A-Za-z]:.*")) {
            throw new PackagingException("Invalid file set prefix '" + raw
                    + "': it must be a relative path inside the package, e.g. 'bin/'.");
        }
        StringBuilder normalised = new StringBuilder();
        for (String segment : slashed.split("/")) {
            if (segment.equals("..")) {
                throw new PackagingException("Invalid file set prefix '" + raw
                        + "': '..' would place files outside the package's extraction directory. Use e.g. 'bin/'.");
            }
            if (!segment.isEmpty() && !segment.equals(".")) {
                normalised.append(segment).append('/');
            }
        }
        return normalised.toString();
    }

    private static List<String> copyOf(List<String> patterns) {
        List<String> copy = new ArrayList<>();
        for (String pattern : patterns) {
            if (!pattern.trim().isEmpty()) {
                copy.add(pattern.trim());
            }
        }
        return Collections.unmodifiableList(copy);
    }

    @Override
    public String toString() {
        return "FileSet[" + directory + ", includes=" + includes + ", excludes=" + excludes + ", prefix='" + prefix
                + "'" + (fileMode == null ? "" : ", mode=0" + Integer.toOctalString(fileMode))
                + (optional ? ", optional" : "") + "]";
    }
}
