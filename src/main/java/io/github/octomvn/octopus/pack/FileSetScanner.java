package io.github.octomvn.octopus.pack;

import java.io.File;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.codehaus.plexus.util.AbstractScanner;
import org.codehaus.plexus.util.MatchPatterns;

/**
 * Lists the files of a {@link FileSet} with the Ant patterns and default excludes of Plexus' {@code DirectoryScanner},
 * but walks the tree itself: {@code DirectoryScanner} follows a symbolic link back up the tree without end (two links
 * to {@code .} never finish). Here a directory link that leads to a directory containing it is refused, a link that
 * leads nowhere is reported as a warning, and a directory that cannot be read fails instead of being skipped.
 */
final class FileSetScanner {
    private final Consumer<String> warnings;

    FileSetScanner(Consumer<String> warnings) {
        this.warnings = warnings;
    }

    /** The included files, relative to the set's directory, with the platform's separator. */
    List<String> scan(FileSet fileSet) throws PackagingException {
        Patterns patterns = new Patterns(fileSet);
        Path root = fileSet.directory();
        Visitor visitor = new Visitor(root, patterns);
        try {
            Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, visitor);
        } catch (IOException e) {
            throw new PackagingException("Cannot read the file set directory " + root + ": " + e.getMessage() + ".", e);
        }
        if (visitor.refusal != null) {
            throw visitor.refusal;
        }
        return visitor.files;
    }

    /** The file set's includes and excludes, normalised as {@code DirectoryScanner} does. */
    static final class Patterns {
        private final MatchPatterns includes;
        private final MatchPatterns excludes;
        /** Excludes that end in {@code /**}, without it: a directory they match has nothing to include. */
        private final MatchPatterns excludedTrees;

        Patterns(FileSet fileSet) {
            List<String> excludeList = new ArrayList<>(fileSet.excludes());
            // .git, .svn, editor backups...: what maven-assembly-plugin leaves out too.
            excludeList.addAll(Arrays.asList(AbstractScanner.DEFAULTEXCLUDES));
            List<String> normalisedExcludes =
                    excludeList.stream().map(Patterns::normalise).collect(Collectors.toList());
            this.includes = MatchPatterns.from(
                    fileSet.includes().stream().map(Patterns::normalise).collect(Collectors.toList()));
            this.excludes = MatchPatterns.from(normalisedExcludes);
            String treeSuffix = File.separator + "**";
            this.excludedTrees = MatchPatterns.from(normalisedExcludes.stream()
                    .filter(p -> p.endsWith(treeSuffix) && p.length() > treeSuffix.length())
                    .map(p -> p.substring(0, p.length() - treeSuffix.length()))
                    .collect(Collectors.toList()));
        }

        private static String normalise(String pattern) {
            String p = pattern.trim().replace('/', File.separatorChar).replace('\\', File.separatorChar);
            return p.endsWith(File.separator) ? p + "**" : p;
        }

        boolean includesFile(String relative) {
            return includes.matches(relative, true) && !excludes.matches(relative, true);
        }

        /** Whether anything under this directory could be packed, so whether it must be read at all. */
        boolean descendsInto(String relative) {
            return includes.matchesPatternStart(relative, true) && !excludedTrees.matches(relative, true);
        }
    }

    /** Collects files; the first refusal ends the walk, and is thrown once the walk is over. */
    final class Visitor extends SimpleFileVisitor<Path> {
        private final Path root;
        private final Patterns patterns;
        final List<String> files = new ArrayList<>();
        PackagingException refusal;

        Visitor(Path root, Patterns patterns) {
            this.root = root;
            this.patterns = patterns;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (dir.equals(root)) {
                return FileVisitResult.CONTINUE;
            }
            return patterns.descendsInto(relative(dir)) ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            String relative = relative(file);
            if (!patterns.includesFile(relative)) {
                return FileVisitResult.CONTINUE;
            }
            if (attrs.isSymbolicLink()) {
                // Following the link failed, so the walk fell back to the link itself.
                warnings.accept(brokenLink(file));
            } else if (attrs.isRegularFile()) {
                files.add(relative);
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
            if (!file.equals(root) && !patterns.descendsInto(relative(file))) {
                return FileVisitResult.CONTINUE;
            }
            refusal = refusalFor(file, e);
            return FileVisitResult.TERMINATE;
        }

        private String relative(Path path) {
            return root.relativize(path).toString();
        }
    }

    static PackagingException refusalFor(Path file, IOException e) {
        if (e instanceof FileSystemLoopException) {
            return new PackagingException("The symbolic link " + file + " leads back to " + realPathOrLink(file)
                    + ", a directory that contains it, so it would be packed inside itself without end."
                    + " Remove the link or exclude it from the file set.");
        }
        if (e instanceof AccessDeniedException) {
            return new PackagingException("Cannot read the directory " + file
                    + ": permission denied. Make it readable or exclude it from the file set.");
        }
        String reason = e instanceof FileSystemException && ((FileSystemException) e).getReason() != null
                ? ((FileSystemException) e).getReason()
                : e.getClass().getSimpleName();
        return new PackagingException(
                "Cannot read " + file + ": " + reason + ". Fix it or exclude it from the file set.", e);
    }

    private static String realPathOrLink(Path link) {
        try {
            return link.toRealPath().toString();
        } catch (IOException e) {
            return link.toString();
        }
    }

    private static String brokenLink(Path link) {
        String target;
        try {
            target = Files.readSymbolicLink(link).toString();
        } catch (IOException | UnsupportedOperationException e) {
            target = "?";
        }
        try {
            link.toRealPath();
            return "Skipped the symbolic link " + link + " (-> " + target + "): it cannot be followed.";
        } catch (NoSuchFileException e) {
            return "Skipped the symbolic link " + link + ": its target " + target + " does not exist.";
        } catch (IOException e) {
            return "Skipped the symbolic link " + link + " (-> " + target
                    + "): it is part of a loop of links that never reaches a file.";
        }
    }
}
