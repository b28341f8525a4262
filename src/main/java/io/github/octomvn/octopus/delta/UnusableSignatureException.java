package io.github.octomvn.octopus.delta;

/**
 * The server's signature cannot be used (malformed, unsupported algorithm, too large, unreadable): push the full
 * file instead (§5.3).
 */
public final class UnusableSignatureException extends Exception {

    private static final long serialVersionUID = 1L;

    UnusableSignatureException(String message) {
        super(message);
    }

    UnusableSignatureException(String message, Throwable cause) {
        super(message, cause);
    }
}
