package org.geocsp.cli.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.geocsp.core.runtime.GradMode;

/**
 * A hardware baseline for benchmark reports: dense float32 matrix multiplication through the
 * engine (n x n times n x n, 2n³ floating-point operations), in GFLOP/s. Model throughput divided
 * by this number says how close a model comes to the machine's BLAS peak.
 */
public final class MatmulProbe {

    /** Default matrix size. */
    public static final int DEFAULT_SIZE = 1024;

    private MatmulProbe() {}

    /**
     * Measures float32 matmul throughput on the manager's device with autograd off.
     *
     * @param size n, the matrix size
     * @param budgetSeconds wall budget of the timed part (see {@link Throughput})
     * @return the measurement in FLOP/s (divide by 1e9 for GFLOP/s)
     */
    public static Throughput.Measurement measure(NDManager manager, int size, double budgetSeconds) throws Exception {
        try (GradMode g = GradMode.disabled(); NDManager m = manager.newSubManager()) {
            NDArray a = m.randomUniform(-1, 1, new Shape(size, size));
            NDArray b = m.randomUniform(-1, 1, new Shape(size, size));
            double flops = 2.0 * size * size * (double) size;
            // closing the product frees it at once, so memory stays flat however many runs; on a GPU
            // each product is awaited, else the timing would measure only the queueing of kernels
            return Throughput.measure(() -> {
                try (NDArray c = a.matMul(b)) {
                    Utilisation.await(c);
                }
            }, flops, budgetSeconds);
        }
    }

    /** The median float32 matmul rate on the manager's device, with that device (for {@link Utilisation}). */
    public static Utilisation.Baseline baseline(NDManager manager, int size, double budgetSeconds) throws Exception {
        return new Utilisation.Baseline(gflops(manager, size, budgetSeconds), manager.getDevice());
    }

    /** The median float32 matmul rate in GFLOP/s. */
    public static double gflops(NDManager manager, int size, double budgetSeconds) throws Exception {
        return measure(manager, size, budgetSeconds).medianPerSecond() / 1e9;
    }
}
