package org.geocsp.core.table;

import java.util.List;

/**
 * Where a table's image embeddings (or another per-row vector) are: one vector/list column (a
 * CSV column of numbers separated by spaces, a KNIME double vector or collection), or a set of
 * number columns (prefix-numbered {@code f0..fN} in a CSV file, or matched by a name pattern in
 * KNIME) in value order.
 *
 * @param columns the column indices (one for a vector/list column)
 * @param columnNames their names
 * @param packed true for one vector or list column, false for a set of number columns
 * @param width the width when known before reading rows (number of columns, or the element names
 *     of a vector/list column), else -1
 */
public record EmbeddingSource(int[] columns, List<String> columnNames, boolean packed, int width) {

    public EmbeddingSource {
        columns = columns.clone();
        columnNames = List.copyOf(columnNames);
        if (columns.length != columnNames.size() || columns.length == 0) {
            throw new IllegalArgumentException("an embedding source needs one name per column");
        }
    }

    /** Number columns, value k in {@code columns[k]}. */
    public static EmbeddingSource ofColumns(int[] columns, Header header) {
        List<String> names = new java.util.ArrayList<>(columns.length);
        for (int c : columns) {
            names.add(header.name(c));
        }
        return new EmbeddingSource(columns, names, false, columns.length);
    }

    /** One vector/list column; {@code width} -1 when unknown before reading rows. */
    public static EmbeddingSource ofVector(int column, String name, int width) {
        return new EmbeddingSource(new int[] {column}, List.of(name), true, width);
    }

    /** A short description for messages, e.g. "column 'emb'" or "the 512 columns f0 ... f511". */
    public String describe() {
        if (packed) {
            return "column '" + columnNames.get(0) + "'";
        }
        return columns.length == 1 ? "column '" + columnNames.get(0) + "'"
                : "the " + columns.length + " columns " + columnNames.get(0) + " ... "
                        + columnNames.get(columnNames.size() - 1);
    }

    /** The name of the column holding value k, for messages. */
    public String columnOf(int k) {
        return packed ? columnNames.get(0) : columnNames.get(k);
    }

    /** Whether a column index is one of the source's. */
    public boolean uses(int column) {
        for (int c : columns) {
            if (c == column) {
                return true;
            }
        }
        return false;
    }
}
