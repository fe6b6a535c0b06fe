package org.geocsp.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.Map;

/**
 * The trainable network after the position encoder: (B, inputDim) float32 features to the
 * (B, outputDim) location embedding. Subclasses are sequential; their children are initialised
 * in order with the shape the previous child produces.
 */
public abstract class LocationStack extends AbstractBlock {

    private static final byte VERSION = 1;

    private final StackSpec spec;
    private final int inputDim;

    protected LocationStack(StackSpec spec, int inputDim) {
        super(VERSION);
        if (inputDim < 1) {
            throw new IllegalArgumentException("input dimension of the network must be positive, got " + inputDim);
        }
        this.spec = spec;
        this.inputDim = inputDim;
    }

    /** Builds the stack of a spec for features of width {@code inputDim}. */
    public static LocationStack create(StackSpec spec, int inputDim) {
        return switch (spec.kind()) {
            case FFN -> new FeedForwardStack(spec, inputDim);
            case RESIDUAL -> new ResidualStack(spec, inputDim);
            case SIREN -> new SirenStack(spec, inputDim);
        };
    }

    public StackSpec spec() {
        return spec;
    }

    public int inputDim() {
        return inputDim;
    }

    public int outputDim() {
        return spec.outputDim();
    }

    /**
     * Adds every parameter under its reference PyTorch name.
     *
     * @param locEncPrefix the prefix of the location encoder module, e.g. {@code "loc_enc."}
     */
    public abstract void collectReferenceNames(String locEncPrefix, Map<String, Parameter> out);

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] shapes = inputShapes;
        for (Block child : getChildren().values()) {
            child.initialize(manager, dataType, shapes);
            shapes = child.getOutputShapes(shapes);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), outputDim())};
    }

    /** Dropout with probability p when training; the identity otherwise or when p is 0. */
    static NDArray dropout(NDArray x, double p, boolean training) {
        if (!training || p <= 0) {
            return x;
        }
        return FastDropout.apply(x, p);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + inputDim + " -> " + outputDim() + ", " + spec + ")";
    }
}
