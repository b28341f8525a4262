package io.github.octomvn.octopus.testserver;

/**
 * A project seeded on the test server, to give it package steps and channels: {@code server.addProject("Billing")
 * .packageStep("Deploy web", "Billing.Web").channel("Hotfix", "^hotfix")}. It starts with its default channel
 * "Default" and no steps.
 */
public final class SeededProject {

    private final ReleaseStore store;
    private final ReleaseStore.Project project;

    SeededProject(ReleaseStore store, ReleaseStore.Project project) {
        this.store = store;
        this.project = project;
    }

    /** A step deploying this package as its primary package (package reference name ""). */
    public SeededProject packageStep(String stepName, String packageId) {
        store.addStep(project, stepName, "", packageId);
        return this;
    }

    /** A step's additional package, known by its package reference name. */
    public SeededProject packageReference(String stepName, String referenceName, String packageId) {
        store.addStep(project, stepName, referenceName, packageId);
        return this;
    }

    /** Another channel, without rules. */
    public SeededProject channel(String name) {
        store.addChannel(project, name, null);
        return this;
    }

    /**
     * Another channel whose rule requires every package version's pre-release tag to match this regex (find; the tag
     * of {@code 1.0.0} is "", so {@code ^$} allows only stable versions), unless the request ignores channel rules.
     */
    public SeededProject channel(String name, String preReleaseTagRegex) {
        store.addChannel(project, name, preReleaseTagRegex);
        return this;
    }

    /** A version-controlled (config-as-code) project: releases need a {@code gitRef}. */
    public SeededProject versionControlled() {
        store.versionControlled(project);
        return this;
    }

    /** {@code Projects-N}. */
    public String id() {
        return project.id;
    }

    public String name() {
        return project.name;
    }

    public String slug() {
        return project.slug;
    }

    public String spaceId() {
        return project.spaceId;
    }

    /** The ID of the channel of this name. */
    public String channelId(String channelName) {
        synchronized (store.lock()) {
            return project.channels.stream()
                    .filter(c -> c.name.equalsIgnoreCase(channelName))
                    .map(c -> c.id)
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("No channel " + channelName));
        }
    }

    @Override
    public String toString() {
        return project.id + " " + project.name;
    }
}
