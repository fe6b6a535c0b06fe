package org.geocsp.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.util.RandomUtils;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

/**
 * Inverted dropout whose random mask is drawn in Java rather than by libtorch. PyTorch's CPU
 * dropout draws one number per element from a sequential generator; at the CSP batch size
 * (3 × 1024 rows × 512 units per step) that took 20–40 ms per layer here, more than the matrix
 * products. Here a {@link SplittableRandom} fills 32 random bits per element into a reused direct
 * buffer (about 1 ms), the device compares them with a threshold and the result scales the
 * input: keep with probability 1 − p (exact to 2^−32), scale kept units by 1/(1 − p).
 *
 * <p>Reproducibility: each call seeds its generator from DJL's {@link RandomUtils#RANDOM}, which
 * {@code Engine.setRandomSeed} resets, so a trainer that re-seeds the engine per step gets the
 * same masks in every run.
 */
final class FastDropout {

    private static final ThreadLocal<ByteBuffer> BUFFER = new ThreadLocal<>();

    private FastDropout() {}

    static NDArray apply(NDArray x, double p) {
        long n = x.getShape().size();
        if (n == 0) {
            return x;
        }
        if (n > Integer.MAX_VALUE / 4) {
            return ai.djl.nn.norm.Dropout.dropout(x, (float) p, true).head();
        }
        int bytes = (int) n * 4;
        ByteBuffer buf = BUFFER.get();
        if (buf == null || buf.capacity() < bytes) {
            buf = ByteBuffer.allocateDirect(Math.max(bytes, 1 << 16)).order(ByteOrder.nativeOrder());
            BUFFER.set(buf);
        }
        buf.clear();
        SplittableRandom rng = new SplittableRandom(RandomUtils.RANDOM.nextLong());
        int longs = bytes / 8;
        for (int i = 0; i < longs; i++) {
            buf.putLong(rng.nextLong());
        }
        if ((n & 1) == 1) {
            buf.putInt(rng.nextInt());
        }
        buf.flip();
        // a uniform signed 32-bit value v is kept when v >= t, which happens with probability 1 - p
        long t = Math.round(p * 4294967296.0) - 2147483648L;
        NDArray scaledMask;
        try (NDArray bits = x.getManager().create(buf, x.getShape(), DataType.INT32)) {
            // bits may alias the reused buffer: derive an owned array before it is closed
            try (NDArray keep = bits.gte((int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, t)))) {
                scaledMask = keep.toType(x.getDataType(), false).muli(1.0 / (1.0 - p));
            }
        }
        return x.mul(scaledMask);
    }
}
