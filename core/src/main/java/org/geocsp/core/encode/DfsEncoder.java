package org.geocsp.core.encode;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

/**
 * Sphere2Vec-dfs (reference {@code dft}), the double Fourier sphere basis: with
 * {@code lonF = [sin λ_0..λ_{S−1}, cos λ_0..λ_{S−1}]} and latF built the same way from φ
 * (radians times ω_s, shared frequency schedule), first all 4S² products, entry d·2S + k being
 * lonF[d]·latF[k], then per scale s {@code [sin φ_s, cos φ_s, sin λ_s, cos λ_s]}; 4S² + 4S features
 * (4224 at S = 32, so this encoder is memory-heavy).
 *
 * <p>Uses the shared schedule with r_min, as gengchenmai/sphere2vec does; TorchSpatial instead
 * uses 1/r_max^(s/(S−1)) for this encoder, so its values differ.
 */
public final class DfsEncoder extends PositionEncoder {

    private final double[] freqs;

    public DfsEncoder(EncoderSpec spec) {
        super(spec);
        this.freqs = spec.frequencies();
    }

    @Override
    public int outputDim() {
        int s = freqs.length;
        return 4 * s * s + 4 * s;
    }

    @Override
    protected NDArray encode(NDArray lonLatDeg, ParameterStore ps, boolean training) {
        long b = lonLatDeg.getShape().get(0);
        int s = freqs.length;
        SphereAngles a = SphereAngles.radiansThenScale(lonLatDeg, freqs);
        NDArray sinLatS = a.latS.sin();
        NDArray cosLatS = a.latS.cos();
        NDArray sinLonS = a.lonS.sin();
        NDArray cosLonS = a.lonS.cos();
        NDArray lonF = NDArrays.concat(new NDList(sinLonS, cosLonS), 1).reshape(b, 2L * s, 1);
        NDArray latF = NDArrays.concat(new NDList(sinLatS, cosLatS), 1).reshape(b, 1, 2L * s);
        NDArray products = lonF.mul(latF).reshape(b, 4L * s * s); // outer product, row-major (d, k)
        NDArray perScale = EncoderMath.stackLast(sinLatS, cosLatS, sinLonS, cosLonS).reshape(b, 4L * s);
        return NDArrays.concat(new NDList(products, perScale), 1).reshape(new Shape(b, outputDim()));
    }
}
