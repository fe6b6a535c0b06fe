package org.geocsp.core.data;

import java.util.SplittableRandom;

/**
 * Chooses which rows an epoch visits and in what order. Implementations are stateless: the
 * order depends only on the random generator passed in, so {@link #order(long, int)} gives the
 * same rows for the same seed and epoch in every run (and after resuming from a checkpoint).
 */
public interface EpochSampler {

    /** The row indices of one epoch, drawn with {@code random}. */
    int[] order(SplittableRandom random);

    /** The row indices of epoch {@code epoch} (0-based) for a run seeded with {@code seed}. */
    default int[] order(long seed, int epoch) {
        return order(random(seed, epoch));
    }

    /**
     * The generator of one epoch. Seed and epoch are mixed through a 64-bit finaliser, because
     * {@code new SplittableRandom(seed + k)} streams for neighbouring seeds overlap.
     */
    static SplittableRandom random(long seed, int epoch) {
        return new SplittableRandom(mix(mix(seed) ^ (0x9E3779B97F4A7C15L * (epoch + 1L))));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
