package io.github.octomvn.octopus.maven;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javax.inject.Named;
import javax.inject.Singleton;

/** The build process's environment variables and console, injected so that tests bring their own. */
@Named
@Singleton
public class ProcessEnvironment {
    private final Map<String, String> variables;
    // never closed: closing it would close the process's standard output
    private final PrintStream stdout = new PrintStream(new FileOutputStream(FileDescriptor.out), false);

    public ProcessEnvironment() {
        this(System.getenv());
    }

    protected ProcessEnvironment(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
    }

    /** Every variable; the build-information goal reads the CI's from it. */
    public Map<String, String> variables() {
        return variables;
    }

    /** A variable's value, empty when unset or blank. */
    public Optional<String> get(String name) {
        return Optional.ofNullable(variables.get(name)).filter(v -> !v.isBlank());
    }

    /**
     * The process's standard output, one line per call, for the commands a CI server reads from it (GitHub workflow
     * commands, TeamCity and Azure service messages). Not {@code System.out}: Maven 4 hands a plugin a
     * {@code System.out} that logs each line as {@code [INFO] [stdout] ...}, which hides a command from GitHub's
     * runner (it reads one only at the start of a line), and Maven 3's {@code -l} sends it to the log file. The file
     * descriptor is what the CI reads on every Maven. {@code System.out} is flushed first so that the lines keep their
     * order, and each line is one write, whole.
     */
    public Consumer<String> console() {
        return line -> {
            System.out.flush();
            byte[] bytes = (line + System.lineSeparator()).getBytes(StandardCharsets.UTF_8);
            synchronized (stdout) {
                stdout.write(bytes, 0, bytes.length);
                stdout.flush();
            }
        };
    }
}
