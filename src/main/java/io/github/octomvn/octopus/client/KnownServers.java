package io.github.octomvn.octopus.client;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the servers of one build said before any work: each server's root document (version, capabilities), the
 * spaces resolved on it and, for an OIDC service account, its access token, kept per server URL and credential, so
 * that every connection of the build after the first asks none of it again (the token is still renewed before it
 * runs out). Connections with another URL or another credential (whose key may see other spaces) never share
 * an answer. Thread-safe: connections that ask the same question at once wait for one answer; a failure is not kept,
 * so the next connection asks again. Keep one per build, never longer, so that a later build sees a changed server.
 * Holds no secret: a credential is known here only by a digest.
 */
public final class KnownServers {
    private final Map<String, Server> servers = new ConcurrentHashMap<>();

    /** The answers of the server {@code settings} connect to, with {@code settings}' credential. */
    Server of(ServerSettings settings) {
        Objects.requireNonNull(settings, "settings");
        String key = settings.serverUrl() + "|" + settings.credential().identity();
        return servers.computeIfAbsent(key, k -> new Server());
    }

    /** How many server-and-credential pairs this build has spoken to: for tests of the sharing. */
    public int size() {
        return servers.size();
    }

    @Override
    public String toString() {
        return "KnownServers[" + servers.size() + "]";
    }

    /** What the root document says, as a connection needs it. */
    static final class Root {
        final String version;
        final Capabilities capabilities;
        final boolean spaceScopedLinks;

        Root(String version, Capabilities capabilities, boolean spaceScopedLinks) {
            this.version = version;
            this.capabilities = capabilities;
            this.spaceScopedLinks = spaceScopedLinks;
        }
    }

    /** A call to the server that answers once for the whole build. */
    @FunctionalInterface
    interface Ask<T> {
        T ask() throws OctopusException;
    }

    /** The answers of one server to one credential. */
    static final class Server {
        private final Object rootLock = new Object();
        private Root root;
        private final Map<String, Object> spaceLocks = new ConcurrentHashMap<>();
        private final Map<String, Space> spaces = new HashMap<>();
        /** The access token of an OIDC service account: exchanged once for every connection of the build. */
        final OidcSession.Tokens oidcTokens = new OidcSession.Tokens();

        /** The root document, read by {@code read} if no connection of this build has read it yet. */
        Root root(Ask<Root> read) throws OctopusException {
            synchronized (rootLock) {
                if (root == null) {
                    root = Objects.requireNonNull(read.ask(), "root");
                }
                return root;
            }
        }

        /** The space {@code wanted} names (empty: the default), resolved by {@code resolve} the first time. */
        Space space(String wanted, Ask<Space> resolve) throws OctopusException {
            // one lock per question: two spaces of one server are resolved side by side
            synchronized (spaceLocks.computeIfAbsent(wanted, w -> new Object())) {
                Space known;
                synchronized (spaces) {
                    known = spaces.get(wanted);
                }
                if (known == null) {
                    known = Objects.requireNonNull(resolve.ask(), "space");
                    synchronized (spaces) {
                        spaces.put(wanted, known);
                    }
                }
                return known;
            }
        }
    }
}
