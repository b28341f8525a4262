package io.github.octomvn.octopus.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * The JSON plumbing shared by every Octopus call (root document, spaces, packages, build information):
 * request headers, error translation and bounded retries of idempotent requests.
 */
public final class JsonHttp {

    private static final String BEARER = "Bearer ";

    /** One try of a retried operation; {@code attempt} counts from 1. */
    @FunctionalInterface
    public interface Attempt<T> {
        T run(int attempt) throws OctopusException;
    }

    private final HttpClient http;
    private final ServerSettings settings;
    private final Sleeper sleeper;
    private final Failures failures;
    /** Null unless the credential is an OIDC service account. */
    private final OidcSession oidc;

    JsonHttp(HttpClient http, ServerSettings settings, Sleeper sleeper, Failures failures) {
        this(http, settings, sleeper, failures, null);
    }

    JsonHttp(HttpClient http, ServerSettings settings, Sleeper sleeper, Failures failures, OidcSession oidc) {
        this.http = http;
        this.settings = settings;
        this.sleeper = sleeper;
        this.failures = failures;
        this.oidc = oidc;
    }

    public Failures failures() {
        return failures;
    }

    public ServerSettings settings() {
        return settings;
    }

    /**
     * A request to a client-built path with the user agent, the credential and any proxy credentials. With an OIDC
     * service account this may first exchange an ID token for a (new) access token, which can fail.
     */
    public HttpRequest.Builder request(String pathAndQuery, Duration timeout) throws OctopusException {
        URI uri = settings.resolve(pathAndQuery);
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("User-Agent", settings.userAgent())
                .header("Accept", "application/json");
        if (oidc != null) {
            builder.header("Authorization", BEARER + oidc.accessToken());
        } else {
            settings.credential().applyTo(builder);
        }
        settings.proxy()
                .filter(proxy -> !proxy.bypasses(uri.getHost()))
                .flatMap(ProxySettings::basicAuthorization)
                .ifPresent(value -> builder.header("Proxy-Authorization", value));
        return builder;
    }

