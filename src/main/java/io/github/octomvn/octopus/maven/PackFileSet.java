package io.github.octomvn.octopus.maven;

import io.github.octomvn.octopus.pack.PackagingException;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code <fileSet>} of the {@code pack} goal, in the style of maven-assembly-plugin: files under
 * {@code directory} matching {@code includes} but not {@code excludes}, placed under
 * {@code outputDirectory} inside the package.
 */
public class PackFileSet {
    /** The directory to take files from; relative paths are resolved against the project base directory. */
    private File directory;

    /** Ant-style patterns of files to include, relative to {@code directory}. Default: everything. */
    private List<String> includes = new ArrayList<>();

    /** Ant-style patterns of files to leave out, relative to {@code directory}. */
    private List<String> excludes = new ArrayList<>();

    /** Folder inside the package to place the files under; default: the package root. */
    private String outputDirectory = "";

    /** Octal file mode for the files of this set, e.g. {@code 0755}; default: kept from the file system. */
    private String fileMode;

    public File getDirectory() {
        return directory;
    }

    public void setDirectory(File directory) {
        this.directory = directory;
    }

    public List<String> getIncludes() {
        return includes;
    }

    public void setIncludes(List<String> includes) {
        this.includes = includes;
    }

    public List<String> getExcludes() {
        return excludes;
    }

    public void setExcludes(List<String> excludes) {
        this.excludes = excludes;
    }

    public String getOutputDirectory() {
        return outputDirectory;
    }

    public void setOutputDirectory(String outputDirectory) {
        this.outputDirectory = outputDirectory;
    }

    public String getFileMode() {
        return fileMode;
    }

    public void setFileMode(String fileMode) {
        this.fileMode = fileMode;
    }

    /** The core's file set, with a relative directory resolved against {@code basedir}. */
    io.github.octomvn.octopus.pack.FileSet toCore(Path basedir) throws PackagingException {
        if (directory == null) {
            throw new PackagingException(
                    "A <fileSet> has no <directory>. Add <directory>path/to/files</directory> to it.");
        }
        Path dir = directory.isAbsolute() ? directory.toPath() : basedir.resolve(directory.toPath());
        io.github.octomvn.octopus.pack.FileSet set = io.github.octomvn.octopus.pack.FileSet.of(dir)
                .withIncludes(includes)
                .withExcludes(excludes)
                .withPrefix(outputDirectory == null ? "" : outputDirectory);
        if (fileMode != null && !fileMode.isBlank()) {
            set = set.withFileMode(io.github.octomvn.octopus.pack.FileSet.parseFileMode(fileMode.trim()));
        }
        return set;
    }
}
