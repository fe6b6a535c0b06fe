package org.geocsp.core.encode;

import org.geocsp.core.runtime.Tensors;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.Random;

/**
 * Random Fourier features (reference {@code rff}, {@code RFFSpatialRelationEncoder}; Rahimi and
 * Recht 2007): (lon, lat) is min-max normalised to [−1, 1] over the extent
 * [−180, 180] × [−90, 90], then feature = √(2/D)·cos(x·W + b) with D = {@link EncoderSpec#frequencyNum()}.
 *
 * <p>W (parameter {@value #W}, shape (2, D)) has entries drawn from N(0, σ) where σ =
 * {@link EncoderSpec#kernelSize()} is the <em>variance</em> (standard deviation √σ): the reference
 * draws from a multivariate normal with covariance diag(σ), not diag(σ²); this is reproduced so
 * that reference settings mean the same here. b (parameter {@value #B}, shape (D)) is U(0, 2π).
 * Both are fixed (non-trainable) and saved with the model. They are drawn from
 * {@link EncoderSpec#seed()} with {@link java.util.Random}, whose algorithm is specified, so the
 * same seed gives the same features on every JVM and engine: W row-major first, then b.
 */
public final class RffEncoder extends PositionEncoder {

    /** Name of the frequency matrix parameter. */
    public static final String W = "W";
    /** Name of the phase parameter. */
    public static final String B = "b";

    private static final double[] EXTENT_MIN = {-180, -90};
    private static final double[] EXTENT_MAX = {180, 90};

    private final int dim;
    private final Parameter weights;
    private final Parameter phases;

    public RffEncoder(EncoderSpec spec) {
        super(spec);
        this.dim = spec.frequencyNum();
        Random r = new Random(spec.seed());
        double std = Math.sqrt(spec.kernelSize());
        double[] w = new double[2 * dim];
        for (int i = 0; i < w.length; i++) {
            w[i] = std * r.nextGaussian();
        }
        double[] b = new double[dim];
        for (int i = 0; i < dim; i++) {
            b[i] = 2 * Math.PI * r.nextDouble();
        }
        this.weights = addParameter(Parameter.builder()
                .setName(W)
                .setType(Parameter.Type.OTHER)
                .optShape(new Shape(2, dim))
                .optRequiresGrad(false)
                .optInitializer((m, shape, type) -> Tensors.owned(m.create(w, shape)).toType(type, false))
                .build());
        this.phases = addParameter(Parameter.builder()
                .setName(B)
                .setType(Parameter.Type.OTHER)
                .optShape(new Shape(dim))
                .optRequiresGrad(false)
                .optInitializer((m, shape, type) -> Tensors.owned(m.create(b, shape)).toType(type, false))
                .build());
    }

    @Override
    public int outputDim() {
        return dim;
    }

    @Override
    protected NDArray encode(NDArray lonLatDeg, ParameterStore parameterStore, boolean training) {
        var mgr = lonLatDeg.getManager();
        // stopGradient: W and b stay fixed even if a caller unfreezes every parameter of a model
        // (the float64 cast below also detaches in DJL 0.36, but that is not a documented guarantee).
        NDArray w = fixedValue(parameterStore, weights, lonLatDeg, training)
                .toType(DataType.FLOAT64, false);
        NDArray b = fixedValue(parameterStore, phases, lonLatDeg, training)
                .toType(DataType.FLOAT64, false).reshape(1, dim);
        NDArray min = mgr.create(EXTENT_MIN).reshape(1, 2);
        NDArray scale = mgr.create(new double[] {2 / (EXTENT_MAX[0] - EXTENT_MIN[0]),
            2 / (EXTENT_MAX[1] - EXTENT_MIN[1])}).reshape(1, 2);
        NDArray normalised = lonLatDeg.sub(min).mul(scale).sub(1); // (B, 2) in [−1, 1]
        return normalised.matMul(w).add(b).cos().mul(Math.sqrt(2.0 / dim));
    }
}
