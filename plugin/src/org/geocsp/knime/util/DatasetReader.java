package org.geocsp.knime.util;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.geocsp.core.data.GeoDataset;
import org.geocsp.core.geo.Coordinates;
import org.geocsp.core.geo.InvalidInputException;
import org.geocsp.core.geo.LongitudePolicy;
import org.geocsp.knime.config.DataColumns;
import org.geocsp.core.table.EmbeddingSource;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.StringValue;
import org.knime.core.data.collection.CollectionDataValue;
import org.knime.core.data.container.CloseableRowIterator;
import org.knime.core.data.vector.doublevector.DoubleVectorValue;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.KNIMEConstants;

/**
 * Streams a KNIME table into a core {@link GeoDataset}: coordinates and labels into small arrays,
 * image embeddings row by row into core's memory-mapped feature store (in KNIME's temp folder), so
 * large embedding tables never sit on the Java heap.
 *
 * <p>Per row: a missing coordinate, label or embedding (or embedding element) skips the row or
 * fails, as the node's "Rows with missing values" setting says; a coordinate out of range is always
 * an error naming the row (longitudes are wrapped instead when the node says so).
 */
public final class DatasetReader {

    /**
     * The dataset and what was left out.
     *
     * @param dataset the rows read (the caller closes it)
     * @param skipped rows skipped for missing values
     * @param skippedExamples row keys of the first skipped rows
     */
    public record Result(GeoDataset dataset, long skipped, List<String> skippedExamples) {

        /** A warning for the node, or null when nothing was skipped. */
        public String warning() {
            return skipped == 0 ? null
                : skipped + " row(s) with missing values were skipped, e.g. " + String.join(", ", skippedExamples);
        }
    }

    private static final int EXAMPLES = 3;

    private DatasetReader() {}

    /**
     * Reads the table.
     *
     * @param vocabulary class labels to number first (e.g. the label column's domain), or empty
     * @throws InvalidInputException naming every bad row kind with examples
     */
    public static Result read(final BufferedDataTable table, final DataColumns cols, final List<String> vocabulary,
        final ExecutionMonitor exec) throws IOException, CanceledExecutionException {
        DataTableSpec spec = table.getDataTableSpec();
        String lonName = spec.getColumnSpec(cols.longitude()).getName();
        String latName = spec.getColumnSpec(cols.latitude()).getName();
        EmbeddingSource emb = cols.embedding();
        Path temp = Path.of(KNIMEConstants.getKNIMETempDir());
        Map<String, Issue> issues = new LinkedHashMap<>();
        long skipped = 0;
        List<String> skippedExamples = new ArrayList<>();
        long n = table.size();
        long i = 0;
        int width = emb == null ? 0 : emb.width();
        boolean featuresSet = false;
        GeoDataset.Builder b = GeoDataset.builder().columnNames(lonName, latName);
        try {
            if (cols.label() >= 0) {
                b.withLabels(spec.getColumnSpec(cols.label()).getName(), vocabulary, false);
            }
            try (CloseableRowIterator it = table.iterator()) {
                while (it.hasNext()) {
                    DataRow row = it.next();
                    i++;
                    exec.checkCanceled();
                    final long done = i;
                    exec.setProgress(n == 0 ? 1 : done / (double)n, () -> "reading row " + done + " of " + n);
                    String key = row.getKey().getString();
                    double lon = number(row.getCell(cols.longitude()));
                    double lat = number(row.getCell(cols.latitude()));
                    String label = cols.label() < 0 ? null : text(row.getCell(cols.label()));
                    float[] e = emb == null ? null : embedding(row, emb);
                    String missing = Double.isNaN(lon) ? lonName
                        : Double.isNaN(lat) ? latName
                        : cols.label() >= 0 && label == null ? spec.getColumnSpec(cols.label()).getName()
                        : emb != null && e == null ? emb.describe() : null;
                    if (missing != null) {
                        if (!cols.skipMissing()) {
                            issue(issues, "missing", "rows with a missing value (set 'Rows with missing values' to"
                                + " 'skip row' to leave them out)", key + " (" + missing + ")");
                        }
                        skipped++;
                        if (skippedExamples.size() < EXAMPLES) {
                            skippedExamples.add(key);
                        }
                        continue;
                    }
                    if (Double.isInfinite(lon) || Double.isInfinite(lat) || lat < -90 || lat > 90) {
                        issue(issues, "lat", "rows with a latitude outside [-90, 90] in column '" + latName
                            + "' (or an infinite coordinate)", key + ": " + lat);
                        continue;
                    }
                    if (lon < -180 || lon > 180) {
                        if (cols.policy() == LongitudePolicy.WRAP) {
                            lon = Coordinates.wrapLongitude(lon);
                        } else {
                            issue(issues, "lon", "rows with a longitude outside [-180, 180] in column '" + lonName
                                + "' (set 'Longitudes outside [-180, 180]' to 'wrap' to wrap them)", key + ": " + lon);
                            continue;
                        }
                    }
                    if (e != null) {
                        if (!featuresSet) {
                            width = width > 0 ? width : e.length;
                            b.withFeatures(width, temp);
                            featuresSet = true;
                        }
                        if (e.length != width) {
                            issue(issues, "width", "rows whose image embedding has another width than " + width,
                                key + ": " + e.length);
                            continue;
                        }
                    }
                    if (issues.isEmpty()) {
                        b.add(lon, lat, label, e, null);
                    }
                }
            }
            if (!cols.skipMissing()) {
                skipped = 0;
                skippedExamples.clear();
            }
            if (!issues.isEmpty()) {
                List<String> p = new ArrayList<>();
                for (Issue is : issues.values()) {
                    p.add(is.describe());
                }
                throw new InvalidInputException(p);
            }
            if (emb != null && !featuresSet) {
                throw new InvalidInputException("the input table has no row with all values present");
            }
            return new Result(b.build(), skipped, skippedExamples);
        } finally {
            b.close();
        }
    }

