package io.github.octomvn.octopus.testserver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * The switchable faults; safe to change from any thread (tests, Groovy scripts). Rules answer matching requests
 * before any route sees them; the one-shot flags are taken by the routes they concern.
 */
final class Faults {

    /** One "fail the next N matching requests" rule; status 0 never answers. */
    static final class FailRule {
        final String method;
        final AtomicInteger remaining;
        final int status;
        final Pattern path;
        final int retryAfterSeconds;
        final String contentType;
        final String body;

        FailRule(
                String method,
                int count,
                int status,
                String pathPattern,
                int retryAfterSeconds,
                String contentType,
                String body) {
            this.method = method;
            this.remaining = new AtomicInteger(count);
            this.status = status;
            this.path = Pattern.compile(pathPattern == null ? "" : pathPattern);
            this.retryAfterSeconds = retryAfterSeconds;
            this.contentType = contentType;
            this.body = body;
        }

        /** Answers as this fault: exactly the given body, else what an nginx or Octopus in that state sends. */
        void answer(Exchange ex) throws IOException {
            if (status == 0) {
                throw new Exchange.Hang();
            }
            // An injected fault reads the whole body first, so the client always sees the answer (not a reset
            // when it is still sending): tests then fail deterministically, whatever the package size.
            if (!HttpWire.drain(ex.body, Long.MAX_VALUE)) {
                ex.closeAfter = true;
            }
            Map<String, String> headers = new LinkedHashMap<>();
            if (retryAfterSeconds >= 0) {
                headers.put("Retry-After", Integer.toString(retryAfterSeconds));
            }
            if (body != null) {
                headers.put("Content-Type", contentType);
                ex.respond(status, headers, body.getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (status == 502 || status == 504) {
                headers.put("Content-Type", "text/html");
                String title = status + " " + HttpWire.reason(status);
                ex.respond(
                        status,
                        headers,
                        ("<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n"
                                        + "<center><h1>" + title
                                        + "</h1></center>\r\n<hr><center>nginx/1.25.3</center>\r\n"
                                        + "</body>\r\n</html>\r\n")
                                .getBytes(StandardCharsets.UTF_8));
                return;
            }
            headers.putAll(JsonRendering.jsonType());
            ex.respond(status, headers, JsonRendering.errorBody(message(status)));
        }

        private static String message(int status) {
            switch (status) {
                case 503:
                    return "Octopus Server is starting. Please try again in a moment.";
                case 500:
                    return "An unexpected error occurred in Octopus Server.";
                case 429:
                    return "Too many requests. Please slow down.";
                default:
                    return "Fault injected by the test server.";
            }
        }
    }

    private final List<FailRule> rules = new ArrayList<>();
    final AtomicLong dropAfter = new AtomicLong(-1);
    final AtomicBoolean hangAfterStore = new AtomicBoolean();
    final AtomicBoolean dropAfterStore = new AtomicBoolean();
    final AtomicBoolean dropAfterStoreBuildInformation = new AtomicBoolean();
    final AtomicBoolean hangAfterStoreBuildInformation = new AtomicBoolean();
    final AtomicBoolean dropAfterStoreRelease = new AtomicBoolean();
    final AtomicBoolean hangAfterStoreRelease = new AtomicBoolean();
    final AtomicBoolean dropAfterStoreDeployment = new AtomicBoolean();
    final AtomicBoolean hangAfterStoreDeployment = new AtomicBoolean();
    volatile long delayMillis;
    /** Set: each package upload waits at it until the latch's count of uploads is in flight at once. */
    final AtomicReference<CountDownLatch> uploadRendezvous = new AtomicReference<>();
    /** Set: each build information lookup waits at it until the latch's count of lookups is in flight at once. */
    final AtomicReference<CountDownLatch> lookupRendezvous = new AtomicReference<>();

    synchronized void add(FailRule rule) {
        rules.add(rule);
    }

    /** The first rule with requests left that matches, one request used up; empty when none. */
    synchronized Optional<FailRule> take(String method, String path) {
        for (FailRule rule : rules) {
            if (rule.remaining.get() > 0
                    && (rule.method == null || rule.method.equalsIgnoreCase(method))
                    && rule.path.matcher(path).find()) {
                rule.remaining.decrementAndGet();
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    synchronized void clear() {
        rules.clear();
        dropAfter.set(-1);
        hangAfterStore.set(false);
        dropAfterStore.set(false);
        dropAfterStoreBuildInformation.set(false);
        hangAfterStoreBuildInformation.set(false);
        dropAfterStoreRelease.set(false);
        hangAfterStoreRelease.set(false);
        dropAfterStoreDeployment.set(false);
        hangAfterStoreDeployment.set(false);
        delayMillis = 0;
        uploadRendezvous.set(null);
        lookupRendezvous.set(null);
    }
}
