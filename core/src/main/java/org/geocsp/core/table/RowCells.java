package org.geocsp.core.table;

/**
 * One row of a table as a front end holds it (a CSV record, a KNIME data row): the only thing a
 * front end implements to have its rows validated by {@link RowValidator} and {@link VectorCells}.
 * Reading a cell never decides whether a value is valid; it only says what is in the cell.
 */
public interface RowCells {

    /** The number of cells in the row (a CSV row can be shorter or longer than its header). */
    int size();

    /** Whether the cell is missing (an empty CSV cell, a KNIME missing cell). */
    boolean isMissing(int column);

    /**
     * The number in a cell that is not missing.
     *
     * @throws CellException if the cell does not hold a number
     */
    double number(int column);

    /** The text of a cell that is not missing (labels, ids). */
    String text(int column);

    /**
     * The values of a vector or list cell that is not missing.
     *
     * @throws CellException if the cell is not a list of numbers or one of its elements is missing
     */
    double[] vector(int column);
}
