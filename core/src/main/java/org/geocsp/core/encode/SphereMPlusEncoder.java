package org.geocsp.core.encode;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

/**
 * Sphere2Vec-sphereM+ (reference {@code spheregridmixscale}): sphereM plus the grid terms; at each
 * scale s {@code [sin φ_s, cos φ_s, sin λ_s, cos λ_s, cos φ_s cos λ, cos φ cos λ_s, cos φ_s sin λ,
 * cos φ sin λ_s]} (notation of {@link SphereMEncoder}). Scale-major layout; 8S features.
 *
 * <p>Uses the shared schedule with r_min, as gengchenmai/sphere2vec does; TorchSpatial instead
 * uses 1/r_max^(s/(S−1)) for this encoder ({@link Frequencies#maxRadiusOnly}), so its values differ.
 */
public final class SphereMPlusEncoder extends PositionEncoder {

    private final double[] freqs;

    public SphereMPlusEncoder(EncoderSpec spec) {
        super(spec);
        this.freqs = spec.frequencies();
    }

    @Override
    public int outputDim() {
        return 8 * freqs.length;
    }

    @Override
    protected NDArray encode(NDArray lonLatDeg, ParameterStore ps, boolean training) {
        long b = lonLatDeg.getShape().get(0);
        SphereAngles a = SphereAngles.radiansThenScale(lonLatDeg, freqs);
        NDArray sinLatS = a.latS.sin();
        NDArray cosLatS = a.latS.cos();
        NDArray sinLonS = a.lonS.sin();
        NDArray cosLonS = a.lonS.cos();
        NDArray cosLat = a.lat.cos();
        return EncoderMath.stackLast(sinLatS, cosLatS, sinLonS, cosLonS, cosLatS.mul(a.lon.cos()), cosLat.mul(cosLonS),
                cosLatS.mul(a.lon.sin()), cosLat.mul(sinLonS))
                .reshape(new Shape(b, outputDim())); // (B, S, 8)
    }
}
