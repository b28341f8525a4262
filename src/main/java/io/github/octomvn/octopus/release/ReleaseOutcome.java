package io.github.octomvn.octopus.release;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** What became of a release request: created, or found already there. */
public final class ReleaseOutcome {

    /** How the release came to be there. */
    public enum Status {
        /** The server created it now. */
        CREATED("created"),
        /** It existed with the same package versions (a re-run): nothing was sent. */
        EXISTED_IDENTICAL("already exists, identical"),
        /** It existed with other package versions and was kept, as {@code ignoreIfAlreadyExists} asked. */
        EXISTED_KEPT("already exists with other package versions, kept");

        private final String words;

        Status(String words) {
            this.words = words;
        }

        /** For log lines: "created", "already exists, identical", ... */
        public String words() {
            return words;
        }
    }

    private final Status status;
    private final String project;
    private final String releaseId;
    private final String version;
    private final Map<String, String> packages;
    private final String webLink;

    ReleaseOutcome(
            Status status,
            String project,
            String releaseId,
            String version,
            Map<String, String> packages,
            String webLink) {
        this.status = status;
        this.project = project;
        this.releaseId = releaseId;
        this.version = version;
        this.packages = Collections.unmodifiableMap(new LinkedHashMap<>(packages));
        this.webLink = webLink;
    }

    public Status status() {
        return status;
    }

    /** The project as the request named it. */
    public String project() {
        return project;
    }

    /** {@code Releases-N}. */
    public String releaseId() {
        return releaseId;
    }

    public String version() {
        return version;
    }

    /** The package versions the existing release holds, package (or step) to version; empty for a new one. */
    public Map<String, String> packages() {
        return packages;
    }

    /** The release in the Octopus web UI. */
    public String webLink() {
        return webLink;
    }

    /** {@code Release Billing 1.4.0 created: <link>}. */
    public String summary() {
        return "Release " + project + " " + version + " " + status.words() + ": " + webLink;
    }

    @Override
    public String toString() {
        return "ReleaseOutcome[" + status + " " + project + " " + version + " " + releaseId + "]";
    }
}
