package org.geocsp.core.encode;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

/**
 * NeRF positional encoding on the unit sphere (reference {@code nerf}, Mildenhall et al. 2020 as
 * used by Sphere2Vec): first the point (x, y, z) as in {@link XyzEncoder}, then for
 * ω_l = π·2^l, l = 0..S−1, the layout
 * {@code [sin(x·ω_0..ω_{S−1}), sin(y·ω_*), sin(z·ω_*), cos(x·ω_*), cos(y·ω_*), cos(z·ω_*)]}; 6S
 * features. The schedule is always π·2^l: the frequency init and the radii are ignored.
 *
 * <p>With S = 32 the highest angle is about 2³¹π·|x|, where float64 resolves only ~1e-6 rad, so
 * the top scales are sensitive to the last bit of x, y, z; they are computed in float64 with the
 * reference's operation order.
 */
public final class NerfEncoder extends PositionEncoder {

    private final double[] freqs;

    public NerfEncoder(EncoderSpec spec) {
        super(spec);
        this.freqs = Frequencies.of(FrequencyInit.NERF, spec.frequencyNum(), spec.minRadius(), spec.maxRadius(),
                spec.seed());
    }

    @Override
    public int outputDim() {
        return 6 * freqs.length;
    }

    @Override
    protected NDArray encode(NDArray lonLatDeg, ParameterStore ps, boolean training) {
        long b = lonLatDeg.getShape().get(0);
        int s = freqs.length;
        NDArray xyz = XyzEncoder.unitSphere(lonLatDeg).reshape(b, 3, 1);
        NDArray angles = xyz.mul(EncoderMath.frequencies(lonLatDeg, freqs, 1, 1, s)); // (B, 3, S)
        return NDArrays.concat(new NDList(angles.sin(), angles.cos()), 1) // (B, 6, S)
                .reshape(new Shape(b, outputDim()));
    }
}
