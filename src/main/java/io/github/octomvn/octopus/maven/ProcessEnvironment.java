package io.github.octomvn.octopus.maven;

import java.io.PrintStream;
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
     * commands, TeamCity and Azure service messages). Read at each call: Maven may replace {@code System.out}.
     */
    public Consumer<String> console() {
        return line -> {
            PrintStream out = System.out;
            out.println(line);
            out.flush();
        };
    }
}
