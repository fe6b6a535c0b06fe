package org.geocsp.core.encode;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;

/**
 * xyz (reference {@code xyz}, Sphere2Vec paper baseline): the point on the unit sphere,
 * {@code [cos φ cos λ, cos φ sin λ, sin φ]} with λ, φ the longitude and latitude in radians.
 * 3 features; ignores S and the radii.
 */
public final class XyzEncoder extends PositionEncoder {

    public XyzEncoder(EncoderSpec spec) {
        super(spec);
    }

    @Override
    public int outputDim() {
        return 3;
    }

    @Override
    protected NDArray encode(NDArray lonLatDeg, ParameterStore ps, boolean training) {
        return unitSphere(lonLatDeg);
    }

    /**
     * (B, 2) degrees to (B, 3) unit vectors (x, y, z). Radians are deg·(π/180) with one constant,
     * and cos φ is multiplied after, as in the reference; NeRF amplifies any last-ulp change here.
     */
    static NDArray unitSphere(NDArray lonLatDeg) {
        NDList lonLat = EncoderMath.lonLat(lonLatDeg.mul(EncoderMath.DEG_TO_RAD));
        NDArray lon = lonLat.get(0);
        NDArray lat = lonLat.get(1);
        NDArray cosLat = lat.cos();
        return NDArrays.concat(new NDList(cosLat.mul(lon.cos()), cosLat.mul(lon.sin()), lat.sin()), 1);
    }
}
