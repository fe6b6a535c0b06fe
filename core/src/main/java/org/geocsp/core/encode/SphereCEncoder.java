package org.geocsp.core.encode;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

/**
 * Sphere2Vec-sphereC (reference {@code sphere}, Mai et al. 2023): at each scale s the point on the
 * unit sphere at the scaled angles, {@code [sin φ_s, cos φ_s cos λ_s, cos φ_s sin λ_s]}, with
 * λ_s, φ_s the longitude and latitude in radians times ω_s (shared frequency schedule,
 * r_min..r_max). Scale-major layout; 3S features.
 */
public final class SphereCEncoder extends PositionEncoder {

    private final double[] freqs;

    public SphereCEncoder(EncoderSpec spec) {
        super(spec);
        this.freqs = spec.frequencies();
    }

    @Override
    public int outputDim() {
        return 3 * freqs.length;
    }

    @Override
    protected NDArray encode(NDArray lonLatDeg, ParameterStore ps, boolean training) {
        long b = lonLatDeg.getShape().get(0);
        SphereAngles a = SphereAngles.scaleThenRadians(lonLatDeg, freqs);
        NDArray cosLat = a.latS.cos();
        return EncoderMath.stackLast(a.latS.sin(), cosLat.mul(a.lonS.cos()), cosLat.mul(a.lonS.sin()))
                .reshape(new Shape(b, outputDim())); // (B, S, 3)
    }
}
