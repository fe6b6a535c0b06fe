package org.geocsp.core.encode;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;

/**
 * The 4-d "wrap" encoding of Mac Aodha et al. 2019 (reference {@code geo_net} and
 * {@code geo_net_fft}): {@code [sin(π·lon/180), sin(π·lat/90), cos(π·lon/180), cos(π·lat/90)]}.
 * Both the {@code wrap} (residual network) and {@code wrap_ffn} (feed-forward network) encoders use
 * this same position encoding; they differ only in the trainable stack, which reads
 * {@link EncoderSpec#name()}.
 *
 * <p>Latitude quirk, kept for compatibility with the reference: latitude is normalised by 90, so its
 * period is 180° instead of the true 360° of a great circle. The features cannot tell a latitude φ
 * from 180° − φ (sin) or −φ (cos) on their own, and both poles map to the same point
 * (sin = 0, cos = −1). Longitude wraps correctly at the antimeridian. Ignores S and the radii.
 */
public final class WrapEncoder extends PositionEncoder {

    public WrapEncoder(EncoderSpec spec) {
        super(spec);
    }

    @Override
    public int outputDim() {
        return 4;
    }

    @Override
    protected NDArray encode(NDArray lonLatDeg, ParameterStore ps, boolean training) {
        // (lon/180, lat/90) as in the reference's global normalisation, then times π
        NDArray scale = EncoderMath.frequencies(lonLatDeg, new double[] {180.0, 90.0}, 1, 2);
        NDArray angles = lonLatDeg.div(scale).mul(Math.PI); // (B, 2)
        return NDArrays.concat(new NDList(angles.sin(), angles.cos()), 1); // [sin lon, sin lat, cos lon, cos lat]
    }
}
