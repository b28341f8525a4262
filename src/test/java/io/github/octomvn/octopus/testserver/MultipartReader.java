package io.github.octomvn.octopus.testserver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Streams a {@code multipart/form-data} body part by part, copying part content to an {@link OutputStream}
 * while hashing it, so that the memory used does not depend on the size of the upload.
 */
final class MultipartReader {

    /** The body is not well-formed multipart. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }

    private static final Pattern PARAMETER =
            Pattern.compile(";\\s*([A-Za-z0-9*_-]+)\\s*=\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|[^;\\s]*)");

    private final InputStream in;
    private final byte[] delimiter;
    private final byte[] buffer;
    private int start;
    private int end;
    private boolean eof;
    private boolean finished;

    MultipartReader(InputStream in, String boundary) {
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.buffer = new byte[256 * 1024];
        // Pretend the body starts with CRLF so that the first delimiter looks like every other one.
        buffer[0] = '\r';
        buffer[1] = '\n';
        end = 2;
    }

    /** The boundary parameter of a multipart/form-data content type. */
    static Optional<String> boundaryOf(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).trim().startsWith("multipart/form-data")) {
            return Optional.empty();
        }
        return Optional.ofNullable(parameters(contentType).get("boundary")).filter(b -> !b.isEmpty());
    }

    /** Parameters of a header value such as {@code form-data; name="file"; filename="a.zip"}, keys lower case. */
    static Map<String, String> parameters(String headerValue) {
        Map<String, String> result = new TreeMap<>();
        Matcher m = PARAMETER.matcher(headerValue);
        while (m.find()) {
            String value = m.group(3) != null ? m.group(3).replaceAll("\\\\(.)", "$1") : m.group(2);
            result.putIfAbsent(m.group(1).toLowerCase(Locale.ROOT), value);
        }
        return result;
    }

    /** Skips the preamble; false if there is no first boundary at all. */
    boolean start() throws IOException, Malformed {
        copyUntilDelimiter(null, null);
        return afterDelimiter();
    }

    /** Header block of the next part (names case-insensitive). */
    Map<String, String> partHeaders() throws IOException, Malformed {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        while (true) {
            String line = line();
            if (line.isEmpty()) {
                return headers;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new Malformed("bad part header line");
            }
            headers.put(
                    line.substring(0, colon).trim(), line.substring(colon + 1).trim());
        }
    }

    /** Copies the current part's content to {@code out} (may be null), hashing it; true if another part follows. */
    long copyPart(OutputStream out, MessageDigest digest) throws IOException, Malformed {
        return copyUntilDelimiter(out, digest);
    }

    /** After {@link #copyPart}: true when another part follows, false after the closing delimiter. */
    boolean afterDelimiter() throws IOException, Malformed {
        fill(2);
        if (end - start < 2) {
            throw new Malformed("body ended after a boundary");
        }
        byte a = buffer[start];
        byte b = buffer[start + 1];
        start += 2;
        if (a == '-' && b == '-') {
            finished = true;
            return false;
        }
        // Transport padding (spaces or tabs) may follow a delimiter before its CRLF.
        while (a == ' ' || a == '\t') {
            a = b;
            fill(1);
            if (end - start < 1) {
                throw new Malformed("body ended after a boundary");
            }
            b = buffer[start++];
        }
        if (a != '\r' || b != '\n') {
            throw new Malformed("boundary not followed by CRLF or --");
        }
        return true;
    }

    boolean finished() {
        return finished;
    }

    private long copyUntilDelimiter(OutputStream out, MessageDigest digest) throws IOException, Malformed {
        long copied = 0;
        while (true) {
            fill(delimiter.length);
            int found = indexOfDelimiter();
            if (found >= 0) {
                copied += emit(out, digest, found - start);
                start = found + delimiter.length;
                return copied;
            }
            if (eof) {
                throw new Malformed("body ended without the closing boundary");
            }
            // Everything but a possible delimiter prefix at the end is content.
            int safe = end - start - (delimiter.length - 1);
            if (safe > 0) {
                copied += emit(out, digest, safe);
            }
            compact();
            readMore();
        }
    }

    private int emit(OutputStream out, MessageDigest digest, int length) throws IOException {
        if (length > 0) {
            if (out != null) {
                out.write(buffer, start, length);
            }
            if (digest != null) {
                digest.update(buffer, start, length);
            }
            start += length;
        }
        return length;
    }

    private int indexOfDelimiter() {
        byte first = delimiter[0];
        int last = end - delimiter.length;
        outer:
        for (int i = start; i <= last; i++) {
            if (buffer[i] != first) {
                continue;
            }
            for (int j = 1; j < delimiter.length; j++) {
                if (buffer[i + j] != delimiter[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private String line() throws IOException, Malformed {
        StringBuilder text = new StringBuilder();
        while (true) {
            fill(1);
            if (start >= end) {
                throw new Malformed("body ended inside part headers");
            }
            byte b = buffer[start++];
            if (b == '\n') {
                int length = text.length();
                return length > 0 && text.charAt(length - 1) == '\r' ? text.substring(0, length - 1) : text.toString();
            }
            text.append((char) (b & 0xff));
            if (text.length() > 16 * 1024) {
                throw new Malformed("part header too long");
            }
        }
    }

    /** Ensures at least {@code wanted} unread bytes unless the stream ends. */
    private void fill(int wanted) throws IOException {
        while (end - start < wanted && !eof) {
            compact();
            readMore();
        }
    }

    private void compact() {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
    }

    private void readMore() throws IOException {
        if (end == buffer.length) {
            return;
        }
        int n = in.read(buffer, end, buffer.length - end);
        if (n < 0) {
            eof = true;
        } else {
            end += n;
        }
    }
}
