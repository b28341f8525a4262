package io.github.octomvn.octopus.client;

import java.util.Optional;

/** What looking a record up on the server said: found, absent, or not allowed to look (a 403). */
public final class Lookup<T> {
    public final T record;
    public final OctopusException forbidden;

    public Lookup(T record, OctopusException forbidden) {
        this.record = record;
        this.forbidden = forbidden;
    }

    /** Runs a lookup; a 403 (a key that may push but not read) makes the answer unknown rather than an error. */
    public static <T> Lookup<T> attempt(VerifiedRetries.Call<Optional<T>> find) throws OctopusException {
        try {
            return new Lookup<>(find.run().orElse(null), null);
        } catch (OctopusException e) {
            if (e.kind() == OctopusException.Kind.PERMISSION) {
                return new Lookup<>(null, e);
            }
            throw e;
        }
    }

    public boolean found() {
        return record != null;
    }

    public boolean unknown() {
        return forbidden != null;
    }
}
