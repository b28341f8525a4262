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

    /** What to do when the retries are spent: a last check where the outcome is unknown, else the failure. */
    public interface GiveUp<R> {
        R after(OctopusException failure, int attempts, boolean mustVerify) throws OctopusException;
    }

    /**
     * Posts until {@code post} succeeds, a failure is final, or the policy's retries are spent. After an ambiguous
     * failure, {@code settled} (a lookup on the server) is asked first and ends the loop when the server already has
     * the result; it stays due until a lookup has answered.
     */
    public static <R> R run(
            JsonHttp json,
            String action,
            Consumer<String> warn,
            Call<R> post,
            Call<Optional<R>> settled,
            GiveUp<R> giveUp)
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
                    return giveUp.after(mustVerify && ambiguous != null ? ambiguous : e, attempt, mustVerify);
                }
                warn.accept(e.getMessage() + "; " + (mustVerify ? "will check whether the server stored it, and " : "")
                        + "retrying in " + JsonHttp.describe(pause.get()) + " (attempt " + (attempt + 1) + " of "
                        + policy.maxAttempts() + ")");
                json.pause(pause.get(), action);
                waited = waited.plus(pause.get());
            }
        }
    }
}
