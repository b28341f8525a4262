package io.github.octomvn.octopus.ci;

import java.util.Locale;
import java.util.Optional;

/**
 * A goal's results as Markdown, for a job summary page: tables of packages, build information and deployments, the
 * release, and the failure. Every value is escaped, so a name cannot break the table or inject HTML.
 */
final class MarkdownSummary {
    private MarkdownSummary() {}

    static String render(JobResults results) {
        StringBuilder md = new StringBuilder();
        md.append("### Octopus Deploy: ").append(text(results.goal()));
        results.server().ifPresent(s -> md.append(" (").append(link(s, s)).append(')'));
        md.append("\n\n");
        if (results.dryRun()) {
            md.append("Dry run: nothing was sent.\n\n");
        }
        if (!results.packages().isEmpty()) {
            md.append("| Package | Version | Size | Outcome |\n|---|---|---|---|\n");
            for (PackageResult p : results.packages()) {
                md.append("| ")
                        .append(link(p.packageId(), p.link()))
                        .append(" | ")
                        .append(text(p.version()))
                        .append(" | ")
                        .append(p.sizeBytes() < 0 ? "" : size(p.sizeBytes()))
                        .append(" | ")
                        .append(text(p.outcome().words()
                                + p.detail().map(d -> ": " + d).orElse("")))
                        .append(" |\n");
            }
            md.append('\n');
        }
        if (!results.buildInformation().isEmpty()) {
            md.append("| Build information | Version | Commits | Outcome |\n|---|---|---|---|\n");
            for (PublishedBuildInformation b : results.buildInformation()) {
                md.append("| ")
                        .append(link(b.packageId(), b.link()))
                        .append(" | ")
                        .append(text(b.version()))
                        .append(" | ")
                        .append(b.commits())
                        .append(" | ")
                        .append(text(b.outcome()))
                        .append(" |\n");
            }
            md.append('\n');
        }
        results.release()
                .ifPresent(r -> md.append("Release ")
                        .append(link(r.project() + " " + r.version(), r.link()))
                        .append(": ")
                        .append(text(r.outcome()))
                        .append("\n\n"));
        if (!results.deployments().isEmpty()) {
            md.append("| Deployment | State |\n|---|---|\n");
            for (DeploymentResult d : results.deployments()) {
                md.append("| ")
                        .append(link(d.target(), d.link()))
                        .append(" | ")
                        .append(text(d.state()))
                        .append(" |\n");
            }
            md.append('\n');
        }
        results.failure()
                .ifPresent(f -> md.append("**Failed:** ")
                        .append(String.join(
                                "<br>\n", f.lines().map(MarkdownSummary::text).toArray(String[]::new)))
                        .append("\n\n"));
        return md.toString();
    }

    /** Plain text for a table cell or a line: Markdown and HTML characters escaped, no line breaks. */
    static String text(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '&':
                    out.append("&amp;");
                    break;
                case '<':
                    out.append("&lt;");
                    break;
                case '>':
                    out.append("&gt;");
                    break;
                case '\r':
                case '\n':
                    out.append(' ');
                    break;
                case '\\':
                case '|':
                case '*':
                case '_':
                case '`':
                case '[':
                case ']':
                case '#':
                case '~':
                    out.append('\\').append(c);
                    break;
                default:
                    out.append(c);
            }
        }
        return out.toString();
    }

    private static String link(String label, Optional<String> url) {
        return url.map(u -> link(label, u)).orElseGet(() -> text(label));
    }

    /** {@code [label](url)} for an http(s) URL; plain text otherwise. */
    static String link(String label, String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("https://") && !lower.startsWith("http://")) {
            return text(label);
        }
        String safe = url.replace(" ", "%20")
                .replace("(", "%28")
                .replace(")", "%29")
                .replace("<", "%3C")
                .replace(">", "%3E")
                .replace("\r", "")
                .replace("\n", "");
        return "[" + text(label) + "](" + safe + ")";
    }

    /** Sizes as the README gives them: powers of 1000 (kB, MB, GB). */
    static String size(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
