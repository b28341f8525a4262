package io.github.octomvn.octopus.ci;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * GitLab CI: the outputs as a dotenv file for {@code artifacts: reports: dotenv:}, one {@code KEY=VALUE} a line.
 * Each goal of the build adds its values and the whole file is rewritten atomically, so a later job never reads half
 * a file, and values of an earlier build in the same folder are not kept. GitLab has no job summary page.
 */
final class GitLabDotenv implements JobPage {
    /** The file's name, next to {@code push-report.json}. */
    static final String FILE_NAME = "octopus.env";

    private final Path file;
    private final Map<String, String> values = new LinkedHashMap<>();

    GitLabDotenv(Path file) {
        this.file = file;
    }

    @Override
    public void publish(JobResults results) throws IOException {
        Map<JobResults.Output, String> outputs = results.outputs();
        if (outputs.isEmpty()) {
            return;
        }
        outputs.forEach((output, value) -> values.put(output.variableName(), value));
        StringBuilder text = new StringBuilder();
        values.forEach((name, value) ->
                text.append(name).append('=').append(value(value)).append('\n'));
        writeAtomically(file, text.toString());
    }

    /** Dotenv values are single lines: a line break becomes a space. */
    static String value(String value) {
        return value.replace("\r\n", " ").replace('\r', ' ').replace('\n', ' ');
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temp = Files.createTempFile(folder, file.getFileName().toString(), ".tmp");
        try {
            Files.write(temp, text.getBytes(StandardCharsets.UTF_8));
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
