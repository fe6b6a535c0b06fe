package org.geocsp.core.encode;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

/**
 * Sphere2Vec-sphereC+ (reference {@code spheregrid}): sphereC plus the grid terms; at each scale s
 * {@code [sin φ_s, cos φ_s, sin λ_s, cos λ_s, cos φ_s cos λ_s, cos φ_s sin λ_s]} with λ_s, φ_s in
 * radians times ω_s (shared frequency schedule). Scale-major layout; 6S features.
 */
public final class SphereCPlusEncoder extends PositionEncoder {

    private final double[] freqs;

    public SphereCPlusEncoder(EncoderSpec spec) {
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
        SphereAngles a = SphereAngles.scaleThenRadians(lonLatDeg, freqs);
        NDArray sinLat = a.latS.sin();
        NDArray cosLat = a.latS.cos();
        NDArray sinLon = a.lonS.sin();
        NDArray cosLon = a.lonS.cos();
        return EncoderMath.stackLast(sinLat, cosLat, sinLon, cosLon, cosLat.mul(cosLon), cosLat.mul(sinLon))
                .reshape(new Shape(b, outputDim())); // (B, S, 6)
    }
}
