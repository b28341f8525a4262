package io.github.octomvn.octopus.testserver;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A build information record the test server holds, as the tests see it. */
public final class StoredBuildInformation {

    /** One commit of the record, as sent ({@code Id}, {@code Comment}); either may be absent. */
    public static final class StoredCommit {
        private final String id;
        private final String comment;

        StoredCommit(String id, String comment) {
            this.id = id;
            this.comment = comment;
        }

        public Optional<String> id() {
            return Optional.ofNullable(id);
        }

        public Optional<String> comment() {
            return Optional.ofNullable(comment);
        }

        @Override
        public String toString() {
            return id + " " + comment;
        }
    }

    private final String spaceId;
    private final String id;
    private final String packageId;
    private final String version;
    private final String buildEnvironment;
    private final String buildNumber;
    private final String buildUrl;
    private final String branch;
    private final String vcsType;
    private final String vcsRoot;
    private final String vcsCommitNumber;
    private final List<StoredCommit> commits;
    private final Instant created;
    private final Instant lastModified;

    StoredBuildInformation(
            String spaceId,
            String id,
            String packageId,
            String version,
            Fields fields,
            Instant created,
            Instant lastModified) {
        this.spaceId = Objects.requireNonNull(spaceId, "spaceId");
        this.id = Objects.requireNonNull(id, "id");
        this.packageId = Objects.requireNonNull(packageId, "packageId");
        this.version = Objects.requireNonNull(version, "version");
        this.buildEnvironment = fields.buildEnvironment;
        this.buildNumber = fields.buildNumber;
        this.buildUrl = fields.buildUrl;
        this.branch = fields.branch;
        this.vcsType = fields.vcsType;
        this.vcsRoot = fields.vcsRoot;
        this.vcsCommitNumber = fields.vcsCommitNumber;
        this.commits = List.copyOf(fields.commits);
        this.created = created;
        this.lastModified = lastModified;
    }

    /** The {@code OctopusBuildInformation} part of a request, read leniently. */
    static final class Fields {
        String buildEnvironment;
        String buildNumber;
        String buildUrl;
        String branch;
        String vcsType;
        String vcsRoot;
        String vcsCommitNumber;
        List<StoredCommit> commits = List.of();
    }

    /** {@code Spaces-1}. */
    public String spaceId() {
        return spaceId;
    }

    /** The server's id, e.g. {@code BuildInformation-1}. */
    public String id() {
        return id;
    }

    public String packageId() {
        return packageId;
    }

    /** The version exactly as it was first sent. */
    public String version() {
        return version;
    }

    public Optional<String> buildEnvironment() {
        return Optional.ofNullable(buildEnvironment);
    }

    public Optional<String> buildNumber() {
        return Optional.ofNullable(buildNumber);
    }

    public Optional<String> buildUrl() {
        return Optional.ofNullable(buildUrl);
    }

    public Optional<String> branch() {
        return Optional.ofNullable(branch);
    }

    public Optional<String> vcsType() {
        return Optional.ofNullable(vcsType);
    }

    public Optional<String> vcsRoot() {
        return Optional.ofNullable(vcsRoot);
    }

    public Optional<String> vcsCommitNumber() {
        return Optional.ofNullable(vcsCommitNumber);
    }

    public List<StoredCommit> commits() {
        return commits;
    }

    /** When the record was first stored (test-server time: a fixed epoch plus one second per write). */
    public Instant created() {
        return created;
    }

    /** When the record was last written. */
    public Instant lastModified() {
        return lastModified;
    }

    Fields fields() {
        Fields f = new Fields();
        f.buildEnvironment = buildEnvironment;
        f.buildNumber = buildNumber;
        f.buildUrl = buildUrl;
        f.branch = branch;
        f.vcsType = vcsType;
        f.vcsRoot = vcsRoot;
        f.vcsCommitNumber = vcsCommitNumber;
        f.commits = commits;
        return f;
    }

    @Override
    public String toString() {
        return "StoredBuildInformation[" + id + " " + packageId + " " + version + " in " + spaceId + ", commit "
                + vcsCommitNumber + ", " + commits.size() + " commits, build " + buildNumber + "]";
    }
}
