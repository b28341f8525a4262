package io.github.octomvn.octopus.client;

import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Objects;
import java.util.Optional;

/** A key store of extra trusted certificates (an internal CA), trusted in addition to the JDK's defaults. */
public final class TrustStore {

    private final Path path;
    private final String password;
    private final String type;

    private TrustStore(Path path, String password, String type) {
        this.path = Objects.requireNonNull(path, "trust store path");
        this.password = password;
        this.type = Objects.requireNonNull(type, "trust store type");
    }

    /** A store of the JDK's default type (PKCS12 on current JDKs), without a password. */
    public static TrustStore of(Path path) {
        return new TrustStore(path, null, KeyStore.getDefaultType());
    }

    /** A store with its password (null: none) and type ({@code PKCS12} or {@code JKS}). */
    public static TrustStore of(Path path, String password, String type) {
        return new TrustStore(path, password, Objects.requireNonNull(type, "type"));
    }

    public Path path() {
        return path;
    }

    public String type() {
        return type;
    }

    Optional<String> password() {
        return Optional.ofNullable(password);
    }

    @Override
    public String toString() {
        return "TrustStore[" + path + ", " + type + (password == null ? "" : ", password ****") + "]";
    }
}
