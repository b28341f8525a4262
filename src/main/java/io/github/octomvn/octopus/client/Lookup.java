package io.github.octomvn.octopus.client;

/** What looking a record up on the server said: found, absent, or not allowed to look (a 403). */
final class Lookup<T> {
    final T record;
    final OctopusException forbidden;

    Lookup(T record, OctopusException forbidden) {
        this.record = record;
        this.forbidden = forbidden;
    }

    boolean found() {
        return record != null;
    }

    boolean unknown() {
        return forbidden != null;
    }
}
