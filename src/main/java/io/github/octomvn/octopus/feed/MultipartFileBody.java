package io.github.octomvn.octopus.feed;

import io.github.octomvn.octopus.pack.Sha1;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;

/**
 * The body of a package upload: one {@code multipart/form-data} file part, framed exactly as the official
 * clients do, streamed from disk with a known {@code Content-Length} so memory stays flat for any size.
 *
 * <p>The file goes in chunks of {@link #CHUNK_BYTES}, read straight from a {@link FileChannel} into the buffer the
 * HTTP client writes to the socket: one copy, and few enough chunks that the client's per-chunk hand-over between
 * threads costs nothing next to the bytes (the JDK's {@code ofInputStream} copies 16 KiB at a time into a second
 * buffer, which made the upload slower than curl). Only the chunk the client is writing is held in memory.
 */
final class MultipartFileBody {

    /** Large enough that per-chunk overhead vanishes, small enough that two concurrent uploads stay tiny. */
    static final int CHUNK_BYTES = 256 * 1024;

    private final Path file;
    private final long fileSize;
    private final String boundary;
    private final byte[] head;
    private final byte[] tail;
    private final boolean hash;
    private final AtomicReference<Send> lastSend = new AtomicReference<>();

    /** A body that also computes the file's SHA-1 while it is sent ({@link #sha1OfLastSend}). */
    MultipartFileBody(Path file, long fileSize, String fileName, String boundary) {
        this(file, fileSize, fileName, boundary, true);
    }

    /** @param hash false when the SHA-1 is already known (the pack manifest vouches for the file): saves the CPU */
    MultipartFileBody(Path file, long fileSize, String fileName, String boundary, boolean hash) {
        this.file = file;
        this.fileSize = fileSize;
        this.boundary = boundary;
        this.hash = hash;
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
        return new HttpRequest.BodyPublisher() {
            @Override
            public long contentLength() {
                // Declaring the length makes the HTTP client send Content-Length instead of chunked encoding.
                return MultipartFileBody.this.contentLength();
            }

            @Override
            public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
                Send send = new Send(subscriber, fileBytesRead);
                Send previous = lastSend.getAndSet(send);
                if (previous != null) {
                    previous.abort();
                }
                send.start();
            }
        };
    }

    /** Bytes of the file read by the last send (0 before any). */
    long fileBytesOfLastSend() {
        Send send = lastSend.get();
        return send == null ? 0 : send.fileBytes;
    }

    /** SHA-1 of the file computed while the last send read it, if it read the whole file and was asked to hash. */
    Optional<String> sha1OfLastSend() {
        Send send = lastSend.get();
        return send == null ? Optional.empty() : Optional.ofNullable(send.sha1);
    }

    /** Releases the file handle of an aborted send; the HTTP client does not always cancel its subscription. */
    void close() {
        Send send = lastSend.get();
        if (send != null) {
            send.abort();
        }
    }

    /**
     * One subscription: head, the file in chunks, tail, each only on demand. The drain loop runs on whichever thread
     * asked (the caller of {@code request} or the one already draining), never two at once.
     */
    private final class Send implements Flow.Subscription {
        private final Flow.Subscriber<? super ByteBuffer> subscriber;
        private final LongConsumer listener;
        private final MessageDigest digest;
        private final AtomicLong demand = new AtomicLong();
        private final AtomicInteger draining = new AtomicInteger();
        private volatile boolean cancelled;
        private volatile long fileBytes;
        private volatile String sha1;
        private FileChannel channel;
        private int stage;
        private boolean done;

        Send(Flow.Subscriber<? super ByteBuffer> subscriber, LongConsumer listener) {
            this.subscriber = subscriber;
            this.listener = listener;
            this.digest = hash ? Sha1.digest() : null;
        }

        void start() {
            IOException failure = null;
            try {
                FileChannel opened = FileChannel.open(file, StandardOpenOption.READ);
                synchronized (this) {
                    channel = opened;
                }
            } catch (IOException e) {
                failure = e;
            }
            // done before onSubscribe: a subscriber that requests from inside it must not reach the missing channel
            done = failure != null;
            subscriber.onSubscribe(this);
            if (failure != null && !cancelled) {
                subscriber.onError(failure);
            }
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                cancelled = true;
                subscriber.onError(new IllegalArgumentException("non-positive request " + n));
                return;
            }
            demand.getAndUpdate(d -> d + n < 0 ? Long.MAX_VALUE : d + n);
            drain();
        }

        @Override
        public void cancel() {
            cancelled = true;
            drain();
        }

        private void drain() {
            if (draining.getAndIncrement() != 0) {
                return;
            }
            int missed = 1;
            do {
                while (!done) {
                    if (cancelled) {
                        done = true;
                        close();
                        break;
                    }
                    if (demand.get() == 0) {
                        break;
                    }
                    ByteBuffer next;
                    try {
                        next = next();
                    } catch (IOException e) {
                        done = true;
                        close();
                        if (!cancelled) {
                            subscriber.onError(e);
                        }
                        break;
                    }
                    if (next == null) {
                        done = true;
                        close();
                        subscriber.onComplete();
                        break;
                    }
                    demand.decrementAndGet();
                    subscriber.onNext(next);
                }
                missed = draining.addAndGet(-missed);
            } while (missed != 0);
        }

        /** The next buffer to send, or null after the tail. */
        private ByteBuffer next() throws IOException {
            if (stage == 0) {
                stage = 1;
                return ByteBuffer.wrap(head);
            }
            if (stage == 1 && fileBytes < fileSize) {
                ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(CHUNK_BYTES, fileSize - fileBytes));
                while (chunk.hasRemaining()) {
                    if (channel.read(chunk) < 0) {
                        throw new IOException(file + " became shorter (" + (fileBytes + chunk.position())
                                + " bytes, not " + fileSize + ") while it was uploaded");
                    }
                }
                int n = chunk.position();
                if (digest != null) {
                    digest.update(chunk.array(), 0, n);
                }
                fileBytes += n;
                if (fileBytes == fileSize && digest != null) {
                    sha1 = Sha1.hex(digest.digest());
                }
                listener.accept(n);
                return chunk.flip();
            }
            if (stage == 1) {
                stage = 2;
                return ByteBuffer.wrap(tail);
            }
            return null;
        }

        /** Stops this send (if still running) and releases its file handle. */
        void abort() {
            cancelled = true;
            close();
        }

        private synchronized void close() {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // Only a file handle to release; nothing to report.
                }
            }
        }
    }
}
