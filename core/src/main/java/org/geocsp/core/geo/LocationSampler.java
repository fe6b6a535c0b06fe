package org.geocsp.core.geo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * A source of random locations (longitude, latitude in degrees), e.g. the negatives of the
 * contrastive losses. Each sampler draws from its own seeded {@link java.util.SplittableRandom},
 * so its sequence depends only on its seed and the calls made on it, never on the DJL engine RNG
 * or on other threads. Samplers are not thread-safe: use one per thread.
 */
public interface LocationSampler {

    /** The name this sampler is parsed from (see {@link Samplers}). */
    String name();

    /**
     * Restarts the sequence as if the sampler had been created with {@code seed}, so that a
     * trainer can derive each step's negatives from (run seed, step) without rebuilding it.
     */
    void reseed(long seed);

    /** Fills lonDeg[offset .. offset+n) and latDeg[offset .. offset+n). */
    void sample(double[] lonDeg, double[] latDeg, int offset, int n);

    /** Fills both arrays completely (they must have equal lengths). */
    default void sample(double[] lonDeg, double[] latDeg) {
        if (lonDeg.length != latDeg.length) {
            throw new IllegalArgumentException("longitude and latitude arrays differ in length: " + lonDeg.length
                    + " and " + latDeg.length);
        }
        sample(lonDeg, latDeg, 0, lonDeg.length);
    }

    /**
     * n locations as an (n, 2) float64 NDArray [lon, lat] in {@code manager}. The array owns its
     * memory; the sampler's staging buffer is reused between calls.
     */
    NDArray sample(NDManager manager, int n);
}
