package io.github.octomvn.octopus.testserver;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One request as the test server received it, in arrival order. */
public final class RecordedRequest {

    /** Bodies up to this size are kept for assertions on the exact bytes. */
    public static final int MAX_KEPT_BODY = 64 * 1024;

    private final long sequence;
    private final String method;
    private final String target;
    private final String path;
    private final String query;
    private final Map<String, List<String>> headers;
    private final int status;
    private final long bodyBytes;
    private final byte[] body;
    private final boolean proxied;

    RecordedRequest(
            long sequence,
            String method,
            String target,
            String path,
            String query,
            Map<String, List<String>> headers,
            int status,
            long bodyBytes,
            byte[] body,
            boolean proxied) {
        this.sequence = sequence;
        this.method = method;
        this.target = target;
        this.path = path;
        this.query = query;
        this.headers = headers;
        this.status = status;
        this.bodyBytes = bodyBytes;
        this.body = body;
        this.proxied = proxied;
    }

    public long sequence() {
        return sequence;
    }

    public String method() {
        return method;
    }

    /** The request target exactly as sent: origin form {@code /api?x}, or absolute form through a proxy. */
    public String target() {
        return target;
    }

    /** The decoded-as-sent path, e.g. {@code /api/Spaces-1/packages/raw}. */
    public String path() {
        return path;
    }

    /** The raw query without {@code ?}, or empty. */
    public String query() {
        return query;
    }

    /** All headers, names case-insensitive. */
    public Map<String, List<String>> headers() {
        return Collections.unmodifiableMap(headers);
    }

    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The status answered, or 0 when the server dropped the connection or never answered. */
    public int status() {
        return status;
    }

    /** Body bytes read (after de-chunking). */
    public long bodyBytes() {
        return bodyBytes;
    }

    /** The exact body when it was at most {@link #MAX_KEPT_BODY} bytes. */
    public Optional<byte[]> body() {
        return Optional.ofNullable(body).map(byte[]::clone);
    }

    /** True when the request came in absolute form, i.e. through the server acting as an HTTP proxy. */
    public boolean proxied() {
        return proxied;
    }

    @Override
    public String toString() {
        return "#" + sequence + " " + method + " " + path + (query.isEmpty() ? "" : "?" + query) + " -> "
                + (status == 0 ? "no answer" : status) + (proxied ? " (proxied)" : "");
    }
}
