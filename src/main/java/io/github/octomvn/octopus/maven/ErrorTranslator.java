package io.github.octomvn.octopus.maven;

import io.github.octomvn.octopus.client.OctopusException;
import org.apache.maven.plugin.MojoFailureException;

/** Turns core exceptions into build failures whose message is the core's one actionable line. */
final class ErrorTranslator {
    private ErrorTranslator() {}

    static MojoFailureException of(OctopusException e) {
        String message = e.getMessage();
        if (e.kind() == OctopusException.Kind.TLS) {
            // the core knows no parameter names; say which ones hold the trust store here
            message +=
                    " (<trustStore> or -Doctopus.trustStore=ca.p12, with -Doctopus.trustStorePassword if it has one)";
        }
        return new MojoFailureException(message, e);
    }
}
