package io.github.octomvn.octopus.testserver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The built-in feed: packages stored on disk under {@code <storage>/<space ID>/<file name>} (a legacy server's
 * one feed under {@code default/}), keyed by space, package ID (case-insensitive) and SemVer, with how often each
 * was written and asked for.
 */
final class FeedStore {

    private final Path storage;
    private final Map<String, StoredPackage> feed = new LinkedHashMap<>();
    private final Map<String, AtomicInteger> storeCounts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> uploadRequests = new ConcurrentHashMap<>();

    FeedStore(Path storage) throws IOException {
        this.storage = storage;
        Files.createDirectories(storage.resolve(".incoming"));
    }

    /** The key of a package ID and version in a space; empty when they do not parse. */
    static Optional<String> key(String spaceId, String packageId, String version) {
        return PackageNames.parseIdentity(packageId + "." + version).map(i -> i.key(spaceId));
    }

    /** A fresh temp file next to the feed, to receive bytes before {@link #commit} moves them in. */
    Path incomingFile(String prefix) throws IOException {
        return Files.createTempFile(storage.resolve(".incoming"), prefix, ".tmp");
    }

    /** Every stored package, in storing order. */
    List<StoredPackage> all() {
        synchronized (feed) {
            return new ArrayList<>(feed.values());
        }
    }

    Optional<StoredPackage> find(String key) {
        synchronized (feed) {
            return Optional.ofNullable(feed.get(key));
        }
    }

    /** Forgets the package of this key and deletes its file. */
    Optional<StoredPackage> remove(String key) throws IOException {
        synchronized (feed) {
            StoredPackage removed = feed.remove(key);
            if (removed != null) {
                Files.deleteIfExists(removed.path());
            }
            return Optional.ofNullable(removed);
        }
    }

    int storeCount(String key) {
        return storeCounts.getOrDefault(key, new AtomicInteger()).get();
    }

    void countUploadRequest(String key) {
        uploadRequests.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }

    int uploadRequestCount(String key) {
        return uploadRequests.getOrDefault(key, new AtomicInteger()).get();
    }

    /** Moves {@code incoming} into the feed, replacing the package of the same key. */
    StoredPackage commit(
            String spaceId,
            PackageNames.Identity identity,
            String fileName,
            String extension,
            Path incoming,
            String sha1,
            long size)
            throws IOException {
        Path directory = storage.resolve(spaceId.isEmpty() ? "default" : spaceId);
        Files.createDirectories(directory);
        Path target = directory.resolve(fileName);
        String key = identity.key(spaceId);
        synchronized (feed) {
            StoredPackage previous = feed.remove(key);
            if (previous != null && !previous.path().equals(target)) {
                Files.deleteIfExists(previous.path());
            }
            Files.move(incoming, target, StandardCopyOption.REPLACE_EXISTING);
            StoredPackage stored = new StoredPackage(
                    spaceId, identity.packageId, identity.version, fileName, extension, sha1, size, target);
            feed.put(key, stored);
            storeCounts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            return stored;
        }
    }

    /** Puts a package straight into the feed, as if uploaded earlier. */
    StoredPackage seed(String spaceId, String fileName, byte[] content) throws IOException {
        String extension = PackageNames.extensionOf(fileName).orElseThrow(() -> new IllegalArgumentException(fileName));
        PackageNames.Identity identity = PackageNames.parseIdentity(
                        fileName.substring(0, fileName.length() - extension.length()))
                .orElseThrow(() -> new IllegalArgumentException(fileName));
        Path incoming = incomingFile("seed");
        Files.write(incoming, content);
        return commit(spaceId, identity, fileName, extension, incoming, hex(sha1().digest(content)), content.length);
    }

    /** Puts a copy of {@code file} straight into the feed under {@code fileName}, streamed (any size). */
    StoredPackage seed(String spaceId, String fileName, Path file) throws IOException {
        String extension = PackageNames.extensionOf(fileName).orElseThrow(() -> new IllegalArgumentException(fileName));
        PackageNames.Identity identity = PackageNames.parseIdentity(
                        fileName.substring(0, fileName.length() - extension.length()))
                .orElseThrow(() -> new IllegalArgumentException(fileName));
        Path incoming = incomingFile("seed");
        MessageDigest digest = sha1();
        long size = 0;
        try (InputStream in = Files.newInputStream(file);
                OutputStream out = Files.newOutputStream(incoming)) {
            byte[] buffer = new byte[256 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
                out.write(buffer, 0, n);
                size += n;
            }
        }
        return commit(spaceId, identity, fileName, extension, incoming, hex(digest.digest()), size);
    }

    static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (byte b : bytes) {
            text.append(String.format("%02x", b & 0xff));
        }
        return text.toString();
    }
}
