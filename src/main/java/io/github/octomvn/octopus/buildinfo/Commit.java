package io.github.octomvn.octopus.buildinfo;

import java.util.Objects;

/** One commit as Octopus build information carries it: full id and the message exactly as committed. */
public final class Commit {
    private final String id;
    private final String comment;

    public Commit(String id, String comment) {
        this.id = Objects.requireNonNull(id, "id");
        this.comment = Objects.requireNonNull(comment, "comment");
        if (id.isBlank()) {
            throw new IllegalArgumentException("Commit id must not be blank");
        }
    }

    public String id() {
        return id;
    }

    public String comment() {
        return comment;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Commit)) {
            return false;
        }
        Commit other = (Commit) o;
        return id.equals(other.id) && comment.equals(other.comment);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, comment);
    }

    @Override
    public String toString() {
        int newline = comment.indexOf('\n');
        return id + " " + (newline < 0 ? comment : comment.substring(0, newline));
    }
}
