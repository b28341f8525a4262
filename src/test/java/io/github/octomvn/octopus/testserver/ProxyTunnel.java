package io.github.octomvn.octopus.testserver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * The server as an HTTP proxy: absolute-form requests ({@code GET http://127.0.0.1:port/api}) are served as if
 * direct, {@code CONNECT host:port} opens a tunnel to a loopback port, and both demand Basic proxy credentials
 * when the builder set some.
 */
final class ProxyTunnel {

    private final String proxyAuthorization;

    /** {@code user} null: no proxy credentials needed. */
    ProxyTunnel(String user, String password) {
        this.proxyAuthorization = user == null
                ? null
                : "Basic "
                        + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Answers 407 and returns true when a proxied request lacks the proxy credentials. */
    boolean rejectUnauthorized(Exchange ex) throws IOException {
        if (!ex.proxied || authorized(ex.head)) {
            return false;
        }
        challenge(ex);
        return true;
    }

    private boolean authorized(HttpWire.Head head) {
        return proxyAuthorization == null
                || head.header("Proxy-Authorization")
                        .map(proxyAuthorization::equals)
                        .orElse(false);
    }

    private static void challenge(Exchange ex) throws IOException {
        Map<String, String> headers = JsonRendering.jsonType();
        headers.put("Proxy-Authenticate", "Basic realm=\"octopus-test-proxy\"");
        ex.respond(407, headers, JsonRendering.errorBody("Proxy authentication required"));
    }

    /** CONNECT host:port: a tunnel to a loopback port, as an HTTPS proxy does. Returns when either side closes. */
    void tunnel(Exchange ex, Socket client, InputStream in, OutputStream out, Set<Socket> openSockets, Executor threads)
            throws IOException {
        if (!authorized(ex.head)) {
            ex.closeAfter = true;
            challenge(ex);
            return;
        }
        String target = ex.head.target;
        int colon = target.lastIndexOf(':');
        String host = colon < 0 ? target : target.substring(0, colon);
        int port = colon < 0 ? 443 : Integer.parseInt(target.substring(colon + 1));
        if (!host.equals("127.0.0.1") && !host.equalsIgnoreCase("localhost")) {
            ex.closeAfter = true;
            ex.respond(
                    403, JsonRendering.jsonType(), JsonRendering.errorBody("The test proxy only tunnels to loopback"));
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
}
