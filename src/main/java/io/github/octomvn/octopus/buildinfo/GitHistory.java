package io.github.octomvn.octopus.buildinfo;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * What one build read from git, so that it is read once: the modules of a reactor share a working copy, and each of
 * their build-information records needs the same head, branch and commit range. Keyed by the repository (found
 * upwards from a project's directory, as git does) and by what the range depends on (the server's anchor commit,
 * the CI's previous commit, the most commits), so a different question is read anew. Safe for the threads of a
 * parallel build; the caller keeps one per build, never longer, so that a later build sees new commits.
 */
public final class GitHistory {
    private final Map<String, Object> read = new ConcurrentHashMap<>();
    private final AtomicInteger reads = new AtomicInteger();

    /** What was read for {@code key}, reading it with {@code reader} the first time; one read per key at a time. */
    @SuppressWarnings("unchecked")
    <T> T readOnce(
            Path projectDir, Optional<String> anchor, Optional<String> previous, int maxCommits, Supplier<T> reader) {
        Objects.requireNonNull(reader, "reader");
        String key = repositoryOf(projectDir) + "|" + anchor.orElse("") + "|" + previous.orElse("") + "|" + maxCommits;
        return (T) read.computeIfAbsent(key, k -> {
            reads.incrementAndGet();
            return reader.get();
        });
    }

    /**
     * Starts reading the newest commit of each of these directories' repositories on a thread of its own and returns
     * at once (the future is for tests). The first use of JGit in a JVM costs a few hundred milliseconds (loading and verifying its signed
     * classes, reading the repository's index files); done ahead, that overlaps the requests to the server that must
     * come before the history proper can be read, whose anchor is the server's. Nothing read is kept and nothing is
     * reported: the read proper opens the repository again and says what fails.
     */
    public CompletableFuture<Void> readAhead(Collection<Path> projectDirs) {
        List<Path> directories = List.copyOf(projectDirs);
        return CompletableFuture.runAsync(
                () -> {
                    for (Path directory : directories) {
                        try (GitRepository git = GitRepository.find(directory).orElse(null)) {
                            if (git != null) {
                                new CommitCollector(git).collect(Optional.empty(), Optional.empty(), 1);
                                git.currentBranch();
                                git.vcsRoot();
                            }
                        } catch (IOException | RuntimeException e) {
                            // the read proper meets it again and reports it
                        }
                    }
                },
                task -> {
                    Thread thread = new Thread(task, "octopus-git-read-ahead");
                    thread.setDaemon(true);
                    thread.start();
                });
    }

    /** How many times git was actually read: for tests of "once per build". */
    public int reads() {
        return reads.get();
    }

    /** The repository {@code projectDir} is in, found without opening it; the directory itself when there is none. */
    private static String repositoryOf(Path projectDir) {
        File gitDir = new FileRepositoryBuilder()
                .findGitDir(projectDir.toAbsolutePath().toFile())
                .getGitDir();
        return gitDir == null
                ? "none:" + projectDir.toAbsolutePath().normalize()
                : gitDir.toPath().toAbsolutePath().normalize().toString();
    }
}
