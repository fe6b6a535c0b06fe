package org.geocsp.core.loss;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/**
 * Holder of CLIP's learnable temperature: one parameter {@code logit_scale} (shape (1),
 * type OTHER so that weight initialisers leave it alone) initialised to ln(1/0.07). Add it as a
 * child block of the trainer's network so the optimiser updates it, and pass
 * {@link #value(ParameterStore, Device, boolean)} as {@link ContrastiveBatch#logitScale()}.
 * {@link McLoss} multiplies the in-batch cosines by exp(min(logit_scale, ln 100)); the clamp
 * happens in the loss (CLIP clamps the stored value instead), so a value above the cap gets no
 * gradient and the effective scale never exceeds 100.
 */
public final class LogitScaleBlock extends AbstractBlock {

    /** ln(1/0.07), CLIP's initial value. */
    public static final double INITIAL = Math.log(1 / 0.07);
    /** ln(100), the cap of the log scale. */
    public static final double MAX = Math.log(100);
    /** The parameter name. */
    public static final String PARAMETER = "logit_scale";

    private static final byte VERSION = 1;
    private final Parameter logitScale;

    public LogitScaleBlock() {
        this(INITIAL);
    }

    /** A block whose parameter starts at {@code initialLogScale}. */
    public LogitScaleBlock(double initialLogScale) {
        super(VERSION);
        logitScale = addParameter(Parameter.builder()
                .setName(PARAMETER)
                .setType(Parameter.Type.OTHER)
                .optShape(new Shape(1))
                .optInitializer(new ConstantInitializer((float) initialLogScale))
                .build());
    }

    /** The parameter itself (for optimiser registration or inspection). */
    public Parameter parameter() {
        return logitScale;
    }

    /** The current raw (log-space) value through the parameter store, shape (1). */
    public NDArray value(ParameterStore ps, Device device, boolean training) {
        return ps.getValue(logitScale, device, training);
    }

    /** Ignores its inputs and returns the raw log scale, shape (1). */
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        Device device = inputs.isEmpty() ? logitScale.getArray().getDevice() : inputs.head().getDevice();
        return new NDList(value(ps, device, training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(1)};
    }
}
