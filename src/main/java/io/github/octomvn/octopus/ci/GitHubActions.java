package io.github.octomvn.octopus.ci;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * GitHub Actions: the Markdown summary appended to {@code $GITHUB_STEP_SUMMARY}, step outputs appended to
 * {@code $GITHUB_OUTPUT}, and a failure as an {@code ::error::} workflow command on the console.
 */
final class GitHubActions implements JobPage {
    private static final String DELIMITER = "OCTOPUS_OUTPUT_EOF";

    private final Optional<Path> summary;
    private final Optional<Path> outputs;
    private final Consumer<String> console;

    GitHubActions(Optional<Path> summary, Optional<Path> outputs, Consumer<String> console) {
        this.summary = summary;
        this.outputs = outputs;
        this.console = console;
    }

    @Override
    public void publish(JobResults results) throws IOException {
        // the annotation first: it must reach the log even when a file cannot be written
        results.failure().ifPresent(message -> console.accept(error(message)));
        if (summary.isPresent()) {
            append(summary.get(), MarkdownSummary.render(results));
        }
        Map<JobResults.Output, String> values = results.outputs();
        if (outputs.isPresent() && !values.isEmpty()) {
            StringBuilder text = new StringBuilder();
            values.forEach((output, value) -> text.append(output(output.gitHubName(), value)));
            append(outputs.get(), text.toString());
        }
    }

    /** {@code ::error::message}, with {@code %}, CR and LF escaped as the runner unescapes them. */
    static String error(String message) {
        return "::error::" + escapeData(message);
    }

    static String escapeData(String value) {
        return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /**
     * One output for {@code $GITHUB_OUTPUT}: {@code name=value}, or the {@code name<<DELIMITER} form when the value
     * has a line break, with a delimiter that is not a line of the value.
     */
    static String output(String name, String value) {
        if (value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return name + "=" + value + "\n";
        }
        String delimiter = DELIMITER;
        for (int n = 1; value.contains(delimiter); n++) {
            delimiter = DELIMITER + "_" + n;
        }
        return name + "<<" + delimiter + "\n" + value + "\n" + delimiter + "\n";
    }

    /** One write in append mode, so that the sections of goals running in parallel do not interleave. */
    private static void append(Path file, String text) throws IOException {
        Files.write(
                file,
                text.getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND,
                StandardOpenOption.WRITE);
    }
}
