package io.github.octomvn.octopus.release;

import io.github.octomvn.octopus.buildinfo.BuildInformationPusher;
import io.github.octomvn.octopus.buildinfo.BuildInformationRecord;
import io.github.octomvn.octopus.buildinfo.Commit;
import io.github.octomvn.octopus.client.OctopusException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Release notes written from a build's commits: one line each, newest first, capped. */
public final class ReleaseNotes {

    /** How many commits the notes list unless told otherwise. */
    public static final int DEFAULT_MAX_LINES = 50;

    private static final int SHORT_ID = 7;
    private static final int MAX_LINE = 200;

    private ReleaseNotes() {}

    /**
     * {@code - <first line of the message> (<short id>)} per commit, in the order given (newest first), at most
     * {@code maxLines} of them and then a line counting the rest; empty text for no commits.
     */
    public static String fromCommits(List<Commit> newestFirst, int maxLines) {
        if (maxLines < 1) {
            throw new IllegalArgumentException("maxLines must be at least 1, not " + maxLines);
        }
        List<String> lines = new ArrayList<>();
        for (Commit commit : newestFirst) {
            if (lines.size() == maxLines) {
                int rest = newestFirst.size() - maxLines;
                lines.add(String.format(Locale.ROOT, "- ... and %d earlier commit%s", rest, rest == 1 ? "" : "s"));
                break;
            }
            lines.add(line(commit));
        }
        return String.join("\n", lines);
    }

    /**
     * Notes from the commits of the build information the server holds for these packages (package ID to version),
     * each commit once, in the order the records list them (newest first); empty when there are none or the key may
     * not read build information (a warning says so).
     */
    public static Optional<String> fromBuildInformation(ExecutionsApi api, Map<String, String> packages, int maxLines)
            throws OctopusException {
        BuildInformationPusher lookup = BuildInformationPusher.of(api.client());
        Map<String, Commit> commits = new LinkedHashMap<>();
        for (Map.Entry<String, String> p : packages.entrySet()) {
            Optional<BuildInformationRecord> record;
            try {
                record = lookup.find(api.space(), p.getKey(), p.getValue());
            } catch (OctopusException e) {
                if (e.kind() != OctopusException.Kind.PERMISSION) {
                    throw e;
                }
                api.warnings()
                        .accept("Cannot read the build information of " + p.getKey() + " " + p.getValue() + " ("
                                + e.getMessage() + "); the release gets no notes from its commits");
                return Optional.empty();
            }
            record.ifPresent(r -> r.buildInformation().commits().forEach(c -> commits.putIfAbsent(c.id(), c)));
        }
        return commits.isEmpty()
                ? Optional.empty()
                : Optional.of(fromCommits(new ArrayList<>(commits.values()), maxLines));
    }

    private static String line(Commit commit) {
        String summary = commit.comment().trim();
        int newline = summary.indexOf('\n');
        if (newline >= 0) {
            summary = summary.substring(0, newline).trim();
        }
        if (summary.length() > MAX_LINE) {
            summary = summary.substring(0, MAX_LINE - 3) + "...";
        }
        String id = commit.id().length() > SHORT_ID ? commit.id().substring(0, SHORT_ID) : commit.id();
        if (summary.isEmpty()) {
            return "- " + id;
        }
        return id.isEmpty() ? "- " + summary : "- " + summary + " (" + id + ")";
    }
}
