package dev.openrouter4j.cdi;

import jakarta.enterprise.inject.spi.DefinitionException;

import java.util.List;

/**
 * Every problem found in the OpenRouter configuration and in the injection points that ask for OpenRouter models,
 * reported together as one CDI definition error, so a deployment fails once with the complete list.
 * <p>
 * Each problem names the property, the environment variable that sets it and the config source the value came from,
 * but never the value itself (a mistyped property may hold a key).
 */
public class OpenRouterConfigException extends DefinitionException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    /** An exception listing the given problems, each one line. */
    public OpenRouterConfigException(List<String> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    /** The problems, one line each, in the order they were found. */
    public List<String> problems() {
        return problems;
    }

    private static String message(List<String> problems) {
        StringBuilder sb = new StringBuilder();
        sb.append("The OpenRouter configuration has ").append(problems.size())
                .append(problems.size() == 1 ? " problem" : " problems")
                .append(" (values are never shown):");
        for (int i = 0; i < problems.size(); i++) {
            sb.append(System.lineSeparator()).append("  ").append(i + 1).append(". ").append(problems.get(i));
        }
        return sb.toString();
    }
}
