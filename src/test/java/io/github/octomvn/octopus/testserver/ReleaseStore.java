package io.github.octomvn.octopus.testserver;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What releases are made of and made into, per space: projects with their package steps and channels,
 * environments, tenants, releases and deployments. IDs are numbered across spaces as Octopus numbers them. Every
 * method is synchronized on the store; the route handlers hold {@link #lock()} across a check-then-store.
 */
final class ReleaseStore {

    /** A package a step deploys: the step (action) name, the package reference name ("" for the primary one). */
    static final class Step {
        final String actionName;
        final String referenceName;
        final String packageId;

        Step(String actionName, String referenceName, String packageId) {
            this.actionName = actionName;
            this.referenceName = referenceName;
            this.packageId = packageId;
        }
    }

    static final class Channel {
        final String id;
        final String projectId;
        final String name;
        final boolean isDefault;
        /** Channel rule: every package version's pre-release tag must match (null: no rule). */
        final Pattern preReleaseTag;

        Channel(String id, String projectId, String name, boolean isDefault, Pattern preReleaseTag) {
            this.id = id;
            this.projectId = projectId;
            this.name = name;
            this.isDefault = isDefault;
            this.preReleaseTag = preReleaseTag;
        }
    }

    static final class Project {
        final String id;
        final String spaceId;
        final String name;
        final String slug;
        boolean versionControlled;
        final List<Step> steps = new ArrayList<>();
        final List<Channel> channels = new ArrayList<>();

        Project(String id, String spaceId, String name) {
            this.id = id;
            this.spaceId = spaceId;
            this.name = name;
            this.slug = slugOf(name);
        }

        Channel defaultChannel() {
            return channels.stream().filter(c -> c.isDefault).findFirst().orElseThrow();
        }
    }

    static final class Environment {
        final String id;
        final String spaceId;
        final String name;

        Environment(String id, String spaceId, String name) {
            this.id = id;
            this.spaceId = spaceId;
            this.name = name;
        }
    }

    static final class Tenant {
        final String id;
        final String spaceId;
        final String name;
        /** Canonical tag names, {@code TagSet/Tag}. */
        final Set<String> tags;

        Tenant(String id, String spaceId, String name, Set<String> tags) {
            this.id = id;
            this.spaceId = spaceId;
            this.name = name;
            this.tags = Collections.unmodifiableSet(new LinkedHashSet<>(tags));
        }
    }

    private final Clock clock;
    private final List<Project> projects = new ArrayList<>();
    private final List<Environment> environments = new ArrayList<>();
    private final List<Tenant> tenants = new ArrayList<>();
    private final List<StoredRelease> releases = new ArrayList<>();
    private final List<StoredDeployment> deployments = new ArrayList<>();
    private final Map<String, Integer> counters = new LinkedHashMap<>();

    ReleaseStore(Clock clock) {
        this.clock = clock;
    }

    Object lock() {
        return this;
    }

    Instant now() {
        return clock.instant();
    }

    synchronized String nextId(String kind) {
        int next = counters.merge(kind, 1, Integer::sum);
        return kind + "-" + next;
    }

    static String slugOf(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }

    // ---------------------------------------------------------------------------------------------- seeding

    synchronized Project addProject(String spaceId, String name) {
        if (project(spaceId, name).isPresent()) {
            throw new IllegalArgumentException("A project named '" + name + "' already exists in " + spaceId);
        }
        Project project = new Project(nextId("Projects"), spaceId, name);
        project.channels.add(new Channel(nextId("Channels"), project.id, "Default", true, null));
        projects.add(project);
        return project;
    }

    synchronized Channel addChannel(Project project, String name, String preReleaseTagRegex) {
        Channel channel = new Channel(
                nextId("Channels"),
                project.id,
                name,
                false,
                preReleaseTagRegex == null ? null : Pattern.compile(preReleaseTagRegex));
        project.channels.add(channel);
        return channel;
    }

    synchronized void addStep(Project project, String actionName, String referenceName, String packageId) {
        project.steps.add(new Step(actionName, referenceName, packageId));
    }

    synchronized void versionControlled(Project project) {
        project.versionControlled = true;
    }

    synchronized Environment addEnvironment(String spaceId, String name) {
        if (environment(spaceId, name).isPresent()) {
            throw new IllegalArgumentException("An environment named '" + name + "' already exists in " + spaceId);
        }
        Environment environment = new Environment(nextId("Environments"), spaceId, name);
        environments.add(environment);
        return environment;
    }

    synchronized Tenant addTenant(String spaceId, String name, Set<String> tags) {
        Tenant tenant = new Tenant(nextId("Tenants"), spaceId, name, tags);
        tenants.add(tenant);
        return tenant;
    }

    synchronized StoredRelease seedRelease(String spaceId, String projectName, String version) {
        Project project = project(spaceId, projectName)
                .orElseThrow(() -> new IllegalArgumentException("No project " + projectName + " in " + spaceId));
        if (release(project.id, version).isPresent()) {
            throw new IllegalArgumentException("Release " + version + " of " + projectName + " exists already");
        }
        List<StoredRelease.SelectedPackage> packages = project.steps.stream()
                .map(s -> new StoredRelease.SelectedPackage(s.actionName, s.referenceName, s.packageId, version))
                .collect(Collectors.toList());
        Channel channel = project.defaultChannel();
        StoredRelease release = new StoredRelease(
                nextId("Releases"),
                spaceId,
                project.id,
                project.name,
                channel.id,
                channel.name,
                version,
                null,
                packages,
                null,
                null,
                Map.of(),
                false,
                now());
        releases.add(release);
        return release;
    }

    // ---------------------------------------------------------------------------------------------- finding

    /** A project by ID, slug or name (case-insensitive), as the executions API resolves {@code projectName}. */
    synchronized Optional<Project> project(String spaceId, String idSlugOrName) {
        return first(
                projects,
                p -> p.spaceId.equals(spaceId)
                        && (p.id.equalsIgnoreCase(idSlugOrName)
                                || p.slug.equalsIgnoreCase(idSlugOrName)
                                || p.name.equalsIgnoreCase(idSlugOrName)));
    }

    /** A project by ID or slug, as {@code GET projects/{idOrSlug}} resolves it. */
    synchronized Optional<Project> projectByIdOrSlug(String spaceId, String idOrSlug) {
        return first(
                projects,
                p -> p.spaceId.equals(spaceId)
                        && (p.id.equalsIgnoreCase(idOrSlug) || p.slug.equalsIgnoreCase(idOrSlug)));
    }

    synchronized Optional<Project> projectById(String id) {
        return first(projects, p -> p.id.equalsIgnoreCase(id));
    }

    synchronized List<Project> projects(String spaceId) {
        return projects.stream().filter(p -> p.spaceId.equals(spaceId)).collect(Collectors.toList());
    }

    synchronized Optional<Channel> channelById(String id) {
        return projects.stream()
                .flatMap(p -> p.channels.stream())
                .filter(c -> c.id.equalsIgnoreCase(id))
                .findFirst();
    }

    /** An environment by ID or name (case-insensitive). */
    synchronized Optional<Environment> environment(String spaceId, String idOrName) {
        return first(
                environments,
                e -> e.spaceId.equals(spaceId)
                        && (e.id.equalsIgnoreCase(idOrName) || e.name.equalsIgnoreCase(idOrName)));
    }

    synchronized Optional<Environment> environmentById(String id) {
        return first(environments, e -> e.id.equalsIgnoreCase(id));
    }

    synchronized List<Environment> environments(String spaceId) {
        return environments.stream().filter(e -> e.spaceId.equals(spaceId)).collect(Collectors.toList());
    }

    /** A tenant by ID or name (case-insensitive). */
    synchronized Optional<Tenant> tenant(String spaceId, String idOrName) {
        return first(
                tenants,
                t -> t.spaceId.equals(spaceId)
                        && (t.id.equalsIgnoreCase(idOrName) || t.name.equalsIgnoreCase(idOrName)));
    }

    synchronized Optional<Tenant> tenantById(String id) {
        return first(tenants, t -> t.id.equalsIgnoreCase(id));
    }

    synchronized List<Tenant> tenants(String spaceId) {
        return tenants.stream().filter(t -> t.spaceId.equals(spaceId)).collect(Collectors.toList());
    }

    synchronized Optional<StoredRelease> release(String projectId, String version) {
        return first(
                releases, r -> r.projectId().equals(projectId) && r.version().equalsIgnoreCase(version));
    }

    synchronized Optional<StoredRelease> releaseById(String id) {
        return first(releases, r -> r.id().equalsIgnoreCase(id));
    }

    synchronized List<StoredRelease> releases() {
        return new ArrayList<>(releases);
    }

    synchronized void store(StoredRelease release) {
        releases.add(release);
    }

    synchronized List<StoredDeployment> deployments() {
        return new ArrayList<>(deployments);
    }

    synchronized List<StoredDeployment> deployments(Predicate<StoredDeployment> filter) {
        return deployments.stream().filter(filter).collect(Collectors.toList());
    }

    synchronized Optional<StoredDeployment> deploymentById(String id) {
        return first(deployments, d -> d.id().equalsIgnoreCase(id));
    }

    synchronized void store(StoredDeployment deployment) {
        deployments.add(deployment);
    }

    private static <T> Optional<T> first(List<T> list, Predicate<T> test) {
        return list.stream().filter(test).findFirst();
    }
}
