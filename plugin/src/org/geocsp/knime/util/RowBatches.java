package org.geocsp.knime.util;

import java.util.ArrayList;
import java.util.List;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.container.CloseableRowIterator;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionMonitor;

/**
 * Streams a table in batches of rows for the predictor nodes: only one batch of rows is held at a
 * time; progress and cancellation are checked per row.
 */
public final class RowBatches {

    /** Handles one batch; {@code firstRow} is the 1-based number of its first row. */
    @FunctionalInterface
    public interface BatchHandler {
        void handle(List<DataRow> rows, long firstRow) throws Exception;
    }

    private RowBatches() {}

    public static void forEach(final BufferedDataTable table, final int batchSize, final ExecutionMonitor exec,
        final String what, final BatchHandler handler) throws Exception {
        long n = table.size();
        long done = 0;
        List<DataRow> batch = new ArrayList<>(Math.min(batchSize, (int)Math.min(n, Integer.MAX_VALUE)));
        try (CloseableRowIterator it = table.iterator()) {
            while (it.hasNext()) {
                exec.checkCanceled();
                batch.add(it.next());
                done++;
                if (batch.size() == batchSize || !it.hasNext()) {
                    final long d = done;
                    exec.setProgress(n == 0 ? 1 : d / (double)n, () -> what + " " + d + " of " + n);
                    handler.handle(batch, d - batch.size() + 1);
                    batch = new ArrayList<>(batch.size());
                }
            }
        }
    }

    /** The value of a number cell, NaN for a missing cell. */
    public static double number(final DataCell c) {
        return c.isMissing() ? Double.NaN : ((DoubleValue)c).getDoubleValue();
    }
}
