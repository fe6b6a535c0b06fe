package org.geocsp.core.table;

/**
 * A cell that cannot be read as what its column needs (a number, a list of numbers). The message
 * describes the cell only ("'abc' is not a number"); the {@link RowValidator} adds file, column
 * and row.
 */
public final class CellException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CellException(String detail) {
        super(detail, null, false, false); // no stack trace: an expected input problem, reported in words
    }
}
