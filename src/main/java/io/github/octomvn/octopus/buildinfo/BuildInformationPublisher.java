package io.github.octomvn.octopus.buildinfo;

import io.github.octomvn.octopus.ci.PublishedBuildInformation;
import io.github.octomvn.octopus.client.Json;
import io.github.octomvn.octopus.client.OctopusClient;
import io.github.octomvn.octopus.client.OctopusException;
import io.github.octomvn.octopus.client.Space;
import io.github.octomvn.octopus.pack.PackageFileName;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Sends the build information of a project's packages to Octopus, one record per package ID and version, and
 * writes what it sent to {@code octopus/build-information.json} in the project's output folder. Each record goes
 * out at most once per build (the caller shares {@code sentThisBuild} between the goals of one build).
 */
public final class BuildInformationPublisher {
    /** Lookups before the records are sent, at once: small GETs, a few side by side hide most of their latency. */
    static final int LOOKUP_THREADS = 4;

    private final BuildInformationSettings settings;
    private final Set<String> sentThisBuild;
    private final Consumer<String> info;
    private final Consumer<String> warn;
    private final Set<String> warned = new HashSet<>();
    private final List<PublishedBuildInformation> published = Collections.synchronizedList(new ArrayList<>());
    private final GitHistory gitHistory;

    /**
     * @param sentThisBuild keys of the records already sent in this build; must be thread-safe when goals share it
     * @param info where the summary lines go
     * @param warn where warnings go (each distinct one once)
     */
    public BuildInformationPublisher(
            BuildInformationSettings settings,
            Set<String> sentThisBuild,
            Consumer<String> info,
            Consumer<String> warn) {
        this(settings, sentThisBuild, new GitHistory(), info, warn);
    }

    /**
     * As above, reading git through {@code gitHistory}: shared by the goals and modules of one build, git is read
     * once for all of them.
     */
    public BuildInformationPublisher(
            BuildInformationSettings settings,
            Set<String> sentThisBuild,
            GitHistory gitHistory,
            Consumer<String> info,
            Consumer<String> warn) {
        this.gitHistory = Objects.requireNonNull(gitHistory, "gitHistory");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sentThisBuild = Objects.requireNonNull(sentThisBuild, "sentThisBuild");
        this.info = Objects.requireNonNull(info, "info");
        this.warn = Objects.requireNonNull(warn, "warn");
    }

    /**
     * Starts reading these projects' git history ahead, while the server is asked what must come first (see
     * {@link GitHistory#readAhead}).
     */
    public void readAhead(Collection<ProjectSource> projects) {
        gitHistory.readAhead(
                projects.stream().map(ProjectSource::directory).distinct().collect(Collectors.toList()));
    }

    /**
     * Sends one record per distinct package ID and version among {@code packages}, all of {@code project}. A
     * server without build information support gets a warning, not a failure: the packages still matter more.
     */
    public void publish(OctopusClient client, Space space, ProjectSource project, List<PackageFileName> packages)
            throws OctopusException {
        Map<ProjectSource, List<PackageFileName>> one = new LinkedHashMap<>();
        one.put(project, packages);
        publish(client, space, one);
    }

