package io.github.octomvn.octopus.testserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * An Octopus-compatible HTTP server on {@code 127.0.0.1:0} for tests and ITs: root document, spaces, the
 * built-in feed (packages stored on disk with SHA-1), strict validation, a request log and switchable faults.
 *
 * <p>Hand-written on {@link ServerSocket} rather than {@code com.sun.net.httpserver}: the faults need
 * byte-level control (drop the connection after K body bytes, store and never answer, act as an HTTP proxy
 * for absolute-form requests and CONNECT) that the JDK server does not offer. All threads are daemons.
 */
public final class OctopusTestServer implements AutoCloseable {

    /** The key with every permission unless the builder says otherwise. */
    public static final String DEFAULT_API_KEY = "API-TESTKEY";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SPACE_ID = Pattern.compile("(?i)Spaces-\\d+");
    private static final long DRAIN_LIMIT = 1024 * 1024;

    private final String apiKey;
    private final String version;
    private final String apiVersion;
    private final boolean legacy;
    private final List<SpaceDef> spaces;
    private final Map<String, Set<Permission>> apiKeys;
    private final Map<String, Set<Permission>> bearerTokens;
    private final String proxyAuthorization;
    private final Path storage;
    private final boolean ownsStorage;
    private final ServerSocket serverSocket;
    private final boolean tls;
    private final String installationId = UUID.randomUUID().toString();

    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "octopus-test-server");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<Socket> openSockets = ConcurrentHashMap.newKeySet();
    private final AtomicLong sequence = new AtomicLong();
    private final List<RecordedRequest> log = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, StoredPackage> feed = new LinkedHashMap<>();
    private final Map<String, AtomicInteger> storeCounts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> uploadRequests = new ConcurrentHashMap<>();
    private final boolean buildInformationRoutes;
    // Records by space|package|version key; replacing keeps a record's place, so the order is the arrival order.
    private final Map<String, StoredBuildInformation> buildInformation = new LinkedHashMap<>();
    private final Map<String, AtomicInteger> buildInformationWrites = new ConcurrentHashMap<>();
    private final AtomicInteger buildInformationIds = new AtomicInteger();
    private final AtomicLong ticks = new AtomicLong();
    private final Faults faults = new Faults();
    private volatile boolean closed;

    private OctopusTestServer(Builder b) throws IOException {
        this.apiKey = b.apiKey;
        this.version = b.version;
        this.apiVersion = b.apiVersion;
        this.legacy = b.legacy;
        this.buildInformationRoutes = !b.legacy && b.buildInformation;
        this.spaces = Collections.unmodifiableList(new ArrayList<>(b.spaces));
        Map<String, Set<Permission>> keys = new LinkedHashMap<>(b.apiKeys);
        keys.put(b.apiKey, EnumSet.allOf(Permission.class));
        this.apiKeys = Collections.unmodifiableMap(keys);
        this.bearerTokens = Collections.unmodifiableMap(new LinkedHashMap<>(b.bearerTokens));
        this.proxyAuthorization = b.proxyUser == null
                ? null
                : "Basic "
                        + Base64.getEncoder()
                                .encodeToString((b.proxyUser + ":" + b.proxyPassword).getBytes(StandardCharsets.UTF_8));
        this.ownsStorage = b.storage == null;
        this.storage = b.storage == null ? Files.createTempDirectory("octopus-test-server") : b.storage;
        Files.createDirectories(storage.resolve(".incoming"));
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        if (b.keyStore != null) {
            this.serverSocket = sslContext(b.keyStore, b.keyStorePassword)
                    .getServerSocketFactory()
                    .createServerSocket(b.port, 50, loopback);
            this.tls = true;
        } else {
            this.serverSocket = new ServerSocket();
            serverSocket.bind(new InetSocketAddress(loopback, b.port));
            this.tls = false;
        }
        threads.execute(this::acceptLoop);
    }

    /** Starts a server with the defaults: key {@value #DEFAULT_API_KEY}, spaces Default (default) and Team B. */
    public static OctopusTestServer start() throws IOException {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code http://127.0.0.1:<port>} (or https with TLS), without a trailing slash. */
    public URI url() {
        return URI.create((tls ? "https" : "http") + "://127.0.0.1:" + port());
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    /** The key with every permission. */
    public String apiKey() {
        return apiKey;
    }

    public Path storageDir() {
        return storage;
    }

    // ---------------------------------------------------------------------------------------------- faults

    /** The next {@code count} requests (any path) get {@code status}. */
    public void failNext(int count, int status) {
        failNext(count, status, "");
    }

    /** The next {@code count} requests whose path matches the regex {@code pathPattern} (find) get {@code status}. */
    public void failNext(int count, int status, String pathPattern) {
        failNext(count, status, pathPattern, status == 503 || status == 429 ? 1 : -1);
    }

    /** As above, with {@code Retry-After: <seconds>} (none when negative). */
    public void failNext(int count, int status, String pathPattern, int retryAfterSeconds) {
        faults.add(new FailRule(null, count, status, pathPattern, retryAfterSeconds, null, null));
    }

    /**
     * As above for requests with this method only, e.g. {@code failNext('POST', 1, 503, 'build-information$', 2)}
     * fails the push but not the lookups before and after it.
     */
    public void failNext(String method, int count, int status, String pathPattern, int retryAfterSeconds) {
        faults.add(new FailRule(method, count, status, pathPattern, retryAfterSeconds, null, null));
    }

    /** The next {@code count} matching requests get exactly this answer. */
    public void respondNext(int count, int status, String pathPattern, String contentType, String body) {
        faults.add(new FailRule(null, count, status, pathPattern, -1, contentType, body));
    }

    /** The next {@code count} matching requests are never answered, and their bodies never read. */
    public void hangNext(int count, String pathPattern) {
        faults.add(new FailRule(null, count, 0, pathPattern, -1, null, null));
    }

    /** The next package upload drops the connection (TCP reset) after reading {@code bodyBytes} of its body. */
    public void dropNextUploadAfter(long bodyBytes) {
        faults.dropAfter.set(bodyBytes);
    }

    /** The next package upload is stored, then never answered (the client times out). */
    public void hangAfterStoringNextUpload() {
        faults.hangAfterStore.set(true);
    }

    /** The next build-information POST is stored, then its connection is reset before any answer. */
    public void dropAfterStoringNextBuildInformation() {
        faults.dropAfterStoreBuildInformation.set(true);
    }

    /** The next build-information POST is stored, then never answered (the client times out). */
    public void hangAfterStoringNextBuildInformation() {
        faults.hangAfterStoreBuildInformation.set(true);
    }

    /** Every response waits this long first (0 to stop). */
    public void delayResponses(long millis) {
        faults.delayMillis = millis;
    }

    public void clearFaults() {
        faults.clear();
    }

    // ---------------------------------------------------------------------------------------------- inspection

    /** Every stored package, in storing order. */
    public List<StoredPackage> packages() {
        synchronized (feed) {
            return new ArrayList<>(feed.values());
        }
    }

    /** A package in the default space (or the only space of a legacy server); versions compare semantically. */
    public Optional<StoredPackage> storedPackage(String packageId, String version) {
        return storedPackage(defaultSpaceId(), packageId, version);
    }

    public Optional<StoredPackage> storedPackage(String spaceId, String packageId, String version) {
        Optional<String> key = key(spaceId, packageId, version);
        synchronized (feed) {
            return key.map(feed::get);
        }
    }

    /** How often the bytes of this package were written to the feed (created or replaced). */
    public int storeCount(String packageId, String version) {
        return key(defaultSpaceId(), packageId, version)
                .map(k -> storeCounts.getOrDefault(k, new AtomicInteger()).get())
                .orElse(0);
    }

    /** How many upload requests named this package (whatever their outcome). */
    public int uploadRequestCount(String packageId, String version) {
        return key(defaultSpaceId(), packageId, version)
                .map(k -> uploadRequests.getOrDefault(k, new AtomicInteger()).get())
                .orElse(0);
    }

    /** Puts a package straight into the feed, as if uploaded earlier. */
    public StoredPackage seedPackage(String spaceId, String fileName, byte[] content) throws IOException {
        String extension = PackageNames.extensionOf(fileName).orElseThrow(() -> new IllegalArgumentException(fileName));
        PackageNames.Identity identity = PackageNames.parseIdentity(
                        fileName.substring(0, fileName.length() - extension.length()))
                .orElseThrow(() -> new IllegalArgumentException(fileName));
        Path incoming = Files.createTempFile(storage.resolve(".incoming"), "seed", ".tmp");
        Files.write(incoming, content);
        return commit(spaceId, identity, fileName, extension, incoming, sha1Hex(content), content.length);
    }

    /** Every build information record, in the order the records were first stored (any space). */
    public List<StoredBuildInformation> buildInformation() {
        synchronized (buildInformation) {
            return new ArrayList<>(buildInformation.values());
        }
    }

    /** The record for this package ID and version in the default space; versions compare semantically. */
    public Optional<StoredBuildInformation> buildInformation(String packageId, String version) {
        return buildInformation(defaultSpaceId(), packageId, version);
    }

    public Optional<StoredBuildInformation> buildInformation(String spaceId, String packageId, String version) {
        Optional<String> key = buildInformationKey(spaceId, packageId, version);
        synchronized (buildInformation) {
            return key.map(buildInformation::get);
        }
    }

    /** How often this record was written (created or replaced) in the default space. */
    public int buildInformationWriteCount(String packageId, String version) {
        return buildInformationKey(defaultSpaceId(), packageId, version)
                .map(k -> buildInformationWrites
                        .getOrDefault(k, new AtomicInteger())
                        .get())
                .orElse(0);
    }

    /**
     * Stores a record as if pushed earlier. {@code octopusBuildInformation} holds the PascalCase fields of §6.1
     * ({@code BuildUrl}, {@code VcsCommitNumber}, {@code Commits: [[Id: .., Comment: ..]]}, ...); from Groovy a
     * map literal does.
     */
    public StoredBuildInformation seedBuildInformation(
            String spaceId, String packageId, String version, Map<String, ?> octopusBuildInformation) {
        if (!PackageNames.isValidPackageId(packageId)
                || PackageNames.versionKey(version).isEmpty()) {
            throw new IllegalArgumentException("Not a valid package ID and version: " + packageId + " " + version);
        }
        StoredBuildInformation.Fields fields = fieldsOf(JSON.valueToTree(octopusBuildInformation));
        return storeBuildInformation(spaceId, packageId, version, fields);
    }

    /** As above, in the default space. */
    public StoredBuildInformation seedBuildInformation(
            String packageId, String version, Map<String, ?> octopusBuildInformation) {
        return seedBuildInformation(defaultSpaceId(), packageId, version, octopusBuildInformation);
    }

    /** Every request so far, in arrival order. */
    public List<RecordedRequest> requests() {
        synchronized (log) {
            return log.stream()
                    .sorted(Comparator.comparingLong(RecordedRequest::sequence))
                    .collect(Collectors.toList());
        }
    }

    /** Requests with this method whose path matches the regex (find), in arrival order. */
    public List<RecordedRequest> requests(String method, String pathPattern) {
        Pattern pattern = Pattern.compile(pathPattern);
        return requests().stream()
                .filter(r -> r.method().equalsIgnoreCase(method))
                .filter(r -> pattern.matcher(r.path()).find())
                .collect(Collectors.toList());
    }

    public void clearRequests() {
        log.clear();
    }

    /** True when any request URL (path or query) contains {@code text}, e.g. an API key that must not be there. */
    public boolean anyUrlContains(String text) {
        return requests().stream().anyMatch(r -> r.target().contains(text));
    }

    @Override
    public void close() {
        closed = true;
        try {
            serverSocket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket socket : openSockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        threads.shutdownNow();
        if (ownsStorage) {
            try (Stream<Path> files = Files.walk(storage)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp dir left behind is harmless
            }
        }
    }

    @Override
    public String toString() {
        return "OctopusTestServer[" + url() + (legacy ? ", legacy" : "") + "]";
    }

    /**
     * Runs the server until stdin closes or the process is stopped, printing its URL and key. Options:
     * {@code --port N}, {@code --api-key K}, {@code --storage DIR}, {@code --legacy}.
     */
    public static void main(String[] args) throws Exception {
        Builder builder = builder();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port":
                    builder.port(Integer.parseInt(args[++i]));
                    break;
                case "--api-key":
                    builder.apiKey(args[++i]);
                    break;
                case "--storage":
                    builder.storageDir(Paths.get(args[++i]));
                    break;
                case "--legacy":
                    builder.legacy();
                    break;
                default:
                    System.err.println(
                            "Unknown option " + args[i] + "; options: --port N --api-key KEY --storage DIR --legacy");
                    System.exit(2);
            }
        }
        CountDownLatch stopped = new CountDownLatch(1);
        try (OctopusTestServer server = builder.start()) {
            System.out.println("url=" + server.url());
            System.out.println("apiKey=" + server.apiKey());
            System.out.println("storage=" + server.storageDir());
            System.out.flush();
            Thread stdin = new Thread(() -> {
                try {
                    while (System.in.read() >= 0) {
                        // wait for end of input
                    }
                } catch (IOException ignored) {
                    // treat as end of input
                }
                stopped.countDown();
            });
            stdin.setDaemon(true);
            stdin.start();
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            stopped.await();
        }
    }

    // ---------------------------------------------------------------------------------------------- connections

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket socket = serverSocket.accept();
                openSockets.add(socket);
                threads.execute(() -> serve(socket));
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("octopus-test-server: accept failed: " + e);
                }
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            while (!closed) {
                Optional<HttpWire.Head> head;
                InputStream body;
                try {
                    head = HttpWire.readHead(in);
                    if (head.isEmpty()) {
                        return;
                    }
                    if (head.get().method.equals("CONNECT")) {
                        tunnel(head.get(), socket, in, out);
                        return;
                    }
                    body = HttpWire.body(head.get(), in);
                } catch (HttpWire.BadRequest e) {
                    HttpWire.writeResponse(out, 400, jsonType(), errorBody(e.getMessage()), true);
                    return;
                }
                Exchange exchange = new Exchange(head.get(), body, out, sequence.incrementAndGet());
                try {
                    handle(exchange);
                } catch (RuntimeException e) {
                    // A bug in the test server must show up as a 500, not as a silently closed connection.
                    e.printStackTrace();
                    if (!exchange.responded) {
                        exchange.closeAfter = true;
                        exchange.error(500, "Test server failure: " + e);
                    }
                    return;
                } catch (Abort e) {
                    exchange.record(0);
                    socket.setSoLinger(true, 0); // close with a TCP reset, like a crashed proxy
                    return;
                } catch (Hang e) {
                    exchange.record(0);
                    while (in.read() >= 0) {
                        // never answer; wait until the client gives up and closes
                    }
                    return;
                }
                if (!exchange.responded) {
                    exchange.error(500, "The test server did not answer this request");
                }
                if (exchange.closeAfter || !head.get().keepAlive() || !HttpWire.drain(exchange.body, DRAIN_LIMIT)) {
                    return;
                }
            }
        } catch (IOException e) {
            // The client went away or the server is closing: nothing to answer.
        } finally {
            openSockets.remove(socket);
            try {
                socket.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }

    /** Thrown inside a handler to reset the connection. */
    private static final class Abort extends IOException {
        private static final long serialVersionUID = 1L;

        Abort() {
            super("connection dropped on purpose");
        }
    }

    /** Thrown inside a handler to never answer. */
    private static final class Hang extends IOException {
        private static final long serialVersionUID = 1L;

        Hang() {
            super("never answering on purpose");
        }
    }

    /** One request being answered. */
    private final class Exchange {
        final HttpWire.Head head;
        final CountingStream body;
        final OutputStream out;
        final long sequence;
        final String path;
        final String query;
        final boolean proxied;
        boolean responded;
        boolean closeAfter;
        boolean continueSent;

        Exchange(HttpWire.Head head, InputStream body, OutputStream out, long sequence) {
            this.head = head;
            this.body = new CountingStream(body, knownSmall(head));
            this.out = out;
            this.sequence = sequence;
            String target = head.target;
            boolean absolute =
                    target.regionMatches(true, 0, "http://", 0, 7) || target.regionMatches(true, 0, "https://", 0, 8);
            if (absolute) {
                URI uri = URI.create(target);
                target = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            }
            int q = target.indexOf('?');
            this.path = q < 0 ? target : target.substring(0, q);
            this.query = q < 0 ? "" : target.substring(q + 1);
            this.proxied = absolute;
        }

        private boolean knownSmall(HttpWire.Head head) {
            try {
                long length = head.contentLength();
                return length >= 0 && length <= RecordedRequest.MAX_KEPT_BODY;
            } catch (HttpWire.BadRequest e) {
                return false;
            }
        }

        void continueIfExpected() throws IOException {
            if (head.expectsContinue() && !continueSent) {
                continueSent = true;
                out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
        }

        void record(int status) {
            log.add(new RecordedRequest(
                    sequence,
                    head.method,
                    head.target,
                    path,
                    query,
                    head.headers,
                    status,
                    body.count,
                    body.captured(),
                    proxied));
        }

        void respond(int status, Map<String, String> headers, byte[] content) throws IOException {
            long delay = faults.delayMillis;
            if (delay > 0) {
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("server closing");
                }
            }
            // A client that asked to send its body only after 100 Continue never sent it: drop the connection.
            if (head.expectsContinue() && !continueSent) {
                closeAfter = true;
            } else if (body.keeping()) {
                // Read the rest of a small body first, so that the log holds it whatever the route did.
                HttpWire.drain(body, RecordedRequest.MAX_KEPT_BODY);
            }
            record(status);
            responded = true;
            HttpWire.writeResponse(out, status, headers, content, closeAfter || !head.keepAlive());
        }

        void json(int status, Object document) throws IOException {
            respond(status, jsonType(), JSON.writeValueAsBytes(document));
        }

        void error(int status, String errorMessage, String... errors) throws IOException {
            ObjectNode body = JSON.createObjectNode();
            body.put("ErrorMessage", errorMessage);
            ArrayNode list = body.putArray("Errors");
            for (String error : errors) {
                list.add(error);
            }
            json(status, body);
        }

        /** The usual 400 shape: a generic ErrorMessage and the specific text in Errors (§8.1). */
        void invalid(String... errors) throws IOException {
            error(400, "There was a problem with your request.", errors);
        }
    }

    /** Counts body bytes, keeps small bodies, and can trip after K bytes to simulate a dropped connection. */
    private static final class CountingStream extends FilterInputStream {
        long count;
        long tripAfter = -1;
        private ByteArrayOutputStream capture;

        CountingStream(InputStream in, boolean keep) {
            super(in);
            this.capture = keep ? new ByteArrayOutputStream() : null;
        }

        boolean keeping() {
            return capture != null;
        }

        byte[] captured() {
            return capture == null ? null : capture.toByteArray();
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int wanted = len;
            if (tripAfter >= 0) {
                if (count >= tripAfter) {
                    throw new Abort();
                }
                wanted = (int) Math.min(len, tripAfter - count);
            }
            int n = in.read(b, off, wanted);
            if (n > 0) {
                count += n;
                if (capture != null) {
                    capture.write(b, off, n);
                }
            }
            return n;
        }

        @Override
        public void close() {
            // the connection outlives the body
        }
    }

    // ---------------------------------------------------------------------------------------------- routing

    private void handle(Exchange ex) throws IOException {
        Optional<FailRule> rule = faults.take(ex.head.method, ex.path);
        if (rule.isPresent()) {
            fail(ex, rule.get());
            return;
        }
        if (ex.proxied && proxyAuthorization != null) {
            if (!ex.head
                    .header("Proxy-Authorization")
                    .map(proxyAuthorization::equals)
                    .orElse(false)) {
                Map<String, String> headers = jsonType();
                headers.put("Proxy-Authenticate", "Basic realm=\"octopus-test-proxy\"");
                ex.respond(407, headers, errorBody("Proxy authentication required"));
                return;
            }
        }
        Optional<Set<Permission>> account = authenticate(ex.head);
        if (account.isEmpty()) {
            ex.error(
                    401,
                    "You must be logged in to perform this action. Please provide a valid API key or log in again.");
            return;
        }
        if (!ex.path.equalsIgnoreCase("/api") && !ex.path.regionMatches(true, 0, "/api/", 0, 5)) {
            notFound(ex);
            return;
        }
        List<String> segments = segments(ex.path.substring(4));
        route(ex, account.get(), segments);
    }

    private void fail(Exchange ex, FailRule rule) throws IOException {
        if (rule.status == 0) {
            throw new Hang();
        }
        // An injected fault reads the whole body first, so the client always sees the answer (not a reset when
        // it is still sending): tests then fail deterministically, whatever the package size.
        if (!HttpWire.drain(ex.body, Long.MAX_VALUE)) {
            ex.closeAfter = true;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (rule.retryAfterSeconds >= 0) {
            headers.put("Retry-After", Integer.toString(rule.retryAfterSeconds));
        }
        if (rule.body != null) {
            headers.put("Content-Type", rule.contentType);
            ex.respond(rule.status, headers, rule.body.getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (rule.status == 502 || rule.status == 504) {
            headers.put("Content-Type", "text/html");
            String title = rule.status + " " + HttpWire.reason(rule.status);
            ex.respond(
                    rule.status,
                    headers,
                    ("<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n"
                                    + "<center><h1>" + title + "</h1></center>\r\n<hr><center>nginx/1.25.3</center>\r\n"
                                    + "</body>\r\n</html>\r\n")
                            .getBytes(StandardCharsets.UTF_8));
            return;
        }
        headers.putAll(jsonType());
        String message;
        switch (rule.status) {
            case 503:
                message = "Octopus Server is starting. Please try again in a moment.";
                break;
            case 500:
                message = "An unexpected error occurred in Octopus Server.";
                break;
            case 429:
                message = "Too many requests. Please slow down.";
                break;
            default:
                message = "Fault injected by the test server.";
        }
        ex.respond(rule.status, headers, errorBody(message));
    }

    private Optional<Set<Permission>> authenticate(HttpWire.Head head) {
        Optional<String> key = head.header("X-Octopus-ApiKey");
        if (key.isPresent() && apiKeys.containsKey(key.get())) {
            return Optional.of(apiKeys.get(key.get()));
        }
        Optional<String> authorization = head.header("Authorization");
        if (authorization.isPresent() && authorization.get().regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = authorization.get().substring(7).trim();
            if (bearerTokens.containsKey(token)) {
                return Optional.of(bearerTokens.get(token));
            }
        }
        return Optional.empty();
    }

    private void route(Exchange ex, Set<Permission> account, List<String> seg) throws IOException {
        if (seg.isEmpty()) {
            if (requireGet(ex)) {
                ex.json(200, rootDocument());
            }
            return;
        }
        String first = seg.get(0);
        if (!legacy && first.equalsIgnoreCase("spaces")) {
            if (!requireGet(ex)) {
                return;
            }
            if (seg.size() == 1) {
                ex.json(200, spacesPage(queryParameters(ex.query)));
            } else if (seg.size() == 2 && seg.get(1).equalsIgnoreCase("all")) {
                ArrayNode all = JSON.createArrayNode();
                spaces.forEach(s -> all.add(spaceResource(s)));
                ex.json(200, all);
            } else if (seg.size() == 2) {
                Optional<SpaceDef> space = space(seg.get(1));
                if (space.isPresent()) {
                    ex.json(200, spaceResource(space.get()));
                } else {
                    ex.error(404, "The resource you requested was not found.");
                }
            } else {
                notFound(ex);
            }
            return;
        }
        if (!legacy && SPACE_ID.matcher(first).matches()) {
            Optional<SpaceDef> space = space(first);
            if (space.isEmpty()) {
                ex.error(404, "The resource you requested was not found.", "Space '" + first + "' was not found.");
                return;
            }
            if (seg.size() == 1) {
                if (requireGet(ex)) {
                    ex.json(200, spaceHome(space.get().id));
                }
                return;
            }
            if (seg.get(1).equalsIgnoreCase("build-information") && buildInformationRoutes) {
                buildInformationRoute(ex, account, space.get().id, seg.subList(2, seg.size()));
                return;
            }
            packages(ex, account, space.get().id, seg.subList(1, seg.size()));
            return;
        }
        if (first.equalsIgnoreCase("build-information") && buildInformationRoutes) {
            // The no-space form serves the default space (§6.1 "legacy /api/build-information").
            Optional<SpaceDef> space = defaultSpace();
            if (space.isEmpty()) {
                notFound(ex);
                return;
            }
            buildInformationRoute(ex, account, space.get().id, seg.subList(1, seg.size()));
            return;
        }
        if (first.equalsIgnoreCase("users") && seg.size() == 2 && seg.get(1).equalsIgnoreCase("me")) {
            if (requireGet(ex)) {
                ObjectNode me = JSON.createObjectNode();
                me.put("Id", "Users-1");
                me.put("Username", "maven-ci");
                me.put("DisplayName", "Maven CI");
                me.put("IsService", true);
                ex.json(200, me);
            }
            return;
        }
        if (first.equalsIgnoreCase("packages")) {
            Optional<String> spaceId = legacy ? Optional.of("") : defaultSpace().map(s -> s.id);
            if (spaceId.isEmpty()) {
                notFound(ex);
                return;
            }
            packages(ex, account, spaceId.get(), seg);
            return;
        }
        notFound(ex);
    }

    private void packages(Exchange ex, Set<Permission> account, String spaceId, List<String> seg) throws IOException {
        if (seg.size() != 2 || !seg.get(0).equalsIgnoreCase("packages")) {
            notFound(ex);
            return;
        }
        if (seg.get(1).equalsIgnoreCase("raw")) {
            if (!ex.head.method.equals("POST")) {
                ex.error(405, "The method " + ex.head.method + " is not allowed on this resource.");
                return;
            }
            upload(ex, account, spaceId);
            return;
        }
        if (!requireGet(ex)) {
            return;
        }
        if (!account.contains(Permission.FeedView)) {
            forbidden(ex, Permission.FeedView);
            return;
        }
        String id = seg.get(1);
        if (id.regionMatches(true, 0, "packages-", 0, 9)) {
            id = id.substring(9);
        }
        Optional<PackageNames.Identity> identity = PackageNames.parseIdentity(id);
        StoredPackage stored;
        synchronized (feed) {
            stored = identity.map(i -> feed.get(i.key(spaceId))).orElse(null);
        }
        if (stored == null) {
            ex.error(404, "The resource you requested was not found.", "Package '" + id + "' was not found.");
            return;
        }
        ex.json(200, packageResource(stored));
    }

    private void upload(Exchange ex, Set<Permission> account, String spaceId) throws IOException {
        if (!account.contains(Permission.BuiltInFeedPush)) {
            forbidden(ex, Permission.BuiltInFeedPush);
            return;
        }
        Map<String, String> query = queryParameters(ex.query);
        String mode = "FailIfExists";
        Optional<String> overwriteMode = legacy ? Optional.empty() : param(query, "overwriteMode");
        if (overwriteMode.isPresent()) {
            Optional<String> known = Stream.of("FailIfExists", "OverwriteExisting", "IgnoreIfExists")
                    .filter(m -> m.equalsIgnoreCase(overwriteMode.get()))
                    .findFirst();
            if (known.isEmpty()) {
                ex.invalid("The value '" + overwriteMode.get() + "' is not valid for overwriteMode.");
                return;
            }
            mode = known.get();
        } else if (param(query, "replace").map("true"::equalsIgnoreCase).orElse(false)) {
            mode = "OverwriteExisting";
        }
        if (mode.equals("OverwriteExisting") && !account.contains(Permission.BuiltInFeedAdminister)) {
            forbidden(ex, Permission.BuiltInFeedAdminister);
            return;
        }
        Optional<String> boundary = ex.head.header("Content-Type").flatMap(MultipartReader::boundaryOf);
        if (boundary.isEmpty()) {
            ex.invalid("A package file must be provided");
            return;
        }
        long drop = faults.dropAfter.getAndSet(-1);
        if (drop >= 0) {
            ex.body.tripAfter = ex.body.count + drop;
        }
        ex.continueIfExpected();
        Path incoming = Files.createTempFile(storage.resolve(".incoming"), "upload", ".tmp");
        try {
            Received received;
            try {
                received = receive(ex.body, boundary.get(), incoming);
            } catch (MultipartReader.Malformed e) {
                ex.closeAfter = true;
                ex.invalid(
                        "A package file must be provided",
                        "The request body is not valid multipart: " + e.getMessage());
                return;
            }
            if (received == null) {
                ex.invalid("A package file must be provided");
                return;
            }
            String fileName = received.fileName;
            if (fileName.length() > PackageNames.MAX_FILE_NAME_LENGTH) {
                ex.invalid("Package Name is too long.");
                return;
            }
            Optional<String> extension = PackageNames.extensionOf(fileName);
            if (extension.isEmpty()) {
                ex.invalid("The uploaded file isn't in a supported package format.");
                return;
            }
            String stem =
                    fileName.substring(0, fileName.length() - extension.get().length());
            Optional<PackageNames.Identity> identity = PackageNames.parseIdentity(stem);
            if (identity.isEmpty()) {
                ex.invalid("The package file name '" + fileName + "' is not valid: expected"
                        + " <PackageId>.<Version><extension> with a valid semantic version, e.g. MyApp.1.0.0.zip");
                return;
            }
            String key = identity.get().key(spaceId);
            uploadRequests.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            if (received.size == 0) {
                ex.invalid("The uploaded package file had length equal to 0. Please upload a non-empty file.");
                return;
            }
            StoredPackage existing;
            synchronized (feed) {
                existing = feed.get(key);
                if (existing != null && mode.equals("FailIfExists")) {
                    ex.error(
                            409,
                            "There was a problem with your request.",
                            "A package with the same ID and version already exists. To proceed anyway, specify an"
                                    + " overwriteMode of OverwriteExisting or IgnoreIfExists.");
                    return;
                }
                if (existing == null || mode.equals("OverwriteExisting")) {
                    existing = null;
                }
            }
            if (existing != null) {
                ex.json(200, packageResource(existing));
                return;
            }
            StoredPackage stored =
                    commit(spaceId, identity.get(), fileName, extension.get(), incoming, received.sha1, received.size);
            if (faults.hangAfterStore.getAndSet(false)) {
                throw new Hang();
            }
            ex.json(201, packageResource(stored));
        } finally {
            Files.deleteIfExists(incoming);
        }
    }

    private StoredPackage commit(
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

    /** The uploaded file part. */
    private static final class Received {
        final String fileName;
        final String sha1;
        final long size;

        Received(String fileName, String sha1, long size) {
            this.fileName = fileName;
            this.sha1 = sha1;
            this.size = size;
        }
    }

    /** Streams the body: the first part with a filename goes to {@code incoming}; null when there is none. */
    private static Received receive(InputStream body, String boundary, Path incoming)
            throws IOException, MultipartReader.Malformed {
        MultipartReader reader = new MultipartReader(body, boundary);
        if (!reader.start()) {
            return null;
        }
        Received received = null;
        boolean more = true;
        while (more) {
            Map<String, String> headers = reader.partHeaders();
            Map<String, String> disposition =
                    MultipartReader.parameters(headers.getOrDefault("Content-Disposition", ""));
            String fileName = disposition.get("filename");
            if (received == null && fileName != null && !fileName.trim().isEmpty()) {
                // Browsers of old sent full client paths; only the last segment names the package.
                String baseName =
                        fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
                MessageDigest digest = sha1();
                long size;
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(incoming), 256 * 1024)) {
                    size = reader.copyPart(out, digest);
                }
                received = new Received(baseName, hex(digest.digest()), size);
            } else {
                reader.copyPart(null, null);
            }
            more = reader.afterDelimiter();
        }
        HttpWire.drain(body, DRAIN_LIMIT); // the epilogue
        return received;
    }

    private boolean requireGet(Exchange ex) throws IOException {
        if (ex.head.method.equals("GET")) {
            return true;
        }
        ex.error(405, "The method " + ex.head.method + " is not allowed on this resource.");
        return false;
    }

    private void notFound(Exchange ex) throws IOException {
        ex.error(404, "The resource you requested was not found.");
    }

    private void forbidden(Exchange ex, Permission missing) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put(
                "ErrorMessage",
                "You do not have permission to perform this action. Please contact your Octopus administrator."
                        + " Missing permission: " + missing);
        body.putArray("Errors");
        body.put(
                "HelpText",
                "Your user account is a member of the following teams: Build Servers. Grant " + missing
                        + " to one of these teams.");
        ex.json(403, body);
    }

    // ---------------------------------------------------------------------------------------------- build information

    private static final Instant EPOCH = Instant.parse("2024-01-01T00:00:00Z");
    private static final int MAX_BUILD_INFORMATION_BODY = 16 * 1024 * 1024;

    private void buildInformationRoute(Exchange ex, Set<Permission> account, String spaceId, List<String> rest)
            throws IOException {
        if (rest.isEmpty() && ex.head.method.equals("POST")) {
            pushBuildInformation(ex, account, spaceId);
            return;
        }
        if (rest.size() > 1) {
            notFound(ex);
            return;
        }
        if (!requireGet(ex)) {
            return;
        }
        // UNVERIFIED which permission guards reading; FeedView lets a push-only key see its 403 degrade.
        if (!account.contains(Permission.FeedView)) {
            forbidden(ex, Permission.FeedView);
            return;
        }
        if (rest.size() == 1) {
            Optional<StoredBuildInformation> found;
            synchronized (buildInformation) {
                found = buildInformation.values().stream()
                        .filter(r -> r.spaceId().equals(spaceId) && r.id().equalsIgnoreCase(rest.get(0)))
                        .findFirst();
            }
            if (found.isEmpty()) {
                ex.error(404, "The resource you requested was not found.");
                return;
            }
            ex.json(200, buildInformationResource(found.get()));
            return;
        }
        listBuildInformation(ex, spaceId);
    }

    /** {@code GET .../build-information?packageId=&partialPackageId=&filter=&latest=&skip=&take=}: newest first. */
    private void listBuildInformation(Exchange ex, String spaceId) throws IOException {
        Map<String, String> query = queryParameters(ex.query);
        int skip;
        int take;
        try {
            skip = param(query, "skip").map(Integer::parseInt).orElse(0);
            take = param(query, "take").map(Integer::parseInt).orElse(30);
        } catch (NumberFormatException e) {
            ex.invalid("The value of skip or take is not a valid number.");
            return;
        }
        if (skip < 0 || take < 0) {
            ex.invalid("skip and take must not be negative.");
            return;
        }
        Optional<String> packageId = param(query, "packageId").filter(v -> !v.isEmpty());
        String partial = param(query, "partialPackageId").orElse("").toLowerCase(Locale.ROOT);
        String filter = param(query, "filter").orElse("").toLowerCase(Locale.ROOT);
        boolean latest = param(query, "latest").map("true"::equalsIgnoreCase).orElse(false);
        List<StoredBuildInformation> matching;
        synchronized (buildInformation) {
            matching = buildInformation.values().stream()
                    .filter(r -> r.spaceId().equals(spaceId))
                    .filter(r -> packageId
                            .map(id -> id.equalsIgnoreCase(r.packageId()))
                            .orElse(true))
                    .filter(r -> r.packageId().toLowerCase(Locale.ROOT).contains(partial))
                    .filter(r -> r.version().toLowerCase(Locale.ROOT).contains(filter))
                    .collect(Collectors.toList());
        }
        Comparator<StoredBuildInformation> order = Comparator.comparing(
                        (StoredBuildInformation r) -> r.packageId().toLowerCase(Locale.ROOT))
                .thenComparing((r1, r2) -> PackageNames.compareVersions(r2.version(), r1.version()))
                .thenComparing(StoredBuildInformation::created, Comparator.reverseOrder());
        matching.sort(order);
        if (latest) {
            // "Only the latest build information": the highest SemVer record of each package ID.
            Map<String, StoredBuildInformation> first = new LinkedHashMap<>();
            matching.forEach(r -> first.putIfAbsent(r.packageId().toLowerCase(Locale.ROOT), r));
            matching = new ArrayList<>(first.values());
        }
        ObjectNode page = JSON.createObjectNode();
        page.put("ItemType", "BuildInformation");
        page.put("TotalResults", matching.size());
        page.put("ItemsPerPage", take);
        page.put("NumberOfPages", take == 0 ? 0 : (matching.size() + take - 1) / take);
        page.put("LastPageNumber", take == 0 ? 0 : Math.max(0, (matching.size() + take - 1) / take - 1));
        ArrayNode items = page.putArray("Items");
        matching.stream().skip(skip).limit(take).forEach(r -> items.add(buildInformationResource(r)));
        page.putObject("Links").put("Self", "/api/" + spaceId + "/build-information");
        ex.json(200, page);
    }

    private void pushBuildInformation(Exchange ex, Set<Permission> account, String spaceId) throws IOException {
        if (!account.contains(Permission.BuildInformationPush)) {
            forbidden(ex, Permission.BuildInformationPush);
            return;
        }
        ex.continueIfExpected();
        byte[] bytes = ex.body.readNBytes(MAX_BUILD_INFORMATION_BODY + 1);
        if (bytes.length > MAX_BUILD_INFORMATION_BODY) {
            ex.closeAfter = true;
            ex.error(413, "The request body is too large.");
            return;
        }
        JsonNode body = parseJson(bytes);
        if (body == null || !body.isObject()) {
            ex.invalid("Invalid package metadata", "The request body must be a JSON object.");
            return;
        }
        Map<String, String> query = queryParameters(ex.query);
        // The official clients send the mode in the query (C#, TS) or only in the body (Go CLI); legacy Replace.
        Optional<String> requested = param(query, "overwriteMode")
                .or(() -> textField(body, "OverwriteMode"))
                .or(() -> field(body, "Replace")
                        .filter(v -> v.asBoolean(false) || "true".equalsIgnoreCase(v.asText()))
                        .map(v -> "OverwriteExisting"));
        String mode = "FailIfExists";
        if (requested.isPresent()) {
            Optional<String> known = Stream.of("FailIfExists", "OverwriteExisting", "IgnoreIfExists")
                    .filter(m -> m.equalsIgnoreCase(requested.get().trim()))
                    .findFirst();
            if (known.isEmpty()) {
                ex.invalid("The value '" + requested.get() + "' is not valid for OverwriteMode.");
                return;
            }
            mode = known.get();
        }
        if (mode.equals("OverwriteExisting") && !account.contains(Permission.BuildInformationAdminister)) {
            forbidden(ex, Permission.BuildInformationAdminister);
            return;
        }
        Optional<String> packageId = textField(body, "PackageId");
        Optional<String> version = textField(body, "Version");
        Optional<JsonNode> information = field(body, "OctopusBuildInformation").filter(JsonNode::isObject);
        List<String> missing = new ArrayList<>();
        if (packageId.isEmpty()) {
            missing.add("The PackageId field is required.");
        }
        if (version.isEmpty()) {
            missing.add("The Version field is required.");
        }
        if (information.isEmpty()) {
            missing.add("The OctopusBuildInformation field is required.");
        }
        if (!missing.isEmpty()) {
            ex.invalid(missing.toArray(new String[0]));
            return;
        }
        if (!PackageNames.isValidPackageId(packageId.get())) {
            ex.invalid("The package ID contains invalid characters. Examples of valid package IDs include"
                    + " 'MyPackage' and 'MyPackage.Sample'.");
            return;
        }
        if (PackageNames.versionKey(version.get()).isEmpty()) {
            ex.invalid("The version is invalid. Please supply a valid semver version number.");
            return;
        }
        StoredBuildInformation.Fields fields = fieldsOf(information.get());
        String key =
                buildInformationKey(spaceId, packageId.get(), version.get()).orElseThrow();
        StoredBuildInformation answer;
        boolean stored;
        synchronized (buildInformation) {
            StoredBuildInformation existing = buildInformation.get(key);
            if (existing != null && mode.equals("FailIfExists")) {
                ex.error(
                        409,
                        "There was a problem with your request.",
                        "Metadata for the specified Package ID and version already exists. To proceed anyway,"
                                + " specify an overwriteMode of OverwriteExisting or IgnoreIfExists.");
                return;
            }
            stored = existing == null || !mode.equals("IgnoreIfExists");
            answer = stored ? storeBuildInformation(spaceId, packageId.get(), version.get(), fields) : existing;
        }
        if (stored && faults.dropAfterStoreBuildInformation.getAndSet(false)) {
            throw new Abort();
        }
        if (stored && faults.hangAfterStoreBuildInformation.getAndSet(false)) {
            throw new Hang();
        }
        ex.json(200, buildInformationResource(answer));
    }

    private static JsonNode parseJson(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            return null;
        }
    }

    private StoredBuildInformation storeBuildInformation(
            String spaceId, String packageId, String version, StoredBuildInformation.Fields fields) {
        String key = buildInformationKey(spaceId, packageId, version)
                .orElseThrow(() -> new IllegalArgumentException(packageId + " " + version));
        synchronized (buildInformation) {
            StoredBuildInformation existing = buildInformation.get(key);
            Instant now = EPOCH.plusSeconds(ticks.incrementAndGet());
            // Replacing keeps the Id, the Created time and the version as first sent, as an update would.
            StoredBuildInformation stored = existing == null
                    ? new StoredBuildInformation(
                            spaceId,
                            "BuildInformation-" + buildInformationIds.incrementAndGet(),
                            packageId,
                            version,
                            fields,
                            now,
                            now)
                    : new StoredBuildInformation(
                            spaceId,
                            existing.id(),
                            existing.packageId(),
                            existing.version(),
                            fields,
                            existing.created(),
                            now);
            buildInformation.put(key, stored);
            buildInformationWrites
                    .computeIfAbsent(key, k -> new AtomicInteger())
                    .incrementAndGet();
            return stored;
        }
    }

    private Optional<String> buildInformationKey(String spaceId, String packageId, String version) {
        return PackageNames.versionKey(version).map(v -> spaceId + "|" + packageId.toLowerCase(Locale.ROOT) + "|" + v);
    }

    /** Reads {@code OctopusBuildInformation} as JSON.NET would bind it: names case-insensitive, extras ignored. */
    private static StoredBuildInformation.Fields fieldsOf(JsonNode info) {
        StoredBuildInformation.Fields f = new StoredBuildInformation.Fields();
        f.buildEnvironment = textField(info, "BuildEnvironment").orElse(null);
        f.buildNumber = textField(info, "BuildNumber").orElse(null);
        f.buildUrl = textField(info, "BuildUrl").orElse(null);
        f.branch = textField(info, "Branch").orElse(null);
        f.vcsType = textField(info, "VcsType").orElse(null);
        f.vcsRoot = textField(info, "VcsRoot").orElse(null);
        f.vcsCommitNumber = textField(info, "VcsCommitNumber").orElse(null);
        List<StoredBuildInformation.StoredCommit> commits = new ArrayList<>();
        field(info, "Commits")
                .filter(JsonNode::isArray)
                .ifPresent(list -> list.forEach(c -> commits.add(new StoredBuildInformation.StoredCommit(
                        textField(c, "Id").orElse(null), rawText(c, "Comment").orElse(null)))));
        f.commits = commits;
        return f;
    }

    private static Optional<JsonNode> field(JsonNode node, String name) {
        if (node == null || !node.isObject()) {
            return Optional.empty();
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equalsIgnoreCase(name)) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }

    /** A value as text, absent when missing, null or blank. */
    private static Optional<String> textField(JsonNode node, String name) {
        return rawText(node, name).filter(v -> !v.trim().isEmpty());
    }

    /** A value as text exactly as sent (commit comments keep their whitespace). */
    private static Optional<String> rawText(JsonNode node, String name) {
        return field(node, name).filter(v -> v.isValueNode() && !v.isNull()).map(v -> v.asText());
    }

    private ObjectNode buildInformationResource(StoredBuildInformation r) {
        ObjectNode node = JSON.createObjectNode();
        node.put("Id", r.id());
        node.put("PackageId", r.packageId());
        node.put("Version", r.version());
        node.put("BuildEnvironment", r.buildEnvironment().orElse(null));
        node.put("BuildNumber", r.buildNumber().orElse(null));
        node.put("BuildUrl", r.buildUrl().orElse(null));
        node.put("Branch", r.branch().orElse(null));
        node.put("VcsType", r.vcsType().orElse(null));
        node.put("VcsRoot", r.vcsRoot().orElse(null));
        node.put("VcsCommitNumber", r.vcsCommitNumber().orElse(null));
        Optional<String> commitBase = commitLinkBase(r);
        node.put(
                "VcsCommitUrl",
                commitBase
                        .flatMap(base -> r.vcsCommitNumber().map(c -> base + c))
                        .orElse(null));
        node.putNull("IssueTrackerName");
        node.putArray("WorkItems");
        ArrayNode commits = node.putArray("Commits");
        for (StoredBuildInformation.StoredCommit c : r.commits()) {
            ObjectNode commit = commits.addObject();
            commit.put("Id", c.id().orElse(null));
            commit.put(
                    "LinkUrl",
                    commitBase.flatMap(base -> c.id().map(id -> base + id)).orElse(null));
            commit.put("Comment", c.comment().orElse(null));
        }
        node.putNull("IncompleteDataWarning");
        node.put("Created", r.created().toString());
        node.put("LastModifiedOn", r.lastModified().toString());
        node.put("LastModifiedBy", "maven-ci");
        node.putObject("Links").put("Self", "/api/" + r.spaceId() + "/build-information/" + r.id());
        return node;
    }

    /** {@code https://host/owner/repo/commit/} for Git roots (also {@code git@host:owner/repo.git}). */
    private static Optional<String> commitLinkBase(StoredBuildInformation r) {
        if (r.vcsRoot().isEmpty() || !r.vcsType().map("git"::equalsIgnoreCase).orElse(false)) {
            return Optional.empty();
        }
        String root = r.vcsRoot().get().trim();
        Matcher scp = Pattern.compile("^[^@/]+@([^:/]+):(.+)$").matcher(root);
        if (scp.matches()) {
            root = "https://" + scp.group(1) + "/" + scp.group(2);
        }
        root = root.replaceAll("/+$", "").replaceAll("(?i)\\.git$", "");
        return Optional.of(root + "/commit/");
    }

    // ---------------------------------------------------------------------------------------------- documents

    private ObjectNode rootDocument() {
        ObjectNode root = JSON.createObjectNode();
        root.put("Application", "Octopus Deploy");
        root.put("Version", version);
        root.put("ApiVersion", apiVersion);
        root.put("InstallationId", installationId);
        root.put("HasLongTermSupport", false);
        root.put("IsEarlyAccessProgram", false);
        ObjectNode links = root.putObject("Links");
        links.put("Self", "/api");
        if (legacy) {
            links.put("CurrentUser", "/api/users/me");
            links.put("PackageUpload", "/api/packages/raw{?replace}");
            links.put("Packages", "/api/packages{/id}{?nuGetPackageId,filter,latest,skip,take,includeNotes}");
            return root;
        }
        links.put("Spaces", "/api/spaces{/id}{?skip,ids,take,partialName}");
        links.put("SpaceHome", "/api/{spaceId}");
        links.put("CurrentUser", "/api/users/me");
        defaultSpace().ifPresent(space -> spaceLinks(links, space.id));
        return root;
    }

    private ObjectNode spaceHome(String spaceId) {
        ObjectNode home = JSON.createObjectNode();
        ObjectNode links = home.putObject("Links");
        links.put("Self", "/api/" + spaceId);
        spaceLinks(links, spaceId);
        return home;
    }

    private void spaceLinks(ObjectNode links, String spaceId) {
        String prefix = "/api/" + spaceId;
        links.put("PackageUpload", prefix + "/packages/raw{?replace,overwriteMode}");
        links.put("Packages", prefix + "/packages{/id}{?nuGetPackageId,filter,latest,skip,take,includeNotes}");
        if (buildInformationRoutes) {
            links.put(
                    "BuildInformation",
                    prefix + "/build-information{/id}{?packageId,filter,latest,skip,take,overwriteMode}");
        }
    }

    private ObjectNode spaceResource(SpaceDef space) {
        ObjectNode node = JSON.createObjectNode();
        node.put("Id", space.id);
        node.put("Name", space.name);
        node.put("Slug", space.name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"));
        node.put("Description", "");
        node.put("IsDefault", space.isDefault);
        node.put("IsPrivate", false);
        node.put("TaskQueueStopped", false);
        node.putArray("SpaceManagersTeams");
        node.putArray("SpaceManagersTeamMembers");
        ObjectNode links = node.putObject("Links");
        links.put("Self", "/api/spaces/" + space.id);
        links.put("SpaceHome", "/api/" + space.id);
        return node;
    }

    private ObjectNode spacesPage(Map<String, String> query) {
        String partial = param(query, "partialName").orElse("").toLowerCase(Locale.ROOT);
        int skip = param(query, "skip").map(Integer::parseInt).orElse(0);
        int take = param(query, "take").map(Integer::parseInt).orElse(30);
        List<SpaceDef> matching = spaces.stream()
                .filter(s -> s.name.toLowerCase(Locale.ROOT).contains(partial))
                .collect(Collectors.toList());
        ObjectNode page = JSON.createObjectNode();
        page.put("ItemType", "Space");
        page.put("TotalResults", matching.size());
        page.put("ItemsPerPage", take);
        page.put("NumberOfPages", take == 0 ? 0 : (matching.size() + take - 1) / take);
        page.put("LastPageNumber", take == 0 ? 0 : Math.max(0, (matching.size() + take - 1) / take - 1));
        ArrayNode items = page.putArray("Items");
        matching.stream().skip(skip).limit(take).forEach(s -> items.add(spaceResource(s)));
        page.putObject("Links").put("Self", "/api/spaces");
        return page;
    }

    private ObjectNode packageResource(StoredPackage stored) {
        ObjectNode node = JSON.createObjectNode();
        String title = stored.packageId() + "." + stored.version();
        node.put("Id", "packages-" + title);
        node.put("PackageId", stored.packageId());
        node.put("Version", stored.version());
        node.put("Title", title);
        node.put("FileExtension", stored.extension());
        node.put("PackageSizeBytes", stored.size());
        node.put("Hash", stored.sha1());
        node.put("FeedId", "feeds-builtin");
        node.putObject("Links");
        return node;
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private Optional<SpaceDef> space(String id) {
        return spaces.stream().filter(s -> s.id.equalsIgnoreCase(id)).findFirst();
    }

    private Optional<SpaceDef> defaultSpace() {
        return spaces.stream().filter(s -> s.isDefault).findFirst();
    }

    private String defaultSpaceId() {
        return legacy ? "" : defaultSpace().map(s -> s.id).orElse("Spaces-1");
    }

    private Optional<String> key(String spaceId, String packageId, String version) {
        return PackageNames.parseIdentity(packageId + "." + version).map(i -> i.key(spaceId));
    }

    private static List<String> segments(String path) {
        List<String> result = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                result.add(percentDecode(segment));
            }
        }
        return result;
    }

    /** Percent-decoding that, unlike URLDecoder, leaves {@code +} alone (it is literal in paths). */
    private static String percentDecode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length()) {
                out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }

    private static Map<String, String> queryParameters(String query) {
        Map<String, String> result = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (query.isEmpty()) {
            return result;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = percentDecode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : percentDecode(pair.substring(eq + 1).replace('+', ' '));
            result.putIfAbsent(name, value);
        }
        return result;
    }

    private static Optional<String> param(Map<String, String> query, String name) {
        return Optional.ofNullable(query.get(name));
    }

    private static Map<String, String> jsonType() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json; charset=utf-8");
        return headers;
    }

    private static byte[] errorBody(String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("ErrorMessage", message);
        body.putArray("Errors");
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    private static String sha1Hex(byte[] content) {
        return hex(sha1().digest(content));
    }

    private static SSLContext sslContext(Path keyStore, String password) throws IOException {
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot load the TLS key store " + keyStore, e);
        }
    }

    /** CONNECT host:port: a tunnel to a loopback port, as an HTTPS proxy does. */
    private void tunnel(HttpWire.Head head, Socket client, InputStream in, OutputStream out) throws IOException {
        Exchange ex = new Exchange(head, InputStream.nullInputStream(), out, sequence.incrementAndGet());
        if (proxyAuthorization != null
                && !head.header("Proxy-Authorization")
                        .map(proxyAuthorization::equals)
                        .orElse(false)) {
            Map<String, String> headers = jsonType();
            headers.put("Proxy-Authenticate", "Basic realm=\"octopus-test-proxy\"");
            ex.closeAfter = true;
            ex.respond(407, headers, errorBody("Proxy authentication required"));
            return;
        }
        String target = head.target;
        int colon = target.lastIndexOf(':');
        String host = colon < 0 ? target : target.substring(0, colon);
        int port = colon < 0 ? 443 : Integer.parseInt(target.substring(colon + 1));
        if (!host.equals("127.0.0.1") && !host.equalsIgnoreCase("localhost")) {
            ex.closeAfter = true;
            ex.respond(403, jsonType(), errorBody("The test proxy only tunnels to loopback"));
            return;
        }
        try (Socket upstream = new Socket(InetAddress.getByName("127.0.0.1"), port)) {
            openSockets.add(upstream);
            ex.record(200);
            out.write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            threads.execute(() -> pump(in, upstreamOutput(upstream), upstream));
            pump(upstream.getInputStream(), out, client);
        } catch (SocketException e) {
            // one side closed
        }
    }

    private static OutputStream upstreamOutput(Socket socket) {
        try {
            return socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pump(InputStream from, OutputStream to, Socket closeWhenDone) {
        byte[] buffer = new byte[64 * 1024];
        try {
            for (int n = from.read(buffer); n >= 0; n = from.read(buffer)) {
                to.write(buffer, 0, n);
                to.flush();
            }
        } catch (IOException ignored) {
            // either side went away
        } finally {
            try {
                closeWhenDone.shutdownOutput();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    /** A configured space. */
    private static final class SpaceDef {
        final String id;
        final String name;
        final boolean isDefault;

        SpaceDef(String id, String name, boolean isDefault) {
            this.id = id;
            this.name = name;
            this.isDefault = isDefault;
        }
    }

    /** One "fail the next N matching requests" rule. */
    private static final class FailRule {
        final String method;
        final AtomicInteger remaining;
        final int status;
        final Pattern path;
        final int retryAfterSeconds;
        final String contentType;
        final String body;

        FailRule(
                String method,
                int count,
                int status,
                String pathPattern,
                int retryAfterSeconds,
                String contentType,
                String body) {
            this.method = method;
            this.remaining = new AtomicInteger(count);
            this.status = status;
            this.path = Pattern.compile(pathPattern == null ? "" : pathPattern);
            this.retryAfterSeconds = retryAfterSeconds;
            this.contentType = contentType;
            this.body = body;
        }
    }

    /** The switchable faults; safe to change from any thread (tests, Groovy scripts). */
    private static final class Faults {
        private final List<FailRule> rules = new ArrayList<>();
        final AtomicLong dropAfter = new AtomicLong(-1);
        final AtomicBoolean hangAfterStore = new AtomicBoolean();
        final AtomicBoolean dropAfterStoreBuildInformation = new AtomicBoolean();
        final AtomicBoolean hangAfterStoreBuildInformation = new AtomicBoolean();
        volatile long delayMillis;

        synchronized void add(FailRule rule) {
            rules.add(rule);
        }

        synchronized Optional<FailRule> take(String method, String path) {
            for (FailRule rule : rules) {
                if (rule.remaining.get() > 0
                        && (rule.method == null || rule.method.equalsIgnoreCase(method))
                        && rule.path.matcher(path).find()) {
                    rule.remaining.decrementAndGet();
                    return Optional.of(rule);
                }
            }
            return Optional.empty();
        }

        synchronized void clear() {
            rules.clear();
            dropAfter.set(-1);
            hangAfterStore.set(false);
            dropAfterStoreBuildInformation.set(false);
            hangAfterStoreBuildInformation.set(false);
            delayMillis = 0;
        }
    }

    /** Configures an {@link OctopusTestServer}. */
    public static final class Builder {
        private String apiKey = DEFAULT_API_KEY;
        private String version = "2024.1.100";
        private String apiVersion = "3.0.0";
        private boolean legacy;
        private boolean buildInformation = true;
        private final List<SpaceDef> spaces = new ArrayList<>(
                Arrays.asList(new SpaceDef("Spaces-1", "Default", true), new SpaceDef("Spaces-2", "Team B", false)));
        private boolean spacesCustomised;
        private final Map<String, Set<Permission>> apiKeys = new LinkedHashMap<>();
        private final Map<String, Set<Permission>> bearerTokens = new LinkedHashMap<>();
        private String proxyUser;
        private String proxyPassword;
        private Path storage;
        private Path keyStore;
        private String keyStorePassword;
        private int port;

        private Builder() {}

        /** The key with every permission (default {@value #DEFAULT_API_KEY}). */
        public Builder apiKey(String key) {
            this.apiKey = key;
            return this;
        }

        /** Another API key with only these permissions. */
        public Builder addApiKey(String key, Permission... permissions) {
            apiKeys.put(
                    key,
                    permissions.length == 0
                            ? EnumSet.noneOf(Permission.class)
                            : EnumSet.copyOf(Arrays.asList(permissions)));
            return this;
        }

        /** A bearer token; with no permissions given it has all of them. */
        public Builder addBearerToken(String token, Permission... permissions) {
            bearerTokens.put(
                    token,
                    permissions.length == 0
                            ? EnumSet.allOf(Permission.class)
                            : EnumSet.copyOf(Arrays.asList(permissions)));
            return this;
        }

        /** The {@code Version} of the root document (default 2024.1.100). */
        public Builder version(String version) {
            this.version = version;
            return this;
        }

        /** The {@code ApiVersion} of the root document (default 3.0.0). */
        public Builder apiVersion(String apiVersion) {
            this.apiVersion = apiVersion;
            return this;
        }

        /** A server from before 2019.1: no spaces, routes {@code /api/...}, upload takes only {@code replace}. */
        public Builder legacy() {
            this.legacy = true;
            this.version = "2018.10.5";
            return this;
        }

        /**
         * A server with spaces but from before build information (2019.1 to 2019.8): no {@code BuildInformation}
         * link and no build-information routes.
         */
        public Builder withoutBuildInformation() {
            this.buildInformation = false;
            this.version = "2019.8.3";
            return this;
        }

        /** Adds a space; the first call replaces the two default spaces. */
        public Builder space(String id, String name, boolean isDefault) {
            if (!spacesCustomised) {
                spaces.clear();
                spacesCustomised = true;
            }
            spaces.add(new SpaceDef(id, name, isDefault));
            return this;
        }

        /** Absolute-form (proxied) requests and CONNECT must carry these Basic proxy credentials. */
        public Builder proxyCredentials(String user, String password) {
            this.proxyUser = user;
            this.proxyPassword = password;
            return this;
        }

        /** Where packages are stored (kept on close); default a temp dir deleted on close. */
        public Builder storageDir(Path directory) {
            this.storage = directory;
            return this;
        }

        /** Serve HTTPS with the key pair in this PKCS12 store. */
        public Builder tls(Path pkcs12KeyStore, String password) {
            this.keyStore = pkcs12KeyStore;
            this.keyStorePassword = password;
            return this;
        }

        /** A fixed port for manual use (tests keep the default 0). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public OctopusTestServer start() throws IOException {
            return new OctopusTestServer(this);
        }
    }
}
