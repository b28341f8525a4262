package io.github.octomvn.octopus.testserver;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** HTTP/1.1 on the wire: request heads, request bodies (Content-Length or chunked) and responses. */
final class HttpWire {

    static final int MAX_HEAD_BYTES = 64 * 1024;

    private HttpWire() {}

    /** A parsed request line and header block. */
    static final class Head {
        final String method;
        final String target;
        final String version;
        final Map<String, List<String>> headers;

        Head(String method, String target, String version, Map<String, List<String>> headers) {
            this.method = method;
            this.target = target;
            this.version = version;
            this.headers = headers;
        }

        Optional<String> header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }

        boolean keepAlive() {
            String connection = header("Connection").orElse("").toLowerCase(Locale.ROOT);
            if (version.equals("HTTP/1.0")) {
                return connection.contains("keep-alive");
            }
            return !connection.contains("close");
        }

        boolean expectsContinue() {
            return header("Expect").map(v -> v.equalsIgnoreCase("100-continue")).orElse(false);
        }

        boolean chunked() {
            return header("Transfer-Encoding")
                    .map(v -> v.toLowerCase(Locale.ROOT).contains("chunked"))
                    .orElse(false);
        }

        /** -1 when absent. */
        long contentLength() throws BadRequest {
            Optional<String> value = header("Content-Length");
            if (value.isEmpty()) {
                return -1;
            }
            try {
                long length = Long.parseLong(value.get().trim());
                if (length < 0) {
                    throw new BadRequest("negative Content-Length");
                }
                return length;
            } catch (NumberFormatException e) {
                throw new BadRequest("bad Content-Length " + value.get());
            }
        }
    }

    /** The client sent something that is not HTTP/1.1; answered with 400 and the connection closed. */
    static final class BadRequest extends Exception {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message);
        }
    }

    /** Reads the next request head, or empty at a clean end of stream between requests. */
    static Optional<Head> readHead(InputStream in) throws IOException, BadRequest {
        String requestLine;
        do {
            requestLine = readLine(in, true);
            if (requestLine == null) {
                return Optional.empty();
            }
        } while (requestLine.isEmpty()); // tolerate stray CRLF between requests (RFC 9112 2.2)
        String[] parts = requestLine.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
            throw new BadRequest("bad request line");
        }
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        int total = requestLine.length();
        while (true) {
            String line = readLine(in, false);
            if (line == null) {
                throw new EOFException("connection closed inside the request head");
            }
            total += line.length() + 2;
            if (total > MAX_HEAD_BYTES) {
                throw new BadRequest("request head too large");
            }
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new BadRequest("bad header line");
            }
            String name = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            e.setValue(Collections.unmodifiableList(e.getValue()));
        }
        return Optional.of(new Head(parts[0], parts[1], parts[2], Collections.unmodifiableMap(headers)));
    }

    /** A CRLF-terminated ISO-8859-1 line without its terminator; null at end of stream before any byte. */
    private static String readLine(InputStream in, boolean endAllowed) throws IOException, BadRequest {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (line.size() == 0 && endAllowed) {
                    return null;
                }
                throw new EOFException("connection closed inside a line");
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
            if (line.size() > MAX_HEAD_BYTES) {
                throw new BadRequest("line too long");
            }
        }
    }

    /** The request body as a stream that ends where the body ends. */
    static InputStream body(Head head, InputStream in) throws BadRequest {
        if (head.chunked()) {
            return new ChunkedInputStream(in);
        }
        long length = head.contentLength();
        return new LimitedInputStream(in, Math.max(length, 0));
    }

    /** Reads and discards up to {@code limit} bytes; true if the stream ended within it. */
    static boolean drain(InputStream body, long limit) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        while (total <= limit) {
            int n = body.read(buffer);
            if (n < 0) {
                return true;
            }
            total += n;
        }
        return false;
    }

    static void writeResponse(OutputStream out, int status, Map<String, String> headers, byte[] body, boolean close)
            throws IOException {
        writeHead(out, status, headers, "Content-Length: " + body.length, close);
        out.write(body);
        out.flush();
    }

    /**
     * Writes a response head with {@code Transfer-Encoding: chunked} and returns the stream its body goes into: each
     * write is sent as one chunk, and closing it sends the last chunk (not closing {@code out}).
     */
    static OutputStream chunkedResponse(OutputStream out, int status, Map<String, String> headers, boolean close)
            throws IOException {
        writeHead(out, status, headers, "Transfer-Encoding: chunked", close);
        out.flush();
        // Buffered so that small writes (a base64 encoder's 4 bytes) do not each become a chunk.
        return new BufferedOutputStream(
                new OutputStream() {
                    @Override
                    public void write(int b) throws IOException {
                        write(new byte[] {(byte) b}, 0, 1);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        if (len > 0) {
                            out.write((Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                            out.write(b, off, len);
                            out.write(CRLF);
                        }
                    }

                    @Override
                    public void flush() throws IOException {
                        out.flush();
                    }

                    @Override
                    public void close() throws IOException {
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                    }
                },
                64 * 1024);
    }

    private static final byte[] CRLF = {'\r', '\n'};

    /** Status line, the route's headers, how the body is framed, and whether the connection closes after it. */
    private static void writeHead(
            OutputStream out, int status, Map<String, String> headers, String framing, boolean close)
            throws IOException {
        StringBuilder head = new StringBuilder();
        head.append("HTTP/1.1 ")
                .append(status)
                .append(' ')
                .append(reason(status))
                .append("\r\n");
        for (Map.Entry<String, String> header : headers.entrySet()) {
            head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
        }
        head.append(framing).append("\r\n");
        if (close) {
            head.append("Connection: close\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    static String reason(int status) {
        switch (status) {
            case 100:
                return "Continue";
            case 200:
                return "OK";
            case 201:
                return "Created";
            case 400:
                return "Bad Request";
            case 401:
                return "Unauthorized";
            case 403:
                return "Forbidden";
            case 404:
                return "Not Found";
            case 405:
                return "Method Not Allowed";
            case 407:
                return "Proxy Authentication Required";
            case 409:
                return "Conflict";
            case 429:
                return "Too Many Requests";
            case 500:
                return "Internal Server Error";
            case 502:
                return "Bad Gateway";
            case 503:
                return "Service Unavailable";
            case 504:
                return "Gateway Timeout";
            default:
                return "Status " + status;
        }
    }

    /** Exactly {@code length} bytes of the underlying stream, then end of stream. */
    static final class LimitedInputStream extends FilterInputStream {
        private long remaining;

        LimitedInputStream(InputStream in, long length) {
            super(in);
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n < 0) {
                throw new EOFException("connection closed with " + remaining + " body bytes missing");
            }
            remaining -= n;
            return n;
        }

        @Override
        public void close() {
            // The connection outlives the body.
        }
    }

    /** Decodes {@code Transfer-Encoding: chunked}. */
    static final class ChunkedInputStream extends InputStream {
        private final InputStream in;
        private long chunkRemaining;
        private boolean done;

        ChunkedInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (chunkRemaining == 0) {
                String sizeLine = line();
                int semicolon = sizeLine.indexOf(';');
                String hex = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim();
                try {
                    chunkRemaining = Long.parseLong(hex, 16);
                } catch (NumberFormatException e) {
                    throw new IOException("bad chunk size '" + hex + "'");
                }
                if (chunkRemaining == 0) {
                    while (!line().isEmpty()) {
                        // trailers are ignored
                    }
                    done = true;
                    return -1;
                }
            }
            int n = in.read(b, off, (int) Math.min(len, chunkRemaining));
            if (n < 0) {
                throw new EOFException("connection closed inside a chunk");
            }
            chunkRemaining -= n;
            if (chunkRemaining == 0 && !line().isEmpty()) {
                throw new IOException("chunk not followed by CRLF");
            }
            return n;
        }

        private String line() throws IOException {
            StringBuilder text = new StringBuilder();
            while (true) {
                int c = in.read();
                if (c < 0) {
                    throw new EOFException("connection closed inside chunk framing");
                }
                if (c == '\n') {
                    int length = text.length();
                    return length > 0 && text.charAt(length - 1) == '\r'
                            ? text.substring(0, length - 1)
                            : text.toString();
                }
                text.append((char) c);
                if (text.length() > 1024) {
                    throw new IOException("chunk line too long");
                }
            }
        }

        @Override
        public void close() {
            // The connection outlives the body.
        }
    }
}
