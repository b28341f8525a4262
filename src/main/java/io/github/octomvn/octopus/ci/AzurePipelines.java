package io.github.octomvn.octopus.ci;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Azure Pipelines: each output as a {@code task.setvariable} logging command (a variable of the job's later steps),
 * the Markdown summary as a file uploaded with {@code task.uploadsummary} (a tab of the run's page), and a failure as
 * {@code task.logissue type=error}.
 */
final class AzurePipelines implements JobPage {
    private final Path folder;
    private final Consumer<String> console;
    private int summaries;

    /** @param folder where the summary files go */
    AzurePipelines(Path folder, Consumer<String> console) {
        this.folder = folder;
        this.console = console;
    }

    @Override
    public void publish(JobResults results) throws IOException {
        results.failure().ifPresent(message -> console.accept("##vso[task.logissue type=error]" + escape(message)));
        results.outputs()
                .forEach((output, value) -> console.accept(
                        "##vso[task.setvariable variable=" + output.variableName() + "]" + escape(value)));
        Files.createDirectories(folder);
        Path summary =
                folder.resolve("octopus-summary-" + (++summaries) + ".md").toAbsolutePath();
        Files.write(summary, MarkdownSummary.render(results).getBytes(StandardCharsets.UTF_8));
        console.accept("##vso[task.uploadsummary]" + escape(summary.toString()));
    }

    /** The agent's escaping of logging command values: {@code %AZP25}, {@code %0D}, {@code %0A}, {@code %5D}, {@code %3B}. */
    static String escape(String value) {
        return value.replace("%", "%AZP25")
                .replace("\r", "%0D")
                .replace("\n", "%0A")
                .replace("]", "%5D")
                .replace(";", "%3B");
    }
}
