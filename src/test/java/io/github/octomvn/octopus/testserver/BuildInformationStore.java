package io.github.octomvn.octopus.testserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The build information records, keyed by space, package ID (case-insensitive) and SemVer. Replacing a record
 * keeps its place, Id, Created time and version as first sent, as an update on the server does; times tick one
 * second per write from 2024-01-01 so that the order is deterministic.
 */
final class BuildInformationStore {

    private static final Instant EPOCH = Instant.parse("2024-01-01T00:00:00Z");

    // Replacing keeps a record's place, so the order is the arrival order.
    private final Map<String, StoredBuildInformation> records = new LinkedHashMap<>();
    private final Map<String, AtomicInteger> writes = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicLong ticks = new AtomicLong();

    static Optional<String> key(String spaceId, String packageId, String version) {
        return PackageNames.versionKey(version).map(v -> spaceId + "|" + packageId.toLowerCase(Locale.ROOT) + "|" + v);
    }

    /** Every record, in the order the records were first stored. */
    List<StoredBuildInformation> all() {
        synchronized (records) {
            return new ArrayList<>(records.values());
        }
    }

    /** The records that match, in the order they were first stored. */
    List<StoredBuildInformation> matching(Predicate<StoredBuildInformation> filter) {
        synchronized (records) {
            return records.values().stream().filter(filter).collect(Collectors.toList());
        }
    }

    Optional<StoredBuildInformation> find(String key) {
        synchronized (records) {
            return Optional.ofNullable(records.get(key));
        }
    }

    int writeCount(String key) {
        return writes.getOrDefault(key, new AtomicInteger()).get();
    }

    /** The lock to hold across a look-up and the {@link #store} it decides on. */
    Object lock() {
        return records;
    }

    StoredBuildInformation store(
            String spaceId, String packageId, String version, StoredBuildInformation.Fields fields) {
        String key = key(spaceId, packageId, version)
                .orElseThrow(() -> new IllegalArgumentException(packageId + " " + version));
        synchronized (records) {
            StoredBuildInformation existing = records.get(key);
            Instant now = EPOCH.plusSeconds(ticks.incrementAndGet());
            StoredBuildInformation stored = existing == null
                    ? new StoredBuildInformation(
                            spaceId, "BuildInformation-" + ids.incrementAndGet(), packageId, version, fields, now, now)
                    : new StoredBuildInformation(
                            spaceId,
                            existing.id(),
                            existing.packageId(),
                            existing.version(),
                            fields,
                            existing.created(),
                            now);
            records.put(key, stored);
            writes.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            return stored;
        }
    }

    /** Reads {@code OctopusBuildInformation} as JSON.NET would bind it: names case-insensitive, extras ignored. */
    static StoredBuildInformation.Fields fieldsOf(JsonNode info) {
        StoredBuildInformation.Fields f = new StoredBuildInformation.Fields();
        f.buildEnvironment = JsonRendering.textField(info, "BuildEnvironment").orElse(null);
        f.buildNumber = JsonRendering.textField(info, "BuildNumber").orElse(null);
        f.buildUrl = JsonRendering.textField(info, "BuildUrl").orElse(null);
        f.branch = JsonRendering.textField(info, "Branch").orElse(null);
        f.vcsType = JsonRendering.textField(info, "VcsType").orElse(null);
        f.vcsRoot = JsonRendering.textField(info, "VcsRoot").orElse(null);
        f.vcsCommitNumber = JsonRendering.textField(info, "VcsCommitNumber").orElse(null);
        List<StoredBuildInformation.StoredCommit> commits = new ArrayList<>();
        JsonRendering.field(info, "Commits")
                .filter(JsonNode::isArray)
                .ifPresent(list -> list.forEach(c -> commits.add(new StoredBuildInformation.StoredCommit(
                        JsonRendering.textField(c, "Id").orElse(null),
                        JsonRendering.rawText(c, "Comment").orElse(null)))));
        f.commits = commits;
        return f;
    }
}
