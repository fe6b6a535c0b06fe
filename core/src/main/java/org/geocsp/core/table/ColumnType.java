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

    /** The type in words, for messages. */
    public String describe() {
        return switch (this) {
            case DOUBLE -> "number (double)";
            case INT -> "number (integer)";
            case LONG -> "number (long)";
            case STRING -> "string";
            case BOOLEAN -> "boolean";
            case DOUBLE_VECTOR -> "double vector";
            case NUMBER_LIST -> "list of numbers";
            case OTHER -> "an unsupported type";
        };
    }
}
