package org.geocsp.core.predict;

import java.util.List;
import org.geocsp.core.settings.Param;

/**
 * The declarations of the prediction options that {@code geocsp predict} and the Spark entry point
 * ({@code geocsp-spark}) share: the one place of their defaults, ranges, labels and option names.
 */
public final class PredictParams {

    /** Upper bound of the rows of one batch read from the input. */
    public static final int MAX_BATCH = 1_000_000;
    /**
     * The most rows one forward pass takes (a pass holds about rows × classes floats); a larger
     * batch is predicted in passes of this size ({@link #rowsPerPass(int)}).
     */
    public static final int MAX_ROWS_PER_PASS = 8192;

    public static final Param TOP_K = Param.integer("top_k", "Top k", "--top-k", "Classes per row.", 5, 1, 10_000);
    public static final Param BATCH_SIZE = Param.integer("batch_size", "Batch size", "--batch-size",
            "Rows per batch (forward passes take at most " + MAX_ROWS_PER_PASS + " of them).", 4096, 1, MAX_BATCH);

    /** The shared options, in help order. */
    public static final List<Param> ALL = List.of(TOP_K, BATCH_SIZE);

    /** The rows per forward pass for a batch of {@code batchSize} rows. */
    public static int rowsPerPass(int batchSize) {
        return Math.min(batchSize, MAX_ROWS_PER_PASS);
    }

    private PredictParams() {
    }
}
