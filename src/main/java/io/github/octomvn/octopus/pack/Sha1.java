package io.github.octomvn.octopus.pack;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-1 as Octopus records a package's: in lowercase hex, of a file read once. */
public final class Sha1 {
    private Sha1() {}

    /** A fresh SHA-1 digest. */
    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform must support SHA-1", e);
        }
    }

    /** Lowercase hex, two digits a byte. */
    public static String hex(byte[] bytes) {
        StringBuilder text = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            text.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return text.toString();
    }

    /**
     * The SHA-1 of {@code file}. An interrupt stops it with an {@link InterruptedIOException}: a build being stopped,
     * or a hash no longer needed (a delta push that went another way), need not wait for a large file's last byte.
     */
    public static String of(Path file) throws IOException {
        MessageDigest digest = digest();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException("interrupted while computing the SHA-1 of " + file);
                }
                digest.update(buffer, 0, n);
            }
        }
        return hex(digest.digest());
    }
}
