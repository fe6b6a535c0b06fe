package org.geocsp.core.encode;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

/**
 * Space2Vec-theory (reference {@code theory}, Mai et al. 2020): the coordinate in degrees is
 * projected onto three unit vectors 120° apart, a1 = (1, 0), a2 = (−½, √3/2), a3 = (−½, −√3/2),
 * and each projection p_k is encoded as [sin(p_k·ω_s), cos(p_k·ω_s)]. Frequency-major layout:
 * for each scale s, {@code [sin p1ω, cos p1ω, sin p2ω, cos p2ω, sin p3ω, cos p3ω]}; 6S features.
 * Like Space2Vec-grid, the angle is degrees times ω with no radian conversion.
 */
public final class TheoryEncoder extends PositionEncoder {

    private static final double HALF_SQRT3 = Math.sqrt(3) / 2.0;
    /** Columns are a1, a2, a3 (shape 2 × 3), so (B, 2) · A gives the three projections. */
    private static final double[] UNIT_VECTORS = {1.0, -0.5, -0.5, 0.0, HALF_SQRT3, -HALF_SQRT3};

    private final double[] freqs;

    public TheoryEncoder(EncoderSpec spec) {
        super(spec);
        this.freqs = spec.frequencies();
    }

    @Override
    public int outputDim() {
        return 6 * freqs.length;
    }

    @Override
    protected NDArray encode(NDArray lonLatDeg, ParameterStore ps, boolean training) {
        long b = lonLatDeg.getShape().get(0);
        int s = freqs.length;
        NDArray a = EncoderMath.frequencies(lonLatDeg, UNIT_VECTORS, 2, 3);
        NDArray p = lonLatDeg.matMul(a).reshape(b, 1, 3); // (B, 1, 3)
        NDArray angles = p.mul(EncoderMath.frequencies(lonLatDeg, freqs, 1, s, 1)); // (B, S, 3)
        return EncoderMath.stackLast(angles.sin(), angles.cos()).reshape(new Shape(b, outputDim())); // (B, S, 3, 2)
    }
}
