package org.geocsp.knime.util;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.geocsp.core.data.GeoDataset;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.table.RowValidator;
import org.geocsp.core.table.TableSchema;
import org.geocsp.knime.config.DataColumns;
import org.knime.core.data.DataRow;
import org.knime.core.data.container.CloseableRowIterator;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.KNIMEConstants;

/**
 * Streams a KNIME table into a core {@link GeoDataset}: coordinates and labels into small arrays,
 * image embeddings row by row into core's memory-mapped feature store (in KNIME's temp folder), so
 * large embedding tables never sit on the Java heap.
 *
 * <p>The rows are validated by core's {@link RowValidator}, the same rules as the command line's:
 * a missing value skips the row or fails, as the node's "Rows with missing values" setting says;
 * NaN or infinite coordinates, coordinates out of range (longitudes are wrapped instead when the
 * node says so) and embedding values that are not finite float32 numbers are errors naming the
 * column and row, with counts and examples for the whole table.
 */
public final class DatasetReader {

    /** How messages name the table. */
    public static final String WHERE = DataColumns.WHERE;

    /**
     * The dataset and what was left out.
     *
     * @param dataset the rows read (the caller closes it)
     * @param skipped rows skipped for missing values
     * @param skippedExamples the first skipped rows with the reason
     */
    public record Result(GeoDataset dataset, long skipped, List<String> skippedExamples) {

        /** A warning for the node, or null when nothing was skipped. */
        public String warning() {
            return skipped == 0 ? null
                : skipped + " row(s) with missing values were skipped, e.g. " + String.join("; ", skippedExamples);
        }
    }

    private DatasetReader() {}

    /**
     * Reads the table.
     *
     * @param vocabulary class labels to number first (e.g. the label column's domain), or empty
     * @throws InvalidInputException naming every kind of bad row with counts and examples; saying
     *     that the table has no rows, or that no row has all values present
     */
    public static Result read(final BufferedDataTable table, final DataColumns cols, final List<String> vocabulary,
        final ExecutionMonitor exec) throws IOException, CanceledExecutionException {
        RowValidator v = cols.validator(ColumnTypes.of(table.getDataTableSpec()));
        TableSchema schema = v.schema();
        Path temp = Path.of(KNIMEConstants.getKNIMETempDir());
        long n = table.size();
        long i = 0;
        KnimeRowCells cells = new KnimeRowCells();
        GeoDataset.Builder b = null;
        try {
            try (CloseableRowIterator it = table.iterator()) {
                while (it.hasNext()) {
                    DataRow row = it.next();
                    i++;
                    exec.checkCanceled();
                    final long done = i;
                    exec.setProgress(n == 0 ? 1 : done / (double)n, () -> "reading row " + done + " of " + n);
                    if (!v.validate(i, row.getKey().getString(), cells.of(row)) || !v.problems().isEmpty()) {
                        continue;
                    }
                    if (b == null) {
                        b = GeoDataset.builder().columnNames(schema.lonName(), schema.latName());
                        if (schema.label() >= 0) {
                            b.withLabels(schema.labelName(), vocabulary, false);
                        }
                        if (schema.embedding() != null) {
                            b.withFeatures(v.width(), temp);
                        }
                    }
                    b.add(v.lon(), v.lat(), v.label(), v.embedding(), null);
                }
            }
            v.finish();
            return new Result(b.build(), v.skipped(), v.skippedExamples());
        } finally {
            if (b != null) {
                b.close();
            }
        }
    }
}
