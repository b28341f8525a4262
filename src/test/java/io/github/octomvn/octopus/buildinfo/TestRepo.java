package io.github.octomvn.octopus.buildinfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.lib.TagBuilder;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * A git repository built commit by commit with JGit's object API: no working tree, no index, no user config, and
 * author/committer times that advance one minute per commit from a fixed instant, so ids are reproducible.
 */
final class TestRepo implements AutoCloseable {
    private static final Instant EPOCH = Instant.parse("2026-01-05T09:00:00Z");

    private final Repository repository;
    private final Path workTree;
    private int minutes;

    private TestRepo(Repository repository, Path workTree) {
        this.repository = repository;
        this.workTree = workTree;
    }

    /** A new repository in {@code dir/.git} with HEAD on the unborn branch {@code main}. */
    static TestRepo init(Path dir) throws IOException {
        Files.createDirectories(dir);
        Repository repository = new FileRepositoryBuilder()
                .setGitDir(dir.resolve(".git").toFile())
                .setWorkTree(dir.toFile())
                .build();
        repository.create();
        RefUpdate head = repository.updateRef(Constants.HEAD);
        head.disableRefLog();
        head.link("refs/heads/main");
        return new TestRepo(repository, dir);
    }

    Path workTree() {
        return workTree;
    }

    Repository repository() {
        return repository;
    }

    /** Commits on top of HEAD (whatever it points to) and moves HEAD's branch, or HEAD itself when detached. */
    String commit(String message) throws IOException {
        ObjectId head = repository.resolve(Constants.HEAD);
        List<ObjectId> parents = new ArrayList<>();
        if (head != null) {
            parents.add(head);
        }
        return commitWithParents(Constants.HEAD, message, parents);
    }

    /** Commits on top of {@code branch} (creating it from HEAD if missing) without touching HEAD. */
    String commitOn(String branch, String message) throws IOException {
        ObjectId tip = repository.resolve("refs/heads/" + branch);
        if (tip == null) {
            tip = repository.resolve(Constants.HEAD);
        }
        List<ObjectId> parents = new ArrayList<>();
        if (tip != null) {
            parents.add(tip);
        }
        return commitWithParents("refs/heads/" + branch, message, parents);
    }

    /** A merge commit on HEAD with HEAD as first parent and {@code other} as second. */
    String merge(String message, String other) throws IOException {
        List<ObjectId> parents = List.of(repository.resolve(Constants.HEAD), ObjectId.fromString(other));
        return commitWithParents(Constants.HEAD, message, parents);
    }

    void lightweightTag(String name, String commit) throws IOException {
        setRef(Constants.R_TAGS + name, ObjectId.fromString(commit));
    }

    void annotatedTag(String name, String commit) throws IOException {
        TagBuilder tag = new TagBuilder();
        tag.setTag(name);
        tag.setObjectId(ObjectId.fromString(commit), Constants.OBJ_COMMIT);
        tag.setTagger(person());
        tag.setMessage("Release " + name + "\n");
        ObjectId id;
        try (ObjectInserter inserter = repository.newObjectInserter()) {
            id = inserter.insert(tag);
            inserter.flush();
        }
        setRef(Constants.R_TAGS + name, id);
    }

    void detachHead(String commit) throws IOException {
        RefUpdate update = repository.getRefDatabase().newUpdate(Constants.HEAD, true);
        update.disableRefLog();
        update.setNewObjectId(ObjectId.fromString(commit));
        update.setForceUpdate(true);
        check(update.update());
    }

    void checkoutBranch(String branch) throws IOException {
        RefUpdate head = repository.updateRef(Constants.HEAD);
        head.disableRefLog();
        head.link("refs/heads/" + branch);
    }

    void addRemote(String name, String url) throws IOException {
        StoredConfig config = repository.getConfig();
        config.setString("remote", name, "url", url);
        config.save();
    }

    private String commitWithParents(String ref, String message, List<ObjectId> parents) throws IOException {
        CommitBuilder commit = new CommitBuilder();
        PersonIdent person = person();
        commit.setAuthor(person);
        commit.setCommitter(person);
        commit.setMessage(message);
        commit.setParentIds(parents);
        ObjectId id;
        try (ObjectInserter inserter = repository.newObjectInserter()) {
            commit.setTreeId(inserter.insert(new TreeFormatter()));
            id = inserter.insert(commit);
            inserter.flush();
        }
        setRef(ref, id);
        return id.getName();
    }

    private PersonIdent person() {
        minutes++;
        return new PersonIdent("Ann Example", "ann@example.com", EPOCH.plusSeconds(60L * minutes), ZoneOffset.UTC);
    }

    private void setRef(String name, ObjectId id) throws IOException {
        RefUpdate update = repository.updateRef(name);
        update.disableRefLog();
        update.setNewObjectId(id);
        update.setForceUpdate(true);
        check(update.update());
    }

    private static void check(RefUpdate.Result result) {
        switch (result) {
            case NEW:
            case FORCED:
            case FAST_FORWARD:
            case NO_CHANGE:
                return;
            default:
                throw new IllegalStateException("Ref update failed: " + result);
        }
    }

    Ref head() throws IOException {
        return repository.exactRef(Constants.HEAD);
    }

    @Override
    public void close() {
        repository.close();
    }
}
