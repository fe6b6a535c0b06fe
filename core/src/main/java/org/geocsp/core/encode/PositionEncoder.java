package org.geocsp.core.encode;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A position encoder PE(lon, lat): the fixed (or, for tile_ffn, embedding-table) map from a
 * location to features that the trainable stack consumes. A DJL block computed entirely on the
 * model's device: input is one NDArray of shape (B, 2) holding (longitude, latitude) in degrees,
 * in any floating type; the angles are computed in float64 and the output is float32 (B, D).
 *
 * <p>Subclasses implement {@link #encode(NDArray, ParameterStore, boolean)} on a float64 input.
 */
public abstract class PositionEncoder extends AbstractBlock {

    private static final byte VERSION = 1;

    private final EncoderSpec spec;

    protected PositionEncoder(EncoderSpec spec) {
        super(VERSION);
        this.spec = spec;
    }

    /** The settings this encoder was built from (canonical name and hyper-parameters). */
    public EncoderSpec spec() {
        return spec;
    }

    /** The number of output features D. */
    public abstract int outputDim();

    /**
     * Computes the features.
     *
     * @param lonLatDeg float64 (B, 2) of (longitude, latitude) in degrees, on the model's device
     * @return (B, D) features in float64 (or float32 where the encoder is a table lookup)
     */
    protected abstract NDArray encode(NDArray lonLatDeg, ParameterStore parameterStore, boolean training);

    /**
     * Lets encoders that depend on data (rbf anchors sampled from training locations) fit
     * themselves before training. The default does nothing.
     *
     * @param lonDeg training longitudes in degrees (validated)
     * @param latDeg training latitudes in degrees (validated)
     * @param seed seed for any sampling
     */
    public void fitToData(double[] lonDeg, double[] latDeg, long seed) {
        // most encoders are data-independent
    }

    /**
     * The value of a fixed (never trained) parameter for this forward pass, detached from the
     * gradient and owned by the manager of {@code like} (the batch's), so that it is freed with the
     * batch instead of accumulating in the model's manager.
     */
    protected static NDArray fixedValue(ParameterStore ps, ai.djl.nn.Parameter p, NDArray like, boolean training) {
        NDArray detached = ps.getValue(p, like.getDevice(), training).stopGradient();
        detached.attach(like.getManager());
        return detached;
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray coords = inputs.head();
        NDArray coords64 = coords.getDataType() == DataType.FLOAT64 ? coords : coords.toType(DataType.FLOAT64, false);
        NDArray features = encode(coords64, parameterStore, training);
        if (features.getDataType() != DataType.FLOAT32) {
            features = features.toType(DataType.FLOAT32, false);
        }
        return new NDList(features);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), outputDim())};
    }

    @Override
    public String toString() {
        return spec.name() + "(" + outputDim() + ")";
    }
}
