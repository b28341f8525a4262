package io.github.octomvn.octopus.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.octomvn.octopus.client.OctopusException.Kind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/** Turns HTTP answers and I/O errors into one-line {@link OctopusException}s that never contain a secret. */
public final class Failures {

    public static final int MAX_RAW_BODY_CHARS = 200;
    private static final Pattern QUALIFIED_EXCEPTION =
            Pattern.compile("\\b(?:[a-z][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error): ");
    private static final Pattern MISSING_PERMISSION = Pattern.compile("Missing permission:\\s*([A-Za-z]+)");

    private final ServerSettings settings;
    private final Clock clock;
    // Tokens met on the way (OIDC ID and access tokens), longest first so that no part of one is left behind.
    private final Set<String> secrets = new ConcurrentSkipListSet<>(
            Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));

    Failures(ServerSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** One more secret that no message may contain, e.g. an access token obtained by the OIDC exchange. */
    void remember(String secret) {
        if (secret != null && secret.trim().length() >= 4) {
            secrets.add(secret.trim());
        }
    }

    public String server() {
        return settings.serverUrl().toString();
    }

    /** An HTTP answer that is not a success. {@code hints} may give a better hint per status, or null. */
    public OctopusException fromResponse(
            String action, int status, HttpHeaders headers, byte[] body, IntFunction<String> hints) {
        String serverText = serverText(headers, body);
        String hint = hints == null ? null : hints.apply(status);
        if (hint == null) {
            hint = defaultHint(status, serverText);
        }
        StringBuilder message =
                new StringBuilder(action).append(" failed: HTTP ").append(status);
        String reason = reasonPhrase(status);
        if (!reason.isEmpty()) {
            message.append(' ').append(reason);
        }
        if (!serverText.isEmpty()) {
            message.append(": ").append(serverText);
        }
        if (!hint.isEmpty()) {
            message.append(endsSentence(message) ? " " : ". ").append(hint);
        }
        boolean retryable = status == 408 || status == 429 || status == 502 || status == 503 || status == 504;
        // A gateway error may come after the server behind the proxy handled the request.
        boolean mayHaveReached = status == 502 || status == 504;
        return new OctopusException(
                kindOf(status),
                oneLine(message.toString()),
                status,
                retryable,
                mayHaveReached,
                retryAfter(headers).orElse(null),
                null);
    }

    /** An exception from {@code HttpClient.send}. */
    public OctopusException fromIOException(String action, URI target, IOException e) {
        return fromIOException(action, target, Optional.empty(), e);
    }

    /** As above; {@code timeout} is the request's own, named when it ran out so that the user knows what to raise. */
    public OctopusException fromIOException(String action, URI target, Optional<Duration> timeout, IOException e) {
        String host = target.getHost() + ":" + port(target);
        String via = settings.proxy()
                .filter(p -> !p.bypasses(target.getHost()))
                .map(p -> " through proxy " + p.host() + ":" + p.port())
                .orElse("");
        if (has(e, HttpConnectTimeoutException.class)) {
            return network(
                    Kind.TIMEOUT,
                    action + " failed: no connection to " + host + via + " within " + seconds(settings.connectTimeout())
                            + ". Check the server URL, firewalls and proxy settings",
                    true,
                    false,
                    e);
        }
        if (has(e, UnresolvedAddressException.class) || has(e, UnknownHostException.class)) {
            String unresolved =
                    via.isEmpty() ? target.getHost() : settings.proxy().get().host();
            return network(
                    Kind.NETWORK,
                    action + " failed: cannot resolve host name '" + unresolved + "'. Check the "
                            + (via.isEmpty() ? "server URL " + server() : "proxy host") + " and DNS",
                    false,
                    false,
                    e);
        }
        if (has(e, SSLHandshakeException.class) || has(e, SSLException.class)) {
            return network(Kind.TLS, action + " failed: " + tlsAdvice(e), false, false, e);
        }
        if (has(e, ConnectException.class)) {
            String message = via.isEmpty()
                    ? "connection refused by " + host + ". Check the server URL " + server()
                            + " and that Octopus is running"
                    : "connection refused by proxy " + settings.proxy().get().host() + ":"
                            + settings.proxy().get().port() + ". Check the proxy settings";
            return network(Kind.NETWORK, action + " failed: " + message, true, false, e);
        }
        if (e instanceof HttpTimeoutException) {
            return network(
                    Kind.TIMEOUT,
                    action + " failed: no answer from " + host + via + " in time ("
                            + timeout.map(d -> "waited " + seconds(d) + "; ").orElse("")
                            + "the timeout can be raised)",
                    true,
                    true,
                    e);
        }
        String detail = describe(e);
        return network(
                Kind.NETWORK,
                action + " failed: the connection to " + host + via + " broke (" + detail + ")",
                true,
                true,
                e);
    }

    public OctopusException interrupted(String action, InterruptedException e) {
        Thread.currentThread().interrupt();
        return new OctopusException(Kind.INTERRUPTED, action + " was interrupted", 0, false, false, null, e);
    }

    /** Rebuilds {@code e} with an explanation that retries did not help. */
    public static OctopusException exhausted(OctopusException e, int attempts) {
        if (attempts <= 1) {
            return e;
        }
        OctopusException exhausted = new OctopusException(
                e.kind(),
                e.getMessage() + " (gave up after " + attempts + " attempts)",
                e.status().orElse(0),
                false,
                e.mayHaveReachedServer(),
                null,
                e);
        return e.setting().isPresent()
                ? exhausted.blaming(e.setting().get(), e.settingValue().orElse(null))
                : exhausted;
    }

    private OctopusException network(
            Kind kind, String message, boolean retryable, boolean mayHaveReached, IOException cause) {
        return new OctopusException(kind, oneLine(message), 0, retryable, mayHaveReached, null, cause);
    }

    private String tlsAdvice(IOException e) {
        String detail = describe(e);
        String lower = detail.toLowerCase(Locale.ROOT);
        String problem;
        if (lower.contains("pkix") || lower.contains("certification path") || lower.contains("unable to find valid")) {
            problem = "the certificate of " + server() + " is not trusted";
        } else if (lower.contains("subject alternative") || lower.contains("no name matching")) {
            problem = "the certificate of " + server() + " does not name its host";
        } else if (lower.contains("unrecognized ssl message") || lower.contains("plaintext")) {
            problem = server() + " does not speak TLS on that port (http:// instead of https://?)";
        } else {
            problem = "the TLS handshake with " + server() + " failed";
        }
        return problem + " (" + detail + "). If Octopus uses a certificate from an internal CA, configure a trust store"
                + " containing that CA; the insecure option disables all checks and is for tests only";
    }

    // Walk the cause chain: HttpClient wraps the interesting exception one or two levels deep.
    private static boolean has(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    static String describe(Throwable e) {
        List<String> parts = new ArrayList<>();
        for (Throwable t = e; t != null && parts.size() < 3; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage();
            String text = m == null || m.trim().isEmpty() ? t.getClass().getSimpleName() : m.trim();
            if (parts.isEmpty() || !parts.get(parts.size() - 1).contains(text)) {
                parts.add(text);
            }
        }
        // JDK messages embed nested exceptions' class names ("sun.security...SunCertPathBuilderException: ..."),
        // which mean nothing to a user.
        return QUALIFIED_EXCEPTION.matcher(String.join(": ", parts)).replaceAll("");
    }

    private static int port(URI uri) {
        if (uri.getPort() > 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.getSeconds() + " s" : d.toMillis() + " ms";
    }

    /** {@code ErrorMessage}, each {@code Errors[]} entry and {@code HelpText}; or the raw body, truncated. */
    public static String serverText(HttpHeaders headers, byte[] body) {
        Optional<JsonNode> json = Json.parse(body).filter(JsonNode::isObject);
        if (json.isPresent()) {
            List<String> parts = new ArrayList<>();
            Json.text(json.get(), "ErrorMessage").ifPresent(parts::add);
            Json.field(json.get(), "Errors")
                    .filter(JsonNode::isArray)
                    .ifPresent(errors -> errors.forEach(err -> {
                        if (err.isValueNode() && !err.asText().trim().isEmpty()) {
                            parts.add(err.asText());
                        }
                    }));
            Json.text(json.get(), "HelpText").ifPresent(parts::add);
            if (!parts.isEmpty()) {
                StringBuilder text = new StringBuilder();
                for (String part : parts) {
                    String clean = collapse(part);
                    if (text.length() > 0) {
                        text.append(endsSentence(text) ? " " : "; ");
                    }
                    text.append(clean);
                }
                return text.toString();
            }
        }
        String raw = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        String contentType = headers.firstValue("Content-Type").orElse("");
        if (contentType.contains("html") || raw.trim().startsWith("<")) {
            raw = raw.replaceAll("(?is)<(script|style)[^>]*>.*?</\\1>", " ").replaceAll("<[^>]*>", " ");
        }
        String collapsed = collapse(raw);
        return collapsed.length() > MAX_RAW_BODY_CHARS ? collapsed.substring(0, MAX_RAW_BODY_CHARS) + "..." : collapsed;
    }

    private String defaultHint(int status, String serverText) {
        switch (status) {
            case 401:
                Credential credential = settings.credential();
                if (credential.isOidc()) {
                    return "The access token from " + credential.source().orElse("OIDC") + " was refused: check that"
                            + " the service account is enabled and still has its OpenID Connect identity";
                }
                return credential
                        .source()
                        .map(source -> "Check the " + credential.kind() + " (" + credential.masked() + ") from "
                                + source + ": it may be wrong, expired or revoked")
                        .orElse("Check the " + credential.kind() + " (" + credential.masked() + "): it may be wrong,"
                                + " expired or revoked");
            case 403:
                Matcher m = MISSING_PERMISSION.matcher(serverText);
                return m.find()
                        ? "Ask an Octopus administrator to grant " + m.group(1)
                                + " to the user or service account of this API key"
                        : "The API key's user lacks a permission; ask an Octopus administrator";
            case 404:
                return "Check the server URL " + server() + " (including any virtual directory) and the space";
            case 409:
                return "Choose an overwrite mode: IgnoreIfExists keeps the stored package, OverwriteExisting replaces it";
            case 400:
                return "The server refused the request as invalid";
            case 407:
                boolean tunnel = settings.serverUrl().getScheme().equals("https");
                if (tunnel && settings.proxy().flatMap(ProxySettings::username).isPresent()) {
                    // The JDK drops Basic credentials on CONNECT unless the JVM is told otherwise (net.properties).
                    return "The JDK sends Basic proxy credentials through HTTPS tunnels only when Maven runs with"
                            + " -Djdk.http.auth.tunneling.disabledSchemes= (e.g. in MAVEN_OPTS); check the proxy user"
                            + " name and password too";
                }
                return "The proxy requires authentication: configure the proxy user name and password";
            case 408:
            case 429:
            case 502:
            case 503:
            case 504:
                return "The server or a proxy in front of it is busy or unavailable; try again later";
            default:
                return status >= 500 ? "The Octopus server failed; its server log has the details" : "";
        }
    }

    private static Kind kindOf(int status) {
        switch (status) {
            case 400:
            case 422:
                return Kind.VALIDATION;
            case 401:
            case 407:
                return Kind.AUTHENTICATION;
            case 403:
                return Kind.PERMISSION;
            case 404:
            case 410:
                return Kind.NOT_FOUND;
            case 409:
                return Kind.CONFLICT;
            case 408:
            case 504:
                return Kind.TIMEOUT;
            default:
                return Kind.SERVER;
        }
    }

    public Optional<Duration> retryAfter(HttpHeaders headers) {
        Optional<String> value = headers.firstValue("Retry-After").map(String::trim);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            long seconds = Long.parseLong(value.get());
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.get(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration until = Duration.between(clock.instant(), at.toInstant());
                return Optional.of(until.isNegative() ? Duration.ZERO : until);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    /** Removes the credential and proxy password should a server ever echo them, and joins lines. */
    public String redact(String text) {
        Credential credential = settings.credential();
        String result = credential
                .secret()
                .map(secret -> text.replace(secret, credential.masked()))
                .orElse(text);
        for (String secret : secrets) {
            result = result.replace(secret, "****");
        }
        Optional<String> proxyPassword = settings.proxy().flatMap(ProxySettings::password);
        if (proxyPassword.isPresent() && !proxyPassword.get().isEmpty()) {
            result = result.replace(proxyPassword.get(), "****");
        }
        return result;
    }

    private String oneLine(String text) {
        return collapse(redact(text));
    }

    public static String collapse(String text) {
        return text.replaceAll("\\s+", " ").trim();
    }

    private static boolean endsSentence(CharSequence text) {
        if (text.length() == 0) {
            return false;
        }
        char last = text.charAt(text.length() - 1);
        return last == '.' || last == '!' || last == '?' || last == ':';
    }

    public static String reasonPhrase(int status) {
        switch (status) {
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
            case 408:
                return "Request Timeout";
            case 409:
                return "Conflict";
            case 413:
                return "Payload Too Large";
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
                return "";
        }
    }
}
