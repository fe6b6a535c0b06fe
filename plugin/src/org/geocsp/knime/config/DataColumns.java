package org.geocsp.knime.config;

import org.geocsp.core.table.EmbeddingSource;
import java.util.List;
import org.geocsp.core.geo.LongitudePolicy;
import org.geocsp.core.table.ColumnInfo;
import org.geocsp.core.table.MissingValuePolicy;
import org.geocsp.core.table.RowValidator;
import org.geocsp.core.table.TableSchema;

/**
 * The resolved input columns of a training or prediction node.
 *
 * @param longitude index of the longitude column
 * @param latitude index of the latitude column
 * @param label index of the class-label column, or -1
 * @param embedding the image embeddings, or null
 * @param policy longitudes outside [-180, 180]
 * @param skipMissing skip rows with a missing value (else fail naming the row)
 */
public record DataColumns(int longitude, int latitude, int label, EmbeddingSource embedding, LongitudePolicy policy,
        boolean skipMissing) {

    /** How the nodes' messages name the input table. */
    public static final String WHERE = "the input table";

    /** The hint in the message about missing values. */
    public static final String MISSING_HINT = "set 'Rows with missing values' to 'skip row' to leave such rows out";

    /** Core's schema of these columns. */
    public TableSchema schema(List<ColumnInfo> columns) {
        TableSchema s = TableSchema.location(-1, longitude, columns.get(longitude).name(), latitude,
                columns.get(latitude).name()).withEmbedding(embedding);
        return label < 0 ? s : s.withLabel(label, columns.get(label).name());
    }

    /** Core's row validator with the node's missing-value and longitude settings: the CLI's rules. */
    public RowValidator validator(List<ColumnInfo> columns) {
        return new RowValidator(WHERE, schema(columns),
                skipMissing ? MissingValuePolicy.SKIP_AND_COUNT : MissingValuePolicy.FAIL, policy, false, MISSING_HINT);
    }
}
