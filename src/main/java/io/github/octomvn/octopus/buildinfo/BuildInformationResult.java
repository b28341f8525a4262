package io.github.octomvn.octopus.buildinfo;

import java.util.List;
import java.util.Objects;

/** The result of pushing build information for one package ID and version. */
public final class BuildInformationResult {

    private final BuildInformationOutcome outcome;
    private final BuildInformationRecord record;
    private final List<String> differingFields;
    private final int attempts;
    private final String webUrl;

    BuildInformationResult(
            BuildInformationOutcome outcome,
            BuildInformationRecord record,
            List<String> differingFields,
            int attempts,
            String webUrl) {
        this.outcome = Objects.requireNonNull(outcome, "outcome");
        this.record = Objects.requireNonNull(record, "record");
        this.differingFields = List.copyOf(differingFields);
        this.attempts = attempts;
        this.webUrl = Objects.requireNonNull(webUrl, "webUrl");
    }

    public BuildInformationOutcome outcome() {
        return outcome;
    }

    /** The record as the server now holds it. */
    public BuildInformationRecord record() {
        return record;
    }

    /**
     * Fields in which the server's record differs from what was to be sent ({@code BuildUrl}, {@code Commits},
     * ...): empty after CREATED and REPLACED; for IDENTICAL those beside the commit, which matches.
     */
    public List<String> differingFields() {
        return differingFields;
    }

    /** POST requests sent (0 when the server already had the record). */
    public int attempts() {
        return attempts;
    }

    /** The record in the Octopus web UI (the build information library when the server gave no id). */
    public String webUrl() {
        return webUrl;
    }

    /** A one-line summary, a sentence of its own: {@code Pushed build information for MyApp 1.0.0}. */
    public String describe() {
        String what = "build information for " + record.packageId() + " " + record.version();
        String subject = "Build information for " + record.packageId() + " " + record.version();
        switch (outcome) {
            case CREATED:
                return "Pushed " + what;
            case REPLACED:
                return "Pushed " + what + ", replacing the previous record";
            case KEPT_EXISTING:
                return subject + " already existed, kept (the server's record differs in "
                        + String.join(", ", differingFields) + ")";
            case IDENTICAL:
            default:
                return differingFields.isEmpty()
                        ? subject + " already on the server, identical"
                        : subject + " already on the server for the same commit (" + String.join(", ", differingFields)
                                + " differ, kept)";
        }
    }

    @Override
    public String toString() {
        return "BuildInformationResult[" + outcome + ", " + record + ", attempts=" + attempts + "]";
    }
}
