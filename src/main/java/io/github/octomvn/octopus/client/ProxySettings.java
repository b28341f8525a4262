package io.github.octomvn.octopus.client;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** An HTTP proxy for this client only, with Maven-style {@code nonProxyHosts} such as {@code *.corp|localhost}. */
public final class ProxySettings {

    private final String host;
    private final int port;
    private final String username;
    private final String password;
    private final List<String> nonProxyHosts;

    private ProxySettings(String host, int port, String username, String password, List<String> nonProxyHosts) {
        this.host = host;
        this.port = port;
        this.username = username;
        this.password = password;
        this.nonProxyHosts = nonProxyHosts;
    }

    /** A proxy without authentication and without exceptions. */
    public static ProxySettings of(String host, int port) {
        return builder(host, port).build();
    }

    public static Builder builder(String host, int port) {
        return new Builder(host, port);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public Optional<String> username() {
        return Optional.ofNullable(username);
    }

    /** The host patterns reached directly, lower case, e.g. {@code [*.corp, localhost]}. */
    public List<String> nonProxyHosts() {
        return nonProxyHosts;
    }

    /** True when {@code targetHost} matches a {@code nonProxyHosts} pattern and is reached directly. */
    public boolean bypasses(String targetHost) {
        String candidate = stripBrackets(targetHost.toLowerCase(Locale.ROOT));
        for (String pattern : nonProxyHosts) {
            if (matches(stripBrackets(pattern), candidate)) {
                return true;
            }
        }
        return false;
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    // Maven and the JDK accept '*' as a wildcard anywhere in the pattern (usually leading or trailing).
    private static boolean matches(String pattern, String host) {
        int star = pattern.indexOf('*');
        if (star < 0) {
            return pattern.equals(host);
        }
        String[] pieces = pattern.split("\\*", -1);
        if (!host.startsWith(pieces[0])) {
            return false;
        }
        int from = pieces[0].length();
        for (int i = 1; i < pieces.length - 1; i++) {
            int at = host.indexOf(pieces[i], from);
            if (at < 0) {
                return false;
            }
            from = at + pieces[i].length();
        }
        String last = pieces[pieces.length - 1];
        return host.length() - from >= last.length() && host.endsWith(last);
    }

    /** The preemptive {@code Proxy-Authorization} value, when credentials are configured. */
    Optional<String> basicAuthorization() {
        if (username == null) {
            return Optional.empty();
        }
        String pair = username + ":" + (password == null ? "" : password);
        return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }

    /** The proxy password, only for redacting it from messages. */
    Optional<String> password() {
        return Optional.ofNullable(password);
    }

    @Override
    public String toString() {
        return "ProxySettings[" + host + ":" + port + (username == null ? "" : ", user " + username + ", password ****")
                + (nonProxyHosts.isEmpty() ? "" : ", nonProxyHosts " + String.join("|", nonProxyHosts)) + "]";
    }

    /** Builds {@link ProxySettings}. */
    public static final class Builder {
        private final String host;
        private final int port;
        private String username;
        private String password;
        private final List<String> nonProxyHosts = new ArrayList<>();

        private Builder(String host, int port) {
            Objects.requireNonNull(host, "proxy host");
            if (host.trim().isEmpty()) {
                throw new IllegalArgumentException("The proxy host is empty");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("The proxy port must be between 1 and 65535, was " + port);
            }
            this.host = host.trim();
            this.port = port;
        }

        /** Basic proxy credentials, sent preemptively to the proxy (never to Octopus itself). */
        public Builder credentials(String username, String password) {
            this.username = Objects.requireNonNull(username, "proxy username");
            this.password = Objects.requireNonNull(password, "proxy password");
            return this;
        }

        /** Maven's {@code nonProxyHosts}: patterns separated by {@code |} or {@code ,}, {@code *} as wildcard. */
        public Builder nonProxyHosts(String patterns) {
            for (String pattern : patterns.split("[|,]")) {
                String trimmed = pattern.trim().toLowerCase(Locale.ROOT);
                if (!trimmed.isEmpty()) {
                    nonProxyHosts.add(trimmed);
                }
            }
            return this;
        }

        public ProxySettings build() {
            return new ProxySettings(
                    host, port, username, password, Collections.unmodifiableList(new ArrayList<>(nonProxyHosts)));
        }
    }
}
