package io.github.octomvn.octopus.testserver;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A release the test server holds: its project, channel, version, notes and the package version of each step. */
public final class StoredRelease {

    /** The version chosen for one package of one step. */
    public static final class SelectedPackage {
        private final String actionName;
        private final String referenceName;
        private final String packageId;
        private final String version;

        SelectedPackage(String actionName, String referenceName, String packageId, String version) {
            this.actionName = actionName;
            this.referenceName = referenceName;
            this.packageId = packageId;
            this.version = version;
        }

        /** The step (action) name. */
        public String actionName() {
            return actionName;
        }

        /** The package reference name, "" for the step's primary package. */
        public String referenceName() {
            return referenceName;
        }

        public String packageId() {
            return packageId;
        }

        public String version() {
            return version;
        }

        @Override
        public String toString() {
            return packageId + ":" + version;
        }
    }

    private final String id;
    private final String spaceId;
    private final String projectId;
    private final String projectName;
    private final String channelId;
    private final String channelName;
    private final String version;
    private final String releaseNotes;
    private final List<SelectedPackage> packages;
    private final String gitRef;
    private final String gitCommit;
    private final Map<String, String> customFields;
    private final boolean ignoreChannelRules;
    private final Instant assembled;

    StoredRelease(
            String id,
            String spaceId,
            String projectId,
            String projectName,
            String channelId,
            String channelName,
            String version,
            String releaseNotes,
            List<SelectedPackage> packages,
            String gitRef,
            String gitCommit,
            Map<String, String> customFields,
            boolean ignoreChannelRules,
            Instant assembled) {
        this.id = id;
        this.spaceId = spaceId;
        this.projectId = projectId;
        this.projectName = projectName;
        this.channelId = channelId;
        this.channelName = channelName;
        this.version = version;
        this.releaseNotes = releaseNotes;
        this.packages = Collections.unmodifiableList(new ArrayList<>(packages));
        this.gitRef = gitRef;
        this.gitCommit = gitCommit;
        this.customFields = Collections.unmodifiableMap(new LinkedHashMap<>(customFields));
        this.ignoreChannelRules = ignoreChannelRules;
        this.assembled = assembled;
    }

    public String id() {
        return id;
    }

    public String spaceId() {
        return spaceId;
    }

    public String projectId() {
        return projectId;
    }

    public String projectName() {
        return projectName;
    }

    public String channelId() {
        return channelId;
    }

    public String channelName() {
        return channelName;
    }

    public String version() {
        return version;
    }

    public Optional<String> releaseNotes() {
        return Optional.ofNullable(releaseNotes);
    }

    public List<SelectedPackage> packages() {
        return packages;
    }

    /** The version selected for this package ID (the first step that deploys it). */
    public Optional<String> packageVersion(String packageId) {
        return packages.stream()
                .filter(p -> p.packageId().equalsIgnoreCase(packageId))
                .map(SelectedPackage::version)
                .findFirst();
    }

    public Optional<String> gitRef() {
        return Optional.ofNullable(gitRef);
    }

    public Optional<String> gitCommit() {
        return Optional.ofNullable(gitCommit);
    }

    public Map<String, String> customFields() {
        return customFields;
    }

    public boolean ignoreChannelRules() {
        return ignoreChannelRules;
    }

    public Instant assembled() {
        return assembled;
    }

    @Override
    public String toString() {
        return id + " " + projectName + " " + version + " " + packages;
    }
}
