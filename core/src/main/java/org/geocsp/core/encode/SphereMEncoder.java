package org.geocsp.core.encode;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

/**
 * Sphere2Vec-sphereM (reference {@code spheremixscale}): each term mixes one multi-scale angle
 * with one single-scale angle; at each scale s
 * {@code [sin φ_s, cos φ_s cos λ, cos φ cos λ_s, cos φ_s sin λ, cos φ sin λ_s]}, where λ, φ are
 * the longitude and latitude in radians and λ_s, φ_s those times ω_s (shared frequency schedule).
 * Scale-major layout; 5S features.
 */
public final class SphereMEncoder extends PositionEncoder {

    private final double[] freqs;

    public SphereMEncoder(EncoderSpec spec) {
        super(spec);
        this.freqs = spec.frequencies();
    }

    @Override
    public int outputDim() {
        return 5 * freqs.length;
    }

    @Override
    protected NDArray encode(NDArray lonLatDeg, ParameterStore ps, boolean training) {
        long b = lonLatDeg.getShape().get(0);
        SphereAngles a = SphereAngles.radiansThenScale(lonLatDeg, freqs);
        NDArray cosLatS = a.latS.cos(); // (B, S)
        NDArray cosLat = a.lat.cos(); // (B, 1), broadcast over the scales
        return EncoderMath.stackLast(a.latS.sin(), cosLatS.mul(a.lon.cos()), cosLat.mul(a.lonS.cos()),
                cosLatS.mul(a.lon.sin()), cosLat.mul(a.lonS.sin()))
                .reshape(new Shape(b, outputDim())); // (B, S, 5)
    }
}
