package org.geocsp.core.table;

/** The column types the front ends distinguish (the KNIME plugin maps its data types to them; a CSV file has text cells). */
public enum ColumnType {
    DOUBLE, INT, LONG, STRING, BOOLEAN,
    /** A KNIME double vector ({@code DoubleVectorValue}). */
    DOUBLE_VECTOR,
    /** A list (or set) collection of numbers. */
    NUMBER_LIST,
    /** Anything else. */
    OTHER;

    public boolean isNumber() {
        return this == DOUBLE || this == INT || this == LONG;
    }
}
