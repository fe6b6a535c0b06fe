package org.geocsp.core.io;

import java.util.List;

/**
 * Bad user input (coordinates, columns, settings). The message names the offending column,
 * row or setting in words a KNIME user understands; {@link #problems()} lists every problem
 * found, not only the first. Every problem is kept on one line: line breaks and other control
 * characters that a quoted cell or file name may carry are shown escaped (a backslash and n, r, t or u and four hex digits),
 * so that a front end can print the message as the one line it promises.
 */
public class InvalidInputException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public InvalidInputException(List<String> problems) {
        this(problems.stream().map(InvalidInputException::oneLine).toList(), true);
    }

    private InvalidInputException(List<String> oneLineProblems, boolean checked) {
        super(String.join("; ", oneLineProblems));
        this.problems = List.copyOf(oneLineProblems);
    }

    public InvalidInputException(String problem) {
        this(List.of(problem));
    }

    /**
     * The text with line breaks, other control characters and Unicode line/paragraph separators
     * escaped: a backslash followed by n, r or t, else by u and the four hex digits of the character.
     */
    public static String oneLine(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder b = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean escape = Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
            if (escape && b == null) {
                b = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (b != null) {
                if (!escape) {
                    b.append(c);
                } else if (c == '\n') {
                    b.append("\\n");
                } else if (c == '\r') {
                    b.append("\\r");
                } else if (c == '\t') {
                    b.append("\\t");
                } else {
                    b.append(String.format("\\u%04x", (int) c));
                }
            }
        }
        return b == null ? text : b.toString();
    }

    /** Every problem found, each a complete sentence fragment naming where it is. */
    public List<String> problems() {
        return problems;
    }
}
