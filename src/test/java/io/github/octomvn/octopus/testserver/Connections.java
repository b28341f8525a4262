package io.github.octomvn.octopus.testserver;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The socket loop: accepts connections, reads HTTP/1.1 requests off each (keep-alive, 100-continue, chunked
 * bodies), hands every request to the {@link Handler} as an {@link Exchange}, and carries out what a route asked
 * for by throwing: {@link Exchange.Abort} resets the connection, {@link Exchange.Hang} never answers. CONNECT goes
 * to the {@link ProxyTunnel}. With a {@link Throttle}, every connection's bytes in each direction share one
 * simulated link of that rate. All threads are daemons.
 */
final class Connections implements AutoCloseable {

    /** Answers one request. */
    interface Handler {
        void handle(Exchange ex) throws IOException;
    }

    private static final long DRAIN_LIMIT = 1024 * 1024;

    private final ServerSocket serverSocket;
    private final Handler handler;
    private final ProxyTunnel proxy;
    private final Consumer<RecordedRequest> log;
    private final LongSupplier delayMillis;
    private final Throttle inbound;
    private final Throttle outbound;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "octopus-test-server");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<Socket> openSockets = ConcurrentHashMap.newKeySet();
    private final AtomicLong sequence = new AtomicLong();
    private volatile boolean closed;

    Connections(
            ServerSocket serverSocket,
            Handler handler,
            ProxyTunnel proxy,
            Consumer<RecordedRequest> log,
            LongSupplier delayMillis,
            long throttleBytesPerSecond) {
        this.serverSocket = serverSocket;
        this.handler = handler;
        this.proxy = proxy;
        this.log = log;
        this.delayMillis = delayMillis;
        // one link, full duplex: what clients send and what the server answers each have the whole rate
        this.inbound = throttleBytesPerSecond > 0 ? Throttle.of(throttleBytesPerSecond) : null;
        this.outbound = throttleBytesPerSecond > 0 ? Throttle.of(throttleBytesPerSecond) : null;
    }

    /** A server socket on 127.0.0.1 ({@code port} 0: any free one), TLS with this PKCS12 key pair unless null. */
    static ServerSocket bind(int port, Path keyStore, String keyStorePassword) throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        if (keyStore != null) {
            return sslContext(keyStore, keyStorePassword)
                    .getServerSocketFactory()
                    .createServerSocket(port, 50, loopback);
        }
        ServerSocket serverSocket = new ServerSocket();
        serverSocket.bind(new InetSocketAddress(loopback, port));
        return serverSocket;
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

    void start() {
        threads.execute(this::acceptLoop);
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
    }

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

    private Exchange exchange(HttpWire.Head head, InputStream body, OutputStream out) {
        return new Exchange(head, body, out, sequence.incrementAndGet(), log, delayMillis);
    }

    private void serve(Socket socket) {
        try {
            socket.setTcpNoDelay(true);
            InputStream rawIn = socket.getInputStream();
            OutputStream rawOut = socket.getOutputStream();
            if (inbound != null) {
                rawIn = inbound.throttle(rawIn);
                rawOut = outbound.throttle(rawOut);
            }
            InputStream in = new BufferedInputStream(rawIn, 64 * 1024);
            OutputStream out = new BufferedOutputStream(rawOut, 64 * 1024);
            while (!closed) {
                Optional<HttpWire.Head> head;
                InputStream body;
                try {
                    head = HttpWire.readHead(in);
                    if (head.isEmpty()) {
                        return;
                    }
                    if (head.get().method.equals("CONNECT")) {
                        Exchange connect = exchange(head.get(), InputStream.nullInputStream(), out);
                        proxy.tunnel(connect, socket, in, out, openSockets, threads);
                        return;
                    }
                    body = HttpWire.body(head.get(), in);
                } catch (HttpWire.BadRequest e) {
                    HttpWire.writeResponse(
                            out, 400, JsonRendering.jsonType(), JsonRendering.errorBody(e.getMessage()), true);
                    return;
                }
                Exchange exchange = exchange(head.get(), body, out);
                try {
                    handler.handle(exchange);
                } catch (RuntimeException e) {
                    // A bug in the test server must show up as a 500, not as a silently closed connection.
                    e.printStackTrace();
                    if (!exchange.responded) {
                        exchange.closeAfter = true;
                        exchange.error(500, "Test server failure: " + e);
                    }
                    return;
                } catch (Exchange.Abort e) {
                    exchange.record(0);
                    socket.setSoLinger(true, 0); // close with a TCP reset, like a crashed proxy
                    return;
                } catch (Exchange.Hang e) {
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
}
