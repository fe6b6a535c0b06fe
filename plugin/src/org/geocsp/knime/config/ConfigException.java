package org.geocsp.knime.config;

import java.util.List;

/**
 * Settings that cannot be read (a key is missing or holds the wrong type) or are not valid.
 * The message lists every problem, each naming the setting by its dialog label.
 */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public ConfigException(String problem) {
        this(List.of(problem));
    }

    /** Every problem found. */
    public List<String> problems() {
        return problems;
    }
}