    private static double number(final DataCell c) {
        if (c.isMissing()) {
            return Double.NaN;
        }
        return ((DoubleValue)c).getDoubleValue();
    }

    private static String text(final DataCell c) {
        if (c.isMissing()) {
            return null;
        }
        String s = c instanceof StringValue sv ? sv.getStringValue() : c.toString();
        return s.isEmpty() ? null : s;
    }

    /** The embedding of a row, or null if it (or one of its elements) is missing. */
    public static float[] embedding(final DataRow row, final EmbeddingSource emb) {
        int[] cols = emb.columns();
        if (!emb.packed()) {
            float[] out = new float[cols.length];
            for (int k = 0; k < cols.length; k++) {
                DataCell c = row.getCell(cols[k]);
                if (c.isMissing()) {
                    return null;
                }
                out[k] = (float)((DoubleValue)c).getDoubleValue();
            }
            return out;
        }
        DataCell c = row.getCell(cols[0]);
        if (c.isMissing()) {
            return null;
        }
        if (c instanceof DoubleVectorValue v) {
            float[] out = new float[v.getLength()];
            for (int k = 0; k < out.length; k++) {
                out[k] = (float)v.getValue(k);
            }
            return out;
        }
        CollectionDataValue list = (CollectionDataValue)c;
        float[] out = new float[list.size()];
        int k = 0;
        for (DataCell x : list) {
            if (x.isMissing()) {
                return null;
            }
            out[k++] = (float)((DoubleValue)x).getDoubleValue();
        }
        return out;
    }

    private static void issue(final Map<String, Issue> issues, final String kind, final String what,
        final String example) {
        issues.computeIfAbsent(kind, k -> new Issue(what)).add(example);
    }

    private static final class Issue {
        private final String m_what;
        private long m_count;
        private final List<String> m_examples = new ArrayList<>();

        Issue(final String what) {
            m_what = what;
        }

        void add(final String example) {
            m_count++;
            if (m_examples.size() < EXAMPLES) {
                m_examples.add(example);
            }
        }

        String describe() {
            return String.format(Locale.ROOT, "%d %s, e.g. row %s", m_count, m_what, String.join(", row ", m_examples));
        }
    }
}
