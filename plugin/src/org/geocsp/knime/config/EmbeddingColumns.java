package org.geocsp.knime.config;

import org.geocsp.core.table.EmbeddingSource;
import org.geocsp.core.table.ColumnKind;
import org.geocsp.core.table.ColumnInfo;
import java.util.List;

/** The image-embedding column settings: one vector/list column, or number columns by name pattern. */
public final class EmbeddingColumns {

    public static final String MODE_COLUMN = "vector or list column";
    public static final String MODE_PATTERN = "columns matching pattern";

    public final Setting mode;
    public final Setting column;
    public final Setting pattern;

    /**
     * @param prefix key prefix (e.g. "image_embedding")
     * @param labelPrefix label prefix (e.g. "Image embedding")
     * @param port input port
     * @param optional whether the embedding may be left out (the column then may be empty)
     * @param tab dialog tab
     */
    public EmbeddingColumns(String prefix, String labelPrefix, int port, boolean optional, String tab) {
        mode = Setting.choice(prefix + "_mode", labelPrefix + " given as", MODE_COLUMN,
                List.of(MODE_COLUMN, MODE_PATTERN), tab);
        column = Setting.column(prefix + "_column", labelPrefix + " column", ColumnKind.VECTOR, port, optional, tab);
        pattern = Setting.text(prefix + "_pattern", labelPrefix + " column pattern", "", tab);
    }

    public List<Setting> settings() {
        return List.of(mode, column, pattern);
    }

    public boolean byPattern(SettingValues v) {
        return v.getChoice(mode).equals(MODE_PATTERN);
    }

    /**
     * True unless the embedding is optional and none is chosen (no column, or by pattern with an
     * empty pattern).
     */
    public boolean isSelected(SettingValues v) {
        if (!column.optional()) {
            return true;
        }
        return byPattern(v) ? !v.getString(pattern).isBlank() : !v.getString(column).isEmpty();
    }

    /** The resolved source, or null after a problem (or when optional and not selected). */
    public EmbeddingSource resolve(List<ColumnInfo> columns, SettingValues v, List<String> problems) {
        if (!isSelected(v)) {
            return null;
        }
        return ColumnRoles.resolveEmbedding(columns, byPattern(v), v.getString(column), v.getString(pattern), column,
                pattern, problems);
    }
}
