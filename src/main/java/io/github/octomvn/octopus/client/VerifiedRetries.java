package io.github.octomvn.octopus.client;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The retry loop of a POST whose outcome can be ambiguous (a timeout or a reset after the body went out): before
 * sending again it asks the server whether the earlier attempt was stored, so nothing is lost or stored twice.
 * Uploads and build information share it.
 */
public final class VerifiedRetries {
    private VerifiedRetries() {}

    /** One request, or one check. */
    public interface Call<R> {
        R run() throws OctopusException;
    }

    /** What the POST stores, for the message when its fate stays unknown. */
    public static final class Subject {
        final String what;
        final String identical;

        /**
         * @param what what the POST stores, e.g. {@code the package}
         * @param identical how a re-run recognises it, e.g. {@code an identical package}
         */
        public Subject(String what, String identical) {
            this.what = what;
            this.identical = identical;
        }
    }

    /**
     * Posts until {@code post} succeeds, a failure is final, or the policy's retries are spent. After an ambiguous
     * failure, {@code settled} (a lookup on the server) is asked first and ends the loop when the server already has
     * the result; it stays due until a lookup has answered. When the retries are spent after an ambiguous failure,
     * a last lookup decides; a conflict it finds is the answer, any other failure of it leaves the outcome unknown.
     */
    public static <R> R run(
            JsonHttp json,
            String action,
            Consumer<String> warn,
            Subject subject,
            Call<R> post,
            Call<Optional<R>> settled)
            throws OctopusException {
        RetryPolicy policy = json.settings().retryPolicy();
        Duration waited = Duration.ZERO;
        boolean mustVerify = false;
        OctopusException ambiguous = null;
        for (int attempt = 1; ; attempt++) {
            try {
                if (mustVerify) {
                    Optional<R> done = settled.run();
                    mustVerify = false;
                    if (done.isPresent()) {
                        return done.get();
                    }
                }
                try {
                    return post.run();
                } catch (OctopusException e) {
                    if (e.mayHaveReachedServer()) {
                        ambiguous = e;
                    }
                    throw e;
                }
            } catch (OctopusException e) {
                mustVerify |= e.mayHaveReachedServer();
                if (!e.retryable()) {
                    throw e;
                }
                Optional<Duration> pause = policy.pauseBefore(attempt + 1, e.retryAfter(), waited);
                if (pause.isEmpty()) {
                    return giveUp(
                            mustVerify && ambiguous != null ? ambiguous : e, attempt, mustVerify, subject, settled);
                }
                warn.accept(e.getMessage() + "; " + (mustVerify ? "will check whether the server stored it, and " : "")
                        + "retrying in " + JsonHttp.describe(pause.get()) + " (attempt " + (attempt + 1) + " of "
                        + policy.maxAttempts() + ")");
                json.pause(pause.get(), action);
                waited = waited.plus(pause.get());
            }
        }
    }

    private static <R> R giveUp(
            OctopusException failure, int attempts, boolean mustVerify, Subject subject, Call<Optional<R>> settled)
            throws OctopusException {
        if (mustVerify) {
            try {
                Optional<R> done = settled.run();
                if (done.isPresent()) {
                    return done.get();
                }
            } catch (OctopusException checkFailed) {
                if (checkFailed.kind() == OctopusException.Kind.CONFLICT) {
                    throw checkFailed;
                }
                throw new OctopusException(
                        failure.kind(),
                        failure.getMessage() + " (gave up after " + attempts + " attempts; whether the server"
                                + " stored " + subject.what + " could not be checked: run the build again, "
                                + subject.identical + " is then recognised)",
                        failure.status().orElse(0),
                        false,
                        true,
                        null,
                        checkFailed);
            }
        }
        throw Failures.exhausted(failure, attempts);
    }
}
