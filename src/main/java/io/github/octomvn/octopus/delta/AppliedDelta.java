package io.github.octomvn.octopus.delta;

/** What applying a delta rebuilt: the new file's size and its SHA-1, already checked against the delta header. */
public final class AppliedDelta {

    private final long size;
    private final String sha1;

    AppliedDelta(long size, String sha1) {
        this.size = size;
        this.sha1 = sha1;
    }

    public long size() {
        return size;
    }

    /** Lower-case hex SHA-1 of the rebuilt file. */
    public String sha1() {
        return sha1;
    }

    @Override
    public String toString() {
        return size + " bytes, sha1 " + sha1;
    }
}
