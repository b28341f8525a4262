package io.github.octomvn.octopus.maven;

import java.util.Map;
import java.util.Optional;
import javax.inject.Named;
import javax.inject.Singleton;

/** The build's environment variables, injected so that tests bring their own. */
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
}
