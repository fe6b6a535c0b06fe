package org.geocsp.core.encode;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

/**
 * Space2Vec-grid (reference {@code gridcell}, Mai et al. 2020): for each coordinate c in
 * degrees and each scale s, [sin(c·ω_s), cos(c·ω_s)], laid out
 * {@code [lon: sin ω0, cos ω0, sin ω1, ..., lat: sin ω0, cos ω0, ...]}; 4S features. The angle is
 * degrees times ω with no radian conversion, as in the reference.
 */
public final class GridCellEncoder extends PositionEncoder {

    private final double[] freqs;

    public GridCellEncoder(EncoderSpec spec) {
        super(spec);
        this.freqs = spec.frequencies();
    }

    @Override
    public int outputDim() {
        return 4 * freqs.length;
    }

    @Override
    protected NDArray encode(NDArray lonLatDeg, ParameterStore ps, boolean training) {
        long b = lonLatDeg.getShape().get(0);
        NDArray w = lonLatDeg.getManager().create(freqs).reshape(1, 1, freqs.length);
        NDArray angles = lonLatDeg.reshape(b, 2, 1).mul(w); // (B, 2, S)
        return NDArrays.stack(new ai.djl.ndarray.NDList(angles.sin(), angles.cos()), 3) // (B, 2, S, 2)
                .reshape(new Shape(b, outputDim()));
    }
}
