package io.github.octomvn.octopus.maven;

import io.github.octomvn.octopus.client.OctopusException;
import io.github.octomvn.octopus.client.Setting;
import io.github.octomvn.octopus.pack.PackagingException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;

/**
 * The one place where core exceptions become Maven's: the core's one actionable line, with the setting it names
 * worded as a Maven user sets it ({@code <overwriteMode>} / {@code -Doctopus.overwriteMode}).
 * {@link MojoFailureException} for what the user's configuration can fix, {@link MojoExecutionException} for
 * failures of the server, the network or the disk.
 */
public final class ErrorTranslator {
    private ErrorTranslator() {}

    /**
     * Throws the {@link MojoFailureException} for a failure the configuration can fix, else returns the
     * {@link MojoExecutionException} to throw: {@code throw ErrorTranslator.of(e);}.
     */
    static MojoExecutionException of(OctopusException e) throws MojoFailureException {
        String message = message(e);
        if (isConfiguration(e)) {
            throw keeping(new MojoFailureException(message), e);
        }
        return keeping(new MojoExecutionException(message), e);
    }

    /** {@code e} as the {@link MojoFailureException} of a configuration the user fixes, whatever its kind. */
    static MojoFailureException failure(OctopusException e) {
        return keeping(new MojoFailureException(message(e)), e);
    }

    /** A package or version the configuration got wrong, or a file it names that is not there. */
    static MojoFailureException of(PackagingException e) {
        return keeping(new MojoFailureException(message(e)), e);
    }

    /**
     * Keeps {@code e} for {@code -e} and {@code -X} stack traces as a suppressed exception, not as the cause: Maven
     * appends the message of every cause that the line does not already contain, which would print the core's
     * wording after the Maven wording and end network failures with "ConnectException: ClosedChannelException".
     */
    private static <T extends Exception> T keeping(T mojoException, Exception e) {
        mojoException.addSuppressed(e);
        return mojoException;
    }

    /** The line a Maven user sees for {@code e}: its remedies worded as Maven users run or set them. */
    public static String message(PackagingException e) {
        String message = e.getMessage();
        for (PackagingException.Remedy remedy : PackagingException.Remedy.values()) {
            int at = e.remedies().contains(remedy) ? message.lastIndexOf(remedy.text()) : -1;
            if (at >= 0) {
                message = message.substring(0, at)
                        + maven(remedy)
                        + message.substring(at + remedy.text().length());
            }
        }
        return message;
    }

    private static String maven(PackagingException.Remedy remedy) {
        switch (remedy) {
            case SET_PACKAGE_ID:
                return "set <packageId> or -Doctopus.packageId=...";
            case SET_VERSION:
                return "Set <version> or -Doctopus.version=1.2.3";
            case CHECK_PACKAGES:
                return "Check -Doctopus.packages";
            case BUILD_THEN_PACK:
                return "mvn package octopus:pack";
            case PACKAGING_BUILD:
                return "mvn package";
            default:
                throw new IllegalStateException("No Maven wording for " + remedy);
        }
    }

    /** A value of {@code setting} the core refused ({@code e} says why). */
    static MojoFailureException invalid(Setting setting, IllegalArgumentException e) {
        return keeping(new MojoFailureException(e.getMessage() + fixSuffix(setting)), e);
    }

    /** The line a Maven user sees for {@code e}. */
    public static String message(OctopusException e) {
        String message = e.getMessage();
        if (e.setting().isPresent()) {
            Setting setting = e.setting().get();
            message = e.settingValue()
                    .map(value -> e.getMessage().replace(setting.assign(value), assignment(setting, value)))
                    .orElse(message);
            if (e.settingValue().isEmpty()) {
                message += whereToSet(setting);
            }
        }
        if (e.kind() == OctopusException.Kind.TLS) {
            // the core knows no parameter names; say which ones hold the trust store here
            message +=
                    " (<trustStore> or -Doctopus.trustStore=ca.p12, with -Doctopus.trustStorePassword if it has one)";
        }
        return message;
    }

    private static boolean isConfiguration(OctopusException e) {
        switch (e.kind()) {
            case AUTHENTICATION:
            case CONFLICT:
            case VALIDATION:
            case TLS:
                return true;
            default:
                return e.setting().isPresent();
        }
    }

    /** Where a Maven user sets {@code setting}, for messages that advise changing it without a value. */
    private static String whereToSet(Setting setting) {
        switch (setting) {
            case SERVICE_ACCOUNT_ID:
                return " (<serviceAccountId>, -Doctopus.serviceAccountId or OCTOPUS_SERVICE_ACCOUNT_ID)";
            case ID_TOKEN_VARIABLE:
                return " (<idTokenVariable> or -Doctopus.idTokenVariable=NAME)";
            default:
                return "";
        }
    }

    /** How a Maven user gives {@code setting} the value {@code value}. */
    private static String assignment(Setting setting, String value) {
        switch (setting) {
            case OVERWRITE_MODE:
                return "<overwriteMode>" + value + "</overwriteMode> or -Doctopus.overwriteMode=" + value;
            case BUILD_INFORMATION_OVERWRITE_MODE:
                return "-Doctopus.buildInformation.overwriteMode=" + value;
            case SERVER_URL:
                return "<serverUrl>" + value + "</serverUrl> or -Doctopus.serverUrl=" + value;
            case SPACE:
                return "<space>" + value + "</space> or -Doctopus.space=" + value;
            case TRUST_STORE:
                return "<trustStore>" + value + "</trustStore> or -Doctopus.trustStore=" + value;
            case DELTA_COMPRESSION:
                return "<deltaCompression>" + value + "</deltaCompression> or -Doctopus.deltaCompression=" + value;
            case SERVICE_ACCOUNT_ID:
                return "<serviceAccountId>" + value + "</serviceAccountId> or -Doctopus.serviceAccountId=" + value;
            case ID_TOKEN_VARIABLE:
                return "<idTokenVariable>" + value + "</idTokenVariable> or -Doctopus.idTokenVariable=" + value;
            default:
                throw new IllegalStateException("No Maven wording for " + setting);
        }
    }

    /** Where a Maven user fixes {@code setting}, appended to the core's reason. */
    private static String fixSuffix(Setting setting) {
        switch (setting) {
            case SERVER_URL:
                return " (fix <serverUrl>, -Doctopus.serverUrl or OCTOPUS_URL)";
            case OVERWRITE_MODE:
                return ": fix <overwriteMode> or -Doctopus.overwriteMode.";
            case BUILD_INFORMATION_OVERWRITE_MODE:
                return ": fix <buildInformationOverwriteMode> or -Doctopus.buildInformation.overwriteMode.";
            default:
                return " (fix the " + setting.describe().replaceFirst("^the ", "") + ")";
        }
    }
}
