package io.github.octomvn.octopus.feed;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;

/**
 * The body of a package upload: one {@code multipart/form-data} file part, framed exactly as the official
 * clients do, streamed from disk with a known {@code Content-Length} so memory stays flat for any size.
 */
final class MultipartFileBody {

    private final Path file;
    private final long fileSize;
    private final String boundary;
    private final byte[] head;
    private final byte[] tail;
    private final AtomicReference<Send> lastSend = new AtomicReference<>();

    MultipartFileBody(Path file, long fileSize, String fileName, String boundary) {
        this.file = file;
        this.fileSize = fileSize;
        this.boundary = boundary;
        // Plain quoted filename only: an old server failed on filename*= (OctopusDeploy/Issues #2464).
        this.head = ("--" + boundary + "\r\n"
                        + "Content-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
                        + "Content-Type: application/octet-stream\r\n"
                        + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        this.tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    long contentLength() {
        return head.length + fileSize + tail.length;
    }

    /**
     * A fresh publisher; {@code fileBytesRead} hears of every chunk of the file handed to the HTTP client.
     * Each subscription (a resend by the HTTP client included) reads the file anew.
     */
    HttpRequest.BodyPublisher publisher(LongConsumer fileBytesRead) {
        HttpRequest.BodyPublisher stream = HttpRequest.BodyPublishers.ofInputStream(() -> {
            Send send = new Send(fileBytesRead);
            Send previous = lastSend.getAndSet(send);
            if (previous != null) {
                previous.close();
            }
            try {
                return send.open(file, head, tail);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        // Declaring the length makes the HTTP client send Content-Length instead of chunked encoding.
        return HttpRequest.BodyPublishers.fromPublisher(stream, contentLength());
    }

    /** Bytes of the file read by the last send (0 before any). */
    long fileBytesOfLastSend() {
        Send send = lastSend.get();
        return send == null ? 0 : send.fileBytes;
    }

    /** SHA-1 of the file computed while the last send read it, if it read the whole file. */
    Optional<String> sha1OfLastSend() {
        Send send = lastSend.get();
        return send == null ? Optional.empty() : Optional.ofNullable(send.sha1);
    }

    /** Releases the file handle of an aborted send; the HTTP client does not always close the stream. */
    void close() {
        Send send = lastSend.get();
        if (send != null) {
            send.close();
        }
    }

    private final class Send {
        private final LongConsumer listener;
        private final MessageDigest digest;
        private volatile long fileBytes;
        private volatile String sha1;
        private InputStream fileStream;

        Send(LongConsumer listener) {
            this.listener = listener;
            this.digest = sha1Digest();
        }

        InputStream open(Path path, byte[] head, byte[] tail) throws IOException {
            InputStream raw = Files.newInputStream(path);
            synchronized (this) {
                fileStream = raw;
            }
            InputStream observed = new FilterInputStream(raw) {
                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    int n = read(one, 0, 1);
                    return n < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    if (n > 0) {
                        digest.update(b, off, n);
                        fileBytes += n;
                        listener.accept(n);
                    } else if (n < 0 && sha1 == null && fileBytes == fileSize) {
                        sha1 = hex(digest.digest());
                    }
                    return n;
                }
            };
            return new SequenceInputStream(
                    new SequenceInputStream(new ByteArrayInputStream(head), observed), new ByteArrayInputStream(tail));
        }

        synchronized void close() {
            if (fileStream != null) {
                try {
                    fileStream.close();
                } catch (IOException ignored) {
                    // Only a file handle to release; nothing to report.
                }
            }
        }
    }

    static MessageDigest sha1Digest() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK provides SHA-1", e);
        }
    }

    static String hex(byte[] bytes) {
        StringBuilder text = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            text.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return text.toString();
    }
}
