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

    /** Whether the column holds a vector or list of numbers. */
    public boolean isVector() {
        return type == ColumnType.DOUBLE_VECTOR || type == ColumnType.NUMBER_LIST;
    }

    /**
     * The element names a table spec carries for a vector/list column of known width ("0", "1",
     * ...), so that the width travels with the spec; empty for other columns or an unknown width.
     */
    public java.util.List<String> elementNames() {
        if (!isVector() || width <= 0) {
            return java.util.List.of();
        }
        String[] n = new String[width];
        for (int i = 0; i < width; i++) {
            n[i] = Integer.toString(i);
        }
        return java.util.List.of(n);
    }

    /** The width of a vector/list column read back from its element names: -1 when it has none. */
    public static int widthOfElementNames(java.util.List<String> names) {
        return names == null || names.isEmpty() ? -1 : names.size();
    }

    /** A scalar column. */
    public static ColumnInfo of(String name, ColumnType type) {
        return new ColumnInfo(name, type, type == ColumnType.DOUBLE_VECTOR || type == ColumnType.NUMBER_LIST ? -1 : 1);
    }
}
