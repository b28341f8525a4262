package io.github.octomvn.octopus.maven;

import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An environment a test changes as it goes: a goal reads the variables as they are when it asks, not as they were
 * when the harness injected it; console lines go where the test says, else to the process's standard output.
 */
final class LiveEnvironment extends ProcessEnvironment {
    private final Map<String, String> variables;
    private final Consumer<String> console;

    LiveEnvironment(Map<String, String> variables) {
        this(variables, null);
    }

    LiveEnvironment(Map<String, String> variables, Consumer<String> console) {
        super(Map.of());
        this.variables = variables;
        this.console = console;
    }

    @Override
    public Map<String, String> variables() {
        return Map.copyOf(variables);
    }

    @Override
    public Optional<String> get(String name) {
        return Optional.ofNullable(variables.get(name)).filter(v -> !v.isBlank());
    }

    @Override
    public Consumer<String> console() {
        return console != null ? console : super.console();
    }
}
