package org.geocsp.core.geo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

/**
 * Base of the samplers: owns the seeded {@link SplittableRandom} and a reused staging buffer for
 * {@link #sample(NDManager, int)}. Subclasses draw one point at a time.
 */
public abstract class SeededLocationSampler implements LocationSampler {

    private SplittableRandom random;
    private final double[] point = new double[2];
    private ByteBuffer staging;

    protected SeededLocationSampler(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** Draws one point: writes lon into out[0] and lat into out[1] (degrees). */
    /** Restarts the sequence as if the sampler had been created with {@code seed}. */
    @Override
    public final void reseed(long seed) {
        this.random = new SplittableRandom(seed);
    }

    protected abstract void next(SplittableRandom rng, double[] out);

    @Override
    public final void sample(double[] lonDeg, double[] latDeg, int offset, int n) {
        if (offset < 0 || n < 0 || offset + n > lonDeg.length || offset + n > latDeg.length) {
            throw new IndexOutOfBoundsException("cannot fill " + n + " locations from index " + offset
                    + " into arrays of length " + lonDeg.length + " and " + latDeg.length);
        }
        for (int i = offset; i < offset + n; i++) {
            next(random, point);
            lonDeg[i] = point[0];
            latDeg[i] = point[1];
        }
    }

    @Override
    public final NDArray sample(NDManager manager, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("cannot sample a negative number of locations: " + n);
        }
        int bytes = Math.multiplyExact(n, 16);
        if (staging == null || staging.capacity() < bytes) {
            staging = ByteBuffer.allocateDirect(Math.max(bytes, 1024)).order(ByteOrder.nativeOrder());
        }
        staging.clear();
        for (int i = 0; i < n; i++) {
            next(random, point);
            staging.putDouble(point[0]).putDouble(point[1]);
        }
        staging.flip();
        // A direct buffer is wrapped without a copy, so clone it before the buffer is reused.
        try (NDArray view = manager.create(staging, new Shape(n, 2), DataType.FLOAT64)) {
            return view.duplicate();
        }
    }
}
