package org.geocsp.knime.config;

/** The column types the nodes distinguish, mapped from KNIME's data types by the plugin. */
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
