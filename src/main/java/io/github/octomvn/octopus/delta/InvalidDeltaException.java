package io.github.octomvn.octopus.delta;

/** A delta the applier refuses: malformed, inconsistent with the base file, or rebuilding a file of the wrong hash. */
public final class InvalidDeltaException extends Exception {

    private static final long serialVersionUID = 1L;

    InvalidDeltaException(String message) {
        super(message);
    }
}
