package org.geocsp.core.table;

import java.util.ArrayList;
import java.util.List;
import org.geocsp.core.io.InvalidInputException;

/** How a text table (CSV) holds the image embedding, and the one rule that finds it in a header. */
public enum EmbeddingLayout {
    /** No embedding is read. */
    NONE,
    /** Prefix-numbered columns if the header has any, else the one other column whose first data cell is a list. */
    AUTO,
    /** Prefix-numbered columns {@code prefix0..prefixN} (required). */
    COLUMNS,
    /** One column of numbers separated by spaces (required). */
    VECTOR;

    /**
     * The embedding source of a header.
     *
     * @param prefix the prefix of numbered columns (AUTO, COLUMNS)
     * @param column the vector column (VECTOR)
     * @param firstRow the first data row, to recognise a vector column (AUTO), or null
     * @param used columns already taken by other roles (coordinates, label, id)
     * @param expectedWidth the width a model needs, or -1
     * @return the source, or null (NONE, or AUTO without a candidate)
     */
    public EmbeddingSource resolve(Header header, String prefix, String column, RowCells firstRow, List<Integer> used,
            int expectedWidth) {
        switch (this) {
            case NONE:
                return null;
            case VECTOR: {
                int c = header.require(column, "image-embedding");
                return EmbeddingSource.ofVector(c, header.name(c), expectedWidth);
            }
            case COLUMNS: {
                int[] idx = header.numbered(prefix, expectedWidth, "image-embedding");
                if (idx == null) {
                    throw new InvalidInputException(header.where() + " has no image-embedding columns named '" + prefix
                            + "0', '" + prefix + "1', ... (columns found: " + header.list() + ")");
                }
                return EmbeddingSource.ofColumns(idx, header);
            }
            default: {
                int[] idx = header.numbered(prefix, expectedWidth, "image-embedding");
                if (idx != null) {
                    return EmbeddingSource.ofColumns(idx, header);
                }
                List<Integer> candidates = new ArrayList<>();
                for (int i = 0; firstRow != null && i < Math.min(header.size(), firstRow.size()); i++) {
                    if (!used.contains(i) && !firstRow.isMissing(i) && CellRules.isList(firstRow.text(i))) {
                        candidates.add(i);
                    }
                }
                if (candidates.size() > 1) {
                    List<String> names = new ArrayList<>();
                    for (int i : candidates) {
                        names.add("'" + header.name(i) + "'");
                    }
                    throw new InvalidInputException(header.where() + ": several columns look like an image-embedding"
                            + " vector (" + String.join(", ", names) + "); choose one");
                }
                if (candidates.size() == 1) {
                    int c = candidates.get(0);
                    return EmbeddingSource.ofVector(c, header.name(c), expectedWidth);
                }
                if (expectedWidth > 0) {
                    throw new InvalidInputException(header.where() + " has no image-embedding columns "
                            + Header.range(prefix, expectedWidth) + " (columns found: " + header.list() + ")");
                }
                return null;
            }
        }
    }
}
