package org.geocsp.knime.config;

import java.util.List;

/**
 * Where a table's image embeddings are: one double-vector or list column, or a set of number
 * columns chosen by a name pattern (in table order).
 *
 * @param columns the column indices (one for a vector/list column)
 * @param columnNames their names
 * @param packed true for one vector or list column, false for a set of number columns
 * @param width the embedding width when known before reading rows (number of matched columns, or
 *     the element names of a vector/list column), else -1
 */
public record EmbeddingSource(int[] columns, List<String> columnNames, boolean packed, int width) {

    public EmbeddingSource {
        columns = columns.clone();
        columnNames = List.copyOf(columnNames);
    }

    /** A short description for messages, e.g. "column 'emb'" or "the 512 columns matching 'f_\d+'". */
    public String describe() {
        if (packed) {
            return "column '" + columnNames.get(0) + "'";
        }
        return "the " + columns.length + " columns " + columnNames.get(0) + " ... "
                + columnNames.get(columnNames.size() - 1);
    }
}
