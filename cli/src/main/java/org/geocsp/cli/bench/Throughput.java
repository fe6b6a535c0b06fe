package org.geocsp.cli.bench;

import java.util.Arrays;

/**
 * A timing loop for throughput benchmarks: warm up, then run the operation for a fixed wall
 * budget split into equal chunks, and report the median of the chunks' rates. The median of
 * several chunks resists one-off stalls (GC, another process taking a core), which a single
 * total would average in.
 */
public final class Throughput {

    /** Chunks a budget is split into. */
    public static final int DEFAULT_CHUNKS = 5;

    /** One operation of the benchmark; it must finish its work before returning. */
    @FunctionalInterface
    public interface Operation {
        void run() throws Exception;
    }

    /**
     * The result of a measurement.
     *
     * @param medianPerSecond median over the chunks of items per second
     * @param minPerSecond slowest chunk
     * @param maxPerSecond fastest chunk
     * @param chunks number of timed chunks
     * @param operations operations run in the timed chunks
     * @param seconds wall time of the timed chunks
     * @param warmupOperations operations run before timing
     */
    public record Measurement(double medianPerSecond, double minPerSecond, double maxPerSecond, int chunks,
            long operations, double seconds, long warmupOperations) {}

    private Throughput() {}

    /** As {@link #measure(Operation, double, double, int)} with {@link #DEFAULT_CHUNKS} chunks. */
    public static Measurement measure(Operation op, double itemsPerOperation, double budgetSeconds) throws Exception {
        return measure(op, itemsPerOperation, budgetSeconds, DEFAULT_CHUNKS);
    }

    /**
     * Measures the rate of an operation.
     *
     * @param op the operation (e.g. one forward pass of a batch)
     * @param itemsPerOperation items one operation processes (batch size, FLOPs, ...)
     * @param budgetSeconds wall budget of the timed part; each chunk runs at least one operation,
     *     so a slow operation may overrun it
     * @param chunks number of chunks the budget is split into
     */
    public static Measurement measure(Operation op, double itemsPerOperation, double budgetSeconds, int chunks)
            throws Exception {
        if (!(budgetSeconds > 0) || chunks < 1 || !(itemsPerOperation > 0)) {
            throw new IllegalArgumentException("budget (" + budgetSeconds + " s), chunks (" + chunks
                    + ") and items per operation (" + itemsPerOperation + ") must be positive");
        }
        long warmup = warmUp(op, budgetSeconds * 0.25);
        long chunkNanos = Math.max(1, (long) (budgetSeconds / chunks * 1e9));
        double[] rates = new double[chunks];
        long ops = 0;
        long total = 0;
        for (int c = 0; c < chunks; c++) {
            long n = 0;
            long start = System.nanoTime();
            long elapsed;
            do {
                op.run();
                n++;
                elapsed = System.nanoTime() - start;
            } while (elapsed < chunkNanos);
            rates[c] = n * itemsPerOperation / (elapsed / 1e9);
            ops += n;
            total += elapsed;
        }
        double[] sorted = rates.clone();
        Arrays.sort(sorted);
        double median = chunks % 2 == 1 ? sorted[chunks / 2] : (sorted[chunks / 2 - 1] + sorted[chunks / 2]) / 2;
        return new Measurement(median, sorted[0], sorted[chunks - 1], chunks, ops, total / 1e9, warmup);
    }

    /** Runs the operation at least twice (first-call allocations, JIT) and for at least {@code seconds}. */
    private static long warmUp(Operation op, double seconds) throws Exception {
        long n = 0;
        long start = System.nanoTime();
        long limit = (long) (seconds * 1e9);
        do {
            op.run();
            n++;
        } while (n < 2 || System.nanoTime() - start < limit);
        return n;
    }
}
