package io.github.octomvn.octopus.pack;

/** A package could not be named or built; the message is one line saying what failed and how to fix it. */
public class PackagingException extends Exception {
    private static final long serialVersionUID = 1L;

    public PackagingException(String message) {
        super(message);
    }

    public PackagingException(String message, Throwable cause) {
        super(message, cause);
    }
}
