package io.github.octomvn.octopus.testserver;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/** One request being answered: its parsed target, its counted body, and the ways a route answers it. */
final class Exchange {

    /** Thrown inside a route to reset the connection. */
    static final class Abort extends IOException {
        private static final long serialVersionUID = 1L;

        Abort() {
            super("connection dropped on purpose");
        }
    }

    /** Thrown inside a route to never answer. */
    static final class Hang extends IOException {
        private static final long serialVersionUID = 1L;

        Hang() {
            super("never answering on purpose");
        }
    }

    final HttpWire.Head head;
    final CountingStream body;
    final OutputStream out;
    final long sequence;
    final String path;
    final String query;
    final boolean proxied;
    boolean responded;
    boolean closeAfter;
    private boolean continueSent;
    private final Consumer<RecordedRequest> log;
    private final LongSupplier delayMillis;

    Exchange(
            HttpWire.Head head,
            InputStream body,
            OutputStream out,
            long sequence,
            Consumer<RecordedRequest> log,
            LongSupplier delayMillis) {
        this.head = head;
        this.body = new CountingStream(body, knownSmall(head));
        this.out = out;
        this.sequence = sequence;
        this.log = log;
        this.delayMillis = delayMillis;
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

    private static boolean knownSmall(HttpWire.Head head) {
        try {
            long length = head.contentLength();
            return length >= 0 && length <= RecordedRequest.MAX_KEPT_BODY;
        } catch (HttpWire.BadRequest e) {
            return false;
        }
    }

    String method() {
        return head.method;
    }

    /** The query parameters, names case-insensitive; the first of a repeated name wins. */
    Map<String, String> queryParameters() {
        return queryParameters(query);
    }

    void continueIfExpected() throws IOException {
        if (head.expectsContinue() && !continueSent) {
            continueSent = true;
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
    }

    void record(int status) {
        log.accept(new RecordedRequest(
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
        beforeAnswer(status);
        HttpWire.writeResponse(out, status, headers, content, closeAfter || !head.keepAlive());
    }

    /** What a route writes into a streamed answer. */
    interface BodyWriter {
        void writeTo(OutputStream body) throws IOException;
    }

    /**
     * Answers with a body sent as it is written ({@code Transfer-Encoding: chunked}), as a server streams an answer
     * too large to build first: the client receives the first bytes while the rest is still being computed.
     */
    void respondStreaming(int status, Map<String, String> headers, BodyWriter body) throws IOException {
        beforeAnswer(status);
        boolean close = closeAfter || !head.keepAlive();
        try (OutputStream chunked = HttpWire.chunkedResponse(out, status, headers, close)) {
            body.writeTo(chunked);
        }
    }

    private void beforeAnswer(int status) throws IOException {
        long delay = delayMillis.getAsLong();
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
    }

    void json(int status, Object document) throws IOException {
        respond(status, JsonRendering.jsonType(), JsonRendering.bytes(document));
    }

    void error(int status, String errorMessage, String... errors) throws IOException {
        json(status, JsonRendering.error(errorMessage, errors));
    }

    /** The usual 400 shape: a generic ErrorMessage and the specific text in Errors. */
    void invalid(String... errors) throws IOException {
        error(400, "There was a problem with your request.", errors);
    }

    void notFound() throws IOException {
        error(404, "The resource you requested was not found.");
    }

    void forbidden(Permission missing) throws IOException {
        json(403, JsonRendering.forbidden(missing));
    }

    /** True for a GET; otherwise answers 405 and returns false. */
    boolean requireGet() throws IOException {
        if (head.method.equals("GET")) {
            return true;
        }
        methodNotAllowed();
        return false;
    }

    void methodNotAllowed() throws IOException {
        error(405, "The method " + head.method + " is not allowed on this resource.");
    }

    // ---------------------------------------------------------------------------------------------- URL parts

    /** The non-empty, percent-decoded segments of a path. */
    static List<String> segments(String path) {
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

    static Map<String, String> queryParameters(String query) {
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

    static Optional<String> param(Map<String, String> query, String name) {
        return Optional.ofNullable(query.get(name));
    }
}
