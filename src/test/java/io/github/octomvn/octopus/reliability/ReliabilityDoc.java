package io.github.octomvn.octopus.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docs/reliability.md as rendered from the test suites: each suite owns one section between
 * {@code <!-- BEGIN name -->} and {@code <!-- END name -->}, checks it, and rewrites it under
 * {@code -Dreliability.update=true}. Suites own separate sections so that none needs state shared across classes.
 */
public final class ReliabilityDoc {
    /** The system property (a Maven user property surefire hands on) that rewrites the file instead of checking it. */
    public static final String UPDATE_PROPERTY = "reliability.update";

    private static final Pattern PORT = Pattern.compile("(127\\.0\\.0\\.1|localhost):\\d+");
    private static final Pattern SHA1 = Pattern.compile("\\b[0-9a-f]{40}\\b");

    private final Path file;
    private final boolean update;

    private ReliabilityDoc(Path file, boolean update) {
        this.file = file;
        this.update = update;
    }

    /** The project's docs/reliability.md; surefire runs tests in the project directory and sets {@code basedir}. */
    public static ReliabilityDoc ofProject() {
        Path basedir = Paths.get(System.getProperty("basedir", "")).toAbsolutePath();
        return new ReliabilityDoc(basedir.resolve("docs/reliability.md"), Boolean.getBoolean(UPDATE_PROPERTY));
    }

    static ReliabilityDoc of(Path file, boolean update) {
        return new ReliabilityDoc(file, update);
    }

    /**
     * Makes a message stable for the document: ports, the given temporary paths and SHA-1 values would differ on
     * every run. {@code paths} maps a real path prefix to the placeholder shown instead.
     */
    public static String normalise(String line, Map<String, String> paths) {
        String result = line;
        for (Map.Entry<String, String> path : paths.entrySet()) {
            result = result.replace(path.getKey(), path.getValue());
        }
        result = PORT.matcher(result).replaceAll("$1:PORT");
        return SHA1.matcher(result).replaceAll("<sha1>");
    }

    /** The markdown table of {@code rows}: case, what the user sees, end state. */
    public static String table(List<Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append("| Area | Case | What the user sees | End state |\n");
        out.append("|---|---|---|---|\n");
        for (Row row : rows) {
            out.append("| ")
                    .append(cell(row.area()))
                    .append(" | ")
                    .append(cell(row.name()))
                    .append(" | `")
                    .append(code(row.userSees()))
                    .append("` | ")
                    .append(cell(row.endState()))
                    .append(" |\n");
        }
        return out.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    /** In a code span a backtick would end the span early, and a pipe would end the cell. */
    private static String code(String text) {
        return text.replace("`", "'").replace("|", "\\|").replace("\n", " ");
    }

    /**
     * Checks that section {@code name} of the file is {@code body}, or under {@code -Dreliability.update=true}
     * writes it there (appending the section if it is new).
     */
    public void check(String name, String body) throws IOException {
        String begin = "<!-- BEGIN " + name + " -->\n";
        String end = "<!-- END " + name + " -->";
        String current = Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
        Matcher section = Pattern.compile(Pattern.quote(begin) + "(.*?)" + Pattern.quote(end), Pattern.DOTALL)
                .matcher(current);
        boolean found = section.find();
        if (update) {
            String replaced = found
                    ? current.substring(0, section.start()) + begin + body + end + current.substring(section.end())
                    : current + (current.isEmpty() || current.endsWith("\n\n") ? "" : "\n") + begin + body + end + "\n";
            if (!replaced.equals(current)) {
                Files.createDirectories(file.getParent());
                Files.write(file, replaced.getBytes(StandardCharsets.UTF_8));
            }
            return;
        }
        String hint = file + " is out of date; regenerate it with ./mvnw -B -o test -Dinvoker.skip"
                + " -Dtest='io.github.octomvn.octopus.reliability.*Test,io.github.octomvn.octopus.maven.MojoInputCorpusTest'"
                + " -D" + UPDATE_PROPERTY + "=true";
        assertThat(found).as("section '%s' is missing: %s", name, hint).isTrue();
        assertThat(section.group(1)).as("section '%s' differs: %s", name, hint).isEqualTo(body);
    }
}
