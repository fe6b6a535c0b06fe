package org.geocsp.core.table;

/** The column types a column setting accepts. */
public enum ColumnKind {
    /** A number column (double, integer or long). */
    NUMBER,
    /** A string column (or any column whose value is used as text, e.g. a class label). */
    STRING,
    /** An image-embedding column: a KNIME double vector or a list of doubles. */
    VECTOR,
    /** Any column. */
    ANY;

    /** Whether a column of this type is accepted. */
    public boolean accepts(ColumnType type) {
        return switch (this) {
            case NUMBER -> type.isNumber();
            case STRING -> type == ColumnType.STRING || type == ColumnType.INT || type == ColumnType.LONG;
            case VECTOR -> type == ColumnType.DOUBLE_VECTOR || type == ColumnType.NUMBER_LIST;
            case ANY -> true;
        };
    }

    /** In words, for messages. */
    public String describe() {
        return switch (this) {
            case NUMBER -> "a number column";
            case STRING -> "a string (or integer) column";
            case VECTOR -> "a double-vector or list-of-numbers column";
            case ANY -> "a column";
        };
    }
}