    /**
     * Sends once; I/O trouble becomes an {@link OctopusException} that says whether a retry may help. With an OIDC
     * service account, a 401 to an access token the server accepted before (so it expired or was revoked on the
     * server) exchanges a new one and sends the request once more.
     */
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler, String action)
            throws OctopusException {
        HttpResponse<T> response = sendOnce(request, handler, action);
        if (oidc == null) {
            return response;
        }
        String token = request.headers()
                .firstValue("Authorization")
                .filter(value -> value.startsWith(BEARER))
                .map(value -> value.substring(BEARER.length()))
                .orElse("");
        if (response.statusCode() != 401) {
            oidc.accepted(token);
            return response;
        }
        if (!oidc.renewAfterRejection(token)) {
            return response;
        }
        discard(response);
        return sendOnce(withToken(request, oidc.accessToken()), handler, action);
    }

    private <T> HttpResponse<T> sendOnce(HttpRequest request, HttpResponse.BodyHandler<T> handler, String action)
            throws OctopusException {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw failures.fromIOException(action, request.uri(), request.timeout(), e);
        } catch (InterruptedException e) {
            throw failures.interrupted(action, e);
        }
    }

    private static void discard(HttpResponse<?> response) {
        if (response.body() instanceof AutoCloseable) {
            try {
                ((AutoCloseable) response.body()).close();
            } catch (Exception ignored) {
                // the 401's body is not needed
            }
        }
    }

    /** The same request with another access token (HttpRequest.newBuilder(request, filter) needs Java 16). */
    private static HttpRequest withToken(HttpRequest request, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri())
                .method(request.method(), request.bodyPublisher().orElse(HttpRequest.BodyPublishers.noBody()))
                .expectContinue(request.expectContinue());
        request.timeout().ifPresent(builder::timeout);
        request.version().ifPresent(builder::version);
        request.headers().map().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Authorization")) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        return builder.header("Authorization", BEARER + token).build();
    }

    /** {@code GET} a JSON document, retrying transient failures. */
    public JsonNode get(String pathAndQuery, String action, Consumer<String> notices) throws OctopusException {
        HttpRequest request =
                request(pathAndQuery, settings.requestTimeout()).GET().build();
        return retrying(action, notices, attempt -> {
            HttpResponse<byte[]> response = send(request, HttpResponse.BodyHandlers.ofByteArray(), action);
            return jsonOrThrow(response, action, null);
        });
    }

    /** {@code GET} a JSON document, empty on 404, retrying transient failures. */
    public Optional<JsonNode> find(String pathAndQuery, String action, Consumer<String> notices)
            throws OctopusException {
        return retrying(action, notices, attempt -> findOnce(pathAndQuery, action));
    }

    /** {@code GET} a JSON document once, empty on 404. */
    public Optional<JsonNode> findOnce(String pathAndQuery, String action) throws OctopusException {
        HttpRequest request =
                request(pathAndQuery, settings.requestTimeout()).GET().build();
        HttpResponse<byte[]> response = send(request, HttpResponse.BodyHandlers.ofByteArray(), action);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        return Optional.of(jsonOrThrow(response, action, null));
    }

    /**
     * {@code POST} a JSON body. Only failures that cannot have reached the server (connection refused, 503,
     * 429, 408) are retried, since a POST is not known to be idempotent.
     */
    public JsonNode post(
            String pathAndQuery, Object body, String action, Consumer<String> notices, IntFunction<String> hints)
            throws OctopusException {
        byte[] bytes = Json.bytes(body);
        HttpRequest request = request(pathAndQuery, settings.requestTimeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build();
        return retrying(action, notices, attempt -> {
            try {
                HttpResponse<byte[]> response = send(request, HttpResponse.BodyHandlers.ofByteArray(), action);
                return jsonOrThrow(response, action, hints);
            } catch (OctopusException e) {
                throw e.mayHaveReachedServer() ? notRetryable(e) : e;
            }
        });
    }

    private static OctopusException notRetryable(OctopusException e) {
        return new OctopusException(e.kind(), e.getMessage(), e.status().orElse(0), false, true, null, e.getCause());
    }

    /** A 2xx JSON body, or the server's error as an exception. */
    JsonNode jsonOrThrow(HttpResponse<byte[]> response, String action, IntFunction<String> hints)
            throws OctopusException {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return Json.parse(response.body())
                    .orElseThrow(() -> new OctopusException(
                            OctopusException.Kind.SERVER,
                            action + " failed: HTTP " + status + " with a body that is not JSON ("
                                    + Failures.serverText(response.headers(), response.body())
                                    + "). Check that " + failures.server() + " is an Octopus server"));
        }
        throw failures.fromResponse(action, status, response.headers(), response.body(), hints);
    }

    /** Runs {@code attempt} under the settings' retry policy, telling {@code notices} about every retry. */
    public <T> T retrying(String action, Consumer<String> notices, Attempt<T> attempt) throws OctopusException {
        return retrying(settings.retryPolicy(), action, notices, attempt);
    }

    <T> T retrying(RetryPolicy policy, String action, Consumer<String> notices, Attempt<T> attempt)
            throws OctopusException {
        Duration waited = Duration.ZERO;
        for (int n = 1; ; n++) {
            try {
                return attempt.run(n);
            } catch (OctopusException e) {
                if (!e.retryable()) {
                    throw e;
                }
                Optional<Duration> pause = policy.pauseBefore(n + 1, e.retryAfter(), waited);
                if (pause.isEmpty()) {
                    throw Failures.exhausted(e, n);
                }
                notices.accept(e.getMessage() + "; retrying in " + describe(pause.get()) + " (attempt " + (n + 1)
                        + " of " + policy.maxAttempts() + ")");
                pause(pause.get(), action);
                waited = waited.plus(pause.get());
            }
        }
    }

    public void pause(Duration pause, String action) throws OctopusException {
        try {
            sleeper.sleep(pause);
        } catch (InterruptedException e) {
            throw failures.interrupted(action, e);
        }
    }

    public static String describe(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? (millis / 1000) + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
