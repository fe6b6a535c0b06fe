package org.geocsp.core.data;

import java.util.SplittableRandom;

/** The default sampler: every row once per epoch, in a fresh uniformly random order. */
public final class UniformShuffle implements EpochSampler {

    private final int[] rows;

    /** Shuffles rows 0..size-1. */
    public UniformShuffle(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0, was " + size);
        }
        this.rows = Shuffles.identity(size);
    }

    /** Shuffles the given rows (copied). */
    public UniformShuffle(int[] rows) {
        this.rows = rows.clone();
    }

    @Override
    public int[] order(SplittableRandom random) {
        int[] out = rows.clone();
        Shuffles.shuffle(out, random);
        return out;
    }
}
