package io.github.octomvn.octopus.client;

/**
 * A setting the user can change to fix a failure. Core messages name a setting in plain words
 * ({@link #assign}); the build tool's layer words it the way its users set it.
 */
public enum Setting {
    SERVER_URL("the server URL"),
    SPACE("the space"),
    OVERWRITE_MODE("the overwrite mode"),
    BUILD_INFORMATION_OVERWRITE_MODE("the build information overwrite mode"),
    TRUST_STORE("the trust store"),
    DELTA_COMPRESSION("delta compression"),
    SERVICE_ACCOUNT_ID("the service account id"),
    ID_TOKEN_VARIABLE("the ID token variable");

    private final String description;

    Setting(String description) {
        this.description = description;
    }

    /** The setting in plain words, e.g. {@code the overwrite mode}. */
    public String describe() {
        return description;
    }

    /** The setting given {@code value}, in plain words: {@code the overwrite mode OverwriteExisting}. */
    public String assign(String value) {
        return description + " " + value;
    }
}
