package org.geocsp.core.table;

import java.util.Objects;

/**
 * One column of an input table as the configuration logic sees it.
 *
 * @param name the column name
 * @param type its type
 * @param width the number of elements of a vector or list column when the table spec knows it
 *     (element names), else -1; 1 for scalar columns
 */
public record ColumnInfo(String name, ColumnType type, int width) {

    public ColumnInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    /** A scalar column. */
    public static ColumnInfo of(String name, ColumnType type) {
        return new ColumnInfo(name, type, type == ColumnType.DOUBLE_VECTOR || type == ColumnType.NUMBER_LIST ? -1 : 1);
    }
}
