package io.github.octomvn.octopus.pack;

import java.util.List;

/**
 * A package could not be named or built; the message is one line saying what failed and how to fix it. The fix
 * names what the user changes or runs as a {@link Remedy}, in plain words; the build tool's layer words it as its
 * users do (a parameter, a property, a command line).
 */
public class PackagingException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What the user does to fix a packaging failure; the message holds its {@link #text()}. */
    public enum Remedy {
        SET_PACKAGE_ID("set the package ID"),
        SET_VERSION("Set the version, e.g. 1.2.3"),
        CHECK_PACKAGES("Check the package files named to push"),
        /** Longer than, and containing, {@link #PACKAGING_BUILD}'s text: replace it first. */
        BUILD_THEN_PACK("the packaging build, then pack"),
        PACKAGING_BUILD("the packaging build");

        private final String text;

        Remedy(String text) {
            this.text = text;
        }

        /** The remedy in plain words, as the message says it. */
        public String text() {
            return text;
        }
    }

    private final List<Remedy> remedies;

    public PackagingException(String message, Remedy... remedies) {
        super(message);
        this.remedies = List.of(remedies);
    }

    public PackagingException(String message, Throwable cause, Remedy... remedies) {
        super(message, cause);
        this.remedies = List.of(remedies);
    }

    /** The remedies the message advises, in the order of {@link Remedy}. */
    public List<Remedy> remedies() {
        return remedies;
    }
}
