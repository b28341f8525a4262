package io.github.octomvn.octopus.buildinfo;

import io.github.octomvn.octopus.ci.VcsUrls;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * A git working copy read with JGit (no {@code git} process): HEAD, branch, remote and history.
 *
 * <p>HEAD is read once when the repository is opened, so every answer describes the same commit.
 */
public final class GitRepository implements AutoCloseable {
    private final Repository repository;
    private final Path gitDir;
    private final ObjectId head;
    private final String headRef;

    private GitRepository(Repository repository, Path gitDir, ObjectId head, String headRef) {
        this.repository = repository;
        this.gitDir = gitDir;
        this.head = head;
        this.headRef = headRef;
    }

    /**
     * Opens the repository containing {@code start}, searching upwards as git does; empty when there is none.
     * Never reads {@code GIT_DIR} or other process environment.
     *
     * @throws IOException when a repository is found but cannot be read
     */
    public static Optional<GitRepository> find(Path start) throws IOException {
        Objects.requireNonNull(start, "start");
        FileRepositoryBuilder finder =
                new FileRepositoryBuilder().findGitDir(start.toAbsolutePath().toFile());
        File found = finder.getGitDir();
        if (found == null) {
            return Optional.empty();
        }
        Path gitDir = found.toPath();
        Path commonDirFile = gitDir.resolve("commondir");
        if (Files.isRegularFile(commonDirFile)) {
            return Optional.of(openLinkedWorktree(gitDir, commonDirFile));
        }
        Repository repository = new FileRepositoryBuilder()
                .setGitDir(gitDir.toFile())
                .setMustExist(true)
                .build();
        try {
            Ref headRef = repository.exactRef(Constants.HEAD);
            ObjectId head = headRef == null ? null : headRef.getObjectId();
            String branch = headRef != null && headRef.isSymbolic()
                    ? headRef.getTarget().getName()
                    : null;
            return Optional.of(new GitRepository(repository, gitDir, head, branch));
        } catch (IOException | RuntimeException e) {
            repository.close();
            throw e;
        }
    }

    // JGit 6 cannot open a linked worktree ("git worktree add"): its objects and refs live in the main repository
    // named by the commondir file, and only HEAD is the worktree's own. Open the main repository, read HEAD here.
    private static GitRepository openLinkedWorktree(Path gitDir, Path commonDirFile) throws IOException {
        String common = Files.readString(commonDirFile, StandardCharsets.UTF_8).trim();
        Path commonDir = gitDir.resolve(common).normalize();
        Repository repository = new FileRepositoryBuilder()
                .setGitDir(commonDir.toFile())
                .setMustExist(true)
                .build();
        try {
            String headText = Files.readString(gitDir.resolve(Constants.HEAD), StandardCharsets.UTF_8)
                    .trim();
            if (headText.startsWith("ref:")) {
                String refName = headText.substring("ref:".length()).trim();
                Ref ref = repository.exactRef(refName);
                return new GitRepository(repository, gitDir, ref == null ? null : ref.getObjectId(), refName);
            }
            ObjectId head = ObjectId.isId(headText) ? ObjectId.fromString(headText) : null;
            return new GitRepository(repository, gitDir, head, null);
        } catch (IOException | RuntimeException e) {
            repository.close();
            throw e;
        }
    }

    /** The {@code .git} directory (for a linked worktree, its own directory under the main repository). */
    public Path gitDir() {
        return gitDir;
    }

    /** The full id of the commit checked out; empty in a repository without commits. */
    public Optional<String> headCommit() {
        return Optional.ofNullable(head).map(ObjectId::getName);
    }

    /** The branch checked out, e.g. {@code main}; empty for a detached HEAD, as CI servers often check out. */
    public Optional<String> currentBranch() {
        if (headRef == null || !headRef.startsWith(Constants.R_HEADS)) {
            return Optional.empty();
        }
        return Optional.of(headRef.substring(Constants.R_HEADS.length()));
    }

    /**
     * Browsable URL of the {@code origin} remote (or of the only remote when there is no {@code origin}), without
     * credentials; empty when there is no usable remote.
     */
    public Optional<String> vcsRoot() {
        String url = repository.getConfig().getString("remote", Constants.DEFAULT_REMOTE_NAME, "url");
        if (url == null) {
            Set<String> remotes = repository.getRemoteNames();
            if (remotes.size() == 1) {
                url = repository
                        .getConfig()
                        .getString("remote", remotes.iterator().next(), "url");
            }
        }
        return url == null ? Optional.empty() : VcsUrls.browsable(url);
    }

    /** True when the clone is shallow: history below some commits was not fetched. */
    public boolean isShallow() throws IOException {
        try (ObjectReader reader = repository.newObjectReader()) {
            return !reader.getShallowCommits().isEmpty();
        }
    }

    Repository repository() {
        return repository;
    }

    Optional<ObjectId> headId() {
        return Optional.ofNullable(head);
    }

    @Override
    public void close() {
        repository.close();
    }

    @Override
    public String toString() {
        return "GitRepository{" + gitDir + ", head=" + headCommit().orElse("none") + "}";
    }
}