    /**
     * As above for the packages of several projects, in their order. What the server knows of every package (the
     * record before it, and the record of this version that a push checks first) is looked up for all of them
     * side by side, at most {@value #LOOKUP_THREADS} at once; then the records are sent one after another, and every
     * line, warning and result is told in the packages' order.
     */
    public void publish(OctopusClient client, Space space, Map<ProjectSource, List<PackageFileName>> packagesByProject)
            throws OctopusException {
        List<Item> items = new ArrayList<>();
        for (Map.Entry<ProjectSource, List<PackageFileName>> entry : packagesByProject.entrySet()) {
            Map<String, PackageFileName> distinct = new LinkedHashMap<>();
            for (PackageFileName p : entry.getValue()) {
                distinct.putIfAbsent(p.packageId() + " " + p.version(), p);
            }
            for (PackageFileName p : distinct.values()) {
                String key = client.serverUrl() + "|" + space.id() + "|" + p.packageId() + "|" + p.version();
                if (sentThisBuild.add(key)) {
                    items.add(new Item(entry.getKey(), p));
                }
            }
        }
        if (items.isEmpty()) {
            return;
        }
        BuildInformationPusher pusher = BuildInformationPusher.of(client);
        List<BuildInformationPusher.Prior> priors = lookUp(client, pusher, space, items);
        Map<ProjectSource, Integer> lastItem = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            lastItem.put(items.get(i).project, i);
        }
        Map<ProjectSource, List<Map<String, Object>>> written = new HashMap<>();
        Map<ProjectSource, Map<Optional<String>, CollectedBuildInformation>> collectedByAnchor = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            BuildInformationPusher.Prior prior = priors.get(i);
            PackageFileName p = item.name;
            List<Map<String, Object>> records = written.computeIfAbsent(item.project, k -> new ArrayList<>());
            prior.warnings.forEach(client.warnings());
            // the range starts at the commit of the newest earlier version Octopus knows, not this version's own
            Optional<String> anchor =
                    prior.previous.flatMap(r -> r.buildInformation().vcsCommitNumber());
            CollectedBuildInformation collected = collectedByAnchor
                    .computeIfAbsent(item.project, k -> new HashMap<>())
                    .computeIfAbsent(anchor, a -> collect(item.project, a));
            collected.warnings().forEach(this::warnOnce);
            BuildInformationRequest request = new BuildInformationRequest(
                    p.packageId(), p.version(), settings.mode(), collected.buildInformation());
            records.add(request.toJsonMap());
            String range = collected.commitRange().map(r -> ", " + r.describe()).orElse("");
            if (settings.dryRun()) {
                info.accept("Dry run: would send build information for " + p.packageId() + " " + p.version() + range
                        + ":\n" + request.toJson());
            } else {
                try {
                    BuildInformationResult result = pusher.push(space, request, prior.existing);
                    info.accept(result.describe() + range);
                    published.add(new PublishedBuildInformation(
                            p.packageId(),
                            p.version(),
                            collected.buildInformation().commits().size(),
                            words(result.outcome()),
                            result.webUrl()));
                } catch (OctopusException e) {
                    if (e.kind() != OctopusException.Kind.UNSUPPORTED_SERVER) {
                        throw e;
                    }
                    warnOnce(e.getMessage() + " Build information is skipped.");
                    return;
                }
            }
            if (lastItem.get(item.project) == i) {
                // each project's file once all of its records are sent, as a failure of a later project leaves it
                write(item.project, records);
            }
        }
    }

    /**
     * What the server knows before each item is sent, in the items' order: looked up side by side, since no lookup
     * depends on another (each names its own package ID and version). The first failure, in order, is thrown.
     */
    private List<BuildInformationPusher.Prior> lookUp(
            OctopusClient client, BuildInformationPusher pusher, Space space, List<Item> items)
            throws OctopusException {
        boolean withExisting = !settings.dryRun();
        pusher.supported(space); // asked once here, not by every lookup at once
        List<BuildInformationPusher.Prior> priors = new ArrayList<>();
        int threads = Math.min(LOOKUP_THREADS, items.size());
        if (threads <= 1) {
            for (Item item : items) {
                priors.add(pusher.lookUp(space, item.name.packageId(), item.name.version(), withExisting));
            }
            return priors;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, lookupThreads());
        try {
            List<Future<BuildInformationPusher.Prior>> answers = new ArrayList<>();
            for (Item item : items) {
                answers.add(pool.submit(
                        () -> pusher.lookUp(space, item.name.packageId(), item.name.version(), withExisting)));
            }
            for (Future<BuildInformationPusher.Prior> answer : answers) {
                priors.add(answer.get());
            }
            return priors;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof OctopusException) {
                throw (OctopusException) cause;
            }
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            throw client.json().failures().interrupted("Looking up build information on " + client.serverUrl(), e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static ThreadFactory lookupThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "octopus-lookup-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** One record to send: a package of a project. */
    private static final class Item {
        final ProjectSource project;
        final PackageFileName name;

        Item(ProjectSource project, PackageFileName name) {
            this.project = project;
            this.name = name;
        }
    }

    /** The records this publisher sent or found on the server so far, in order, for the CI's job page. */
    public List<PublishedBuildInformation> published() {
        synchronized (published) {
            return List.copyOf(published);
        }
    }

    private static String words(BuildInformationOutcome outcome) {
        switch (outcome) {
            case CREATED:
                return "created";
            case REPLACED:
                return "replaced";
            case KEPT_EXISTING:
                return "skipped: the server keeps its own record";
            case IDENTICAL:
            default:
                return "already there";
        }
    }

    private CollectedBuildInformation collect(ProjectSource project, Optional<String> anchor) {
        return new BuildInformationCollector(gitHistory)
                .collect(
                        project.directory(),
                        settings.environment(),
                        settings.overrides(),
                        anchor,
                        settings.maxCommits(),
                        project.scmUrl());
    }

    private void warnOnce(String warning) {
        if (warned.add(warning)) {
            warn.accept(warning);
        }
    }

    private void write(ProjectSource project, List<Map<String, Object>> records) {
        if (records.isEmpty()) {
            return;
        }
        Path file = project.outputDirectory().resolve("octopus").resolve("build-information.json");
        try {
            Json.writeAtomically(file, Map.of("records", records));
        } catch (IOException e) {
            warn.accept("Could not write " + file + ": " + e.getMessage());
        }
    }
}
