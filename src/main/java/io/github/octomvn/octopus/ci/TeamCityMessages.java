package io.github.octomvn.octopus.ci;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * TeamCity: each output as a {@code setParameter} service message for {@code env.OCTOPUS_...} (an environment
 * variable of the build's later steps, {@code %env.OCTOPUS_VERSION%} in their settings), and a failure as a
 * {@code buildProblem}.
 */
final class TeamCityMessages implements JobPage {
    /** TeamCity cuts a build problem's description at 4000 characters. */
    private static final int MAX_DESCRIPTION = 4000;

    private final Consumer<String> console;

    TeamCityMessages(Consumer<String> console) {
        this.console = console;
    }

    @Override
    public void publish(JobResults results) {
        results.outputs()
                .forEach((output, value) -> console.accept("##teamcity[setParameter name='env." + output.variableName()
                        + "' value='" + escape(value) + "']"));
        results.failure()
                .ifPresent(message -> console.accept("##teamcity[buildProblem description='"
                        + escape(message.length() > MAX_DESCRIPTION ? message.substring(0, MAX_DESCRIPTION) : message)
                        + "']"));
    }

    /** TeamCity's escaping: {@code |} before {@code | ' [ ]}, {@code |n} and {@code |r}, {@code |0xNNNN} for others. */
    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '|':
                case '\'':
                case '[':
                case ']':
                    out.append('|').append(c);
                    break;
                case '\n':
                    out.append("|n");
                    break;
                case '\r':
                    out.append("|r");
                    break;
                default:
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format(Locale.ROOT, "|0x%04X", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        return out.toString();
    }
}
