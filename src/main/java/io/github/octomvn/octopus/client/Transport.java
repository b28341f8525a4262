package io.github.octomvn.octopus.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** Builds the per-client {@link HttpClient}: HTTP/1.1, no redirects, this client's proxy and TLS trust only. */
final class Transport {

    private Transport() {}

    static HttpClient build(ServerSettings settings) throws OctopusException {
        HttpClient.Builder builder = HttpClient.newBuilder()
                // HTTP/1.1: the common denominator of Octopus behind IIS, reverse proxies and corporate proxies.
                .version(HttpClient.Version.HTTP_1_1)
                // A redirect would re-send the API key to another URL and turn POST into GET; report it instead.
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.connectTimeout());
        // Without a configured proxy the JDK default selector applies (-Dhttps.proxyHost and friends).
        settings.proxy().ifPresent(proxy -> builder.proxy(new SettingsProxySelector(proxy)));
        if (settings.insecure() || settings.trustStore().isPresent()) {
            builder.sslContext(sslContext(settings));
        } else {
            // The default trust, set up on first use; parameters given so that building the client does not ask the
            // context for its defaults (null cipher suites and protocols leave the engine's defaults in place).
            builder.sslContext(new LazyDefaultTls()).sslParameters(new SSLParameters());
        }
        return builder.build();
    }

    /**
     * Closes {@code http}: from Java 21 on, as {@code HttpClient.close()} does. Before, an HttpClient cannot be closed:
     * its selector thread waits in native code until the garbage collector finds the client unreferenced, and a JVM
     * that exits meanwhile waits 300 ms for it (the VM waits for threads in native code before it exits), a third of a
     * small push's own time. Interrupting that thread ends its loop and closes its selector and connections, as
     * closing does; the JDK's own tests find it the same way, by the client's id in its {@code toString()}.
     */
    static void close(HttpClient http) {
        if (http instanceof AutoCloseable) {
            try {
                ((AutoCloseable) http).close();
            } catch (Exception ignored) {
                // Closing only waits for in-flight exchanges; nothing is left to report.
            }
            return;
        }
        Matcher id = CLIENT_ID.matcher(http.toString());
        if (!id.find()) {
            return;
        }
        String selector = "HttpClient-" + id.group(1) + "-SelectorManager";
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 16];
        int count = root.enumerate(threads, true);
        for (int i = 0; i < count; i++) {
            if (selector.equals(threads[i].getName())) {
                threads[i].interrupt();
            }
        }
    }

    /** The id at the end of {@code HttpClientImpl.toString()}, as in {@code ...HttpClientImpl@1b2c3d(4)}. */
    private static final Pattern CLIENT_ID = Pattern.compile("\\((\\d+)\\)$");

    private static SSLContext sslContext(ServerSettings settings) throws OctopusException {
        try {
            X509ExtendedTrustManager trust;
            if (settings.insecure()) {
                trust = new TrustEverything();
            } else {
                TrustStore store = settings.trustStore().get();
                trust = new EitherOf(defaultTrust(null), defaultTrust(load(store)));
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trust}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new OctopusException(
                    OctopusException.Kind.TLS, "Cannot set up TLS for " + settings.serverUrl() + ": " + e.getMessage());
        } catch (IOException e) {
            TrustStore store = settings.trustStore().get();
            throw new OctopusException(
                    OctopusException.Kind.TLS,
                    "Cannot read the trust store " + store.path() + " (type " + store.type() + "): " + e.getMessage()
                            + ". Check the path, the password and the store type (PKCS12 or JKS)");
        }
    }

    private static KeyStore load(TrustStore store) throws IOException, GeneralSecurityException {
        KeyStore keyStore = KeyStore.getInstance(store.type());
        try (InputStream in = Files.newInputStream(store.path())) {
            keyStore.load(in, store.password().map(String::toCharArray).orElse(null));
        }
        return keyStore;
    }

    private static X509ExtendedTrustManager defaultTrust(KeyStore keyStore) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(keyStore);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager) {
                return (X509ExtendedTrustManager) manager;
            }
        }
        throw new GeneralSecurityException("The JDK offers no X509ExtendedTrustManager");
    }

    /** Routes through the configured proxy except for {@code nonProxyHosts}. */
    static final class SettingsProxySelector extends ProxySelector {
        private final ProxySettings proxy;

        SettingsProxySelector(ProxySettings proxy) {
            this.proxy = proxy;
        }

        @Override
        public List<Proxy> select(URI uri) {
            if (uri.getHost() == null || proxy.bypasses(uri.getHost())) {
                return Collections.singletonList(Proxy.NO_PROXY);
            }
            return Collections.singletonList(
                    new Proxy(Proxy.Type.HTTP, new InetSocketAddress(proxy.host(), proxy.port())));
        }

        @Override
        public void connectFailed(URI uri, SocketAddress address, IOException e) {
            // The failure surfaces as the request's exception; there is no alternative proxy to try.
        }
    }

    /**
     * The JDK's trust (public CAs) or the user's store (an internal CA). Host names are still verified: the
     * delegates are extended trust managers, which check the endpoint identity themselves.
     */
    static final class EitherOf extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager first;
        private final X509ExtendedTrustManager second;

        EitherOf(X509ExtendedTrustManager first, X509ExtendedTrustManager second) {
            this.first = first;
            this.second = second;
        }

        private interface Check {
            void run(X509ExtendedTrustManager manager) throws CertificateException;
        }

        private void either(Check check) throws CertificateException {
            try {
                check.run(first);
            } catch (CertificateException e) {
                try {
                    check.run(second);
                } catch (CertificateException again) {
                    again.addSuppressed(e);
                    throw again;
                }
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            either(m -> m.checkServerTrusted(chain, authType, engine));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            either(m -> m.checkServerTrusted(chain, authType, socket));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            either(m -> m.checkServerTrusted(chain, authType));
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            either(m -> m.checkClientTrusted(chain, authType, engine));
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            either(m -> m.checkClientTrusted(chain, authType, socket));
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            either(m -> m.checkClientTrusted(chain, authType));
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            List<X509Certificate> all = new ArrayList<>();
            Collections.addAll(all, first.getAcceptedIssuers());
            Collections.addAll(all, second.getAcceptedIssuers());
            return all.toArray(new X509Certificate[0]);
        }
    }

    /**
     * Accepts any certificate for any host name. Being an extended trust manager, it also replaces the
     * JDK's host name check, so the check is off for this client only (no JVM-wide property).
     */
    static final class TrustEverything extends X509ExtendedTrustManager {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
