package io.github.octomvn.octopus.client;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/** A failure talking to Octopus, with a one-line message that says what failed and how to fix it. */
public class OctopusException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What kind of failure this is, for callers that react differently (e.g. fail vs. warn). */
    public enum Kind {
        /** HTTP 401: the API key or token is missing, wrong or expired. */
        AUTHENTICATION,
        /** HTTP 403: the credential's user lacks a permission. */
        PERMISSION,
        /** HTTP 404, or an unknown space. */
        NOT_FOUND,
        /** HTTP 409, or the package exists with different content. */
        CONFLICT,
        /** HTTP 400, or a request refused locally (bad file name, empty file, bad setting). */
        VALIDATION,
        /** HTTP 5xx or another unexpected answer. */
        SERVER,
        /** The server is not an Octopus server this client can speak to (API version, missing feature). */
        UNSUPPORTED_SERVER,
        /** Connection refused or reset, unknown host, proxy trouble. */
        NETWORK,
        /** The TLS handshake failed (untrusted certificate, host name mismatch, protocol). */
        TLS,
        /** No answer in time; for an upload the outcome was verified and is reported in the message. */
        TIMEOUT,
        /** The local package file could not be read. */
        LOCAL_FILE,
        /** The thread was interrupted while waiting. */
        INTERRUPTED
    }

    private final Kind kind;
    private final int status;
    // Transport-level facts the retry logic needs; not part of the public contract.
    private final transient boolean retryable;
    private final transient boolean mayHaveReachedServer;
    private final transient Duration retryAfter;
    private final Setting setting;
    private final String settingValue;

    /** A failure that is neither retryable nor tied to an HTTP status. */
    public OctopusException(Kind kind, String message) {
        this(kind, message, 0, false, false, null, null);
    }

    public OctopusException(
            Kind kind,
            String message,
            int status,
            boolean retryable,
            boolean mayHaveReachedServer,
            Duration retryAfter,
            Throwable cause) {
        this(kind, message, status, retryable, mayHaveReachedServer, retryAfter, cause, null, null);
    }

    private OctopusException(
            Kind kind,
            String message,
            int status,
            boolean retryable,
            boolean mayHaveReachedServer,
            Duration retryAfter,
            Throwable cause,
            Setting setting,
            String settingValue) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
        this.retryable = retryable;
        this.mayHaveReachedServer = mayHaveReachedServer;
        this.retryAfter = retryAfter;
        this.setting = setting;
        this.settingValue = settingValue;
    }

    /**
     * The same failure, naming the setting that fixes it; the message holds {@link Setting#assign}{@code (value)}
     * (or, without a value, {@link Setting#describe}) where it advises changing it.
     */
    public OctopusException blaming(Setting setting, String value) {
        OctopusException blamed = new OctopusException(
                kind, getMessage(), status, retryable, mayHaveReachedServer, retryAfter, getCause(), setting, value);
        blamed.setStackTrace(getStackTrace());
        return blamed;
    }

    /** The setting at fault, or whose change fixes this failure. */
    public Optional<Setting> setting() {
        return Optional.ofNullable(setting);
    }

    /** The value {@link #setting()} should get, if the message advises one. */
    public Optional<String> settingValue() {
        return Optional.ofNullable(settingValue);
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status the server answered with, if the failure came from an HTTP response. */
    public OptionalInt status() {
        return status == 0 ? OptionalInt.empty() : OptionalInt.of(status);
    }

    public boolean retryable() {
        return retryable;
    }

    /** True when the request may have been processed although no answer arrived (timeout, reset, 502/504). */
    public boolean mayHaveReachedServer() {
        return mayHaveReachedServer;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
