package org.geocsp.core.geo;

import java.util.List;

/**
 * Bad user input (coordinates, columns, settings). The message names the offending column,
 * row or setting in words a KNIME user understands; {@link #problems()} lists every problem
 * found, not only the first.
 */
public class InvalidInputException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public InvalidInputException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public InvalidInputException(String problem) {
        this(List.of(problem));
    }

    /** Every problem found, each a complete sentence fragment naming where it is. */
    public List<String> problems() {
        return problems;
    }
}
