package org.geocsp.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** A head that is one {@link LinearLayer} (PyTorch default init): inputs (B, in) to logits (B, out). */
abstract class LinearHead extends AbstractBlock {

    private final LinearLayer linear;

    LinearHead(String childName, int inputDim, int outputDim, boolean withBias) {
        super((byte) 1);
        this.linear = addChildBlock(childName, LinearLayer.torchDefault(inputDim, outputDim, withBias));
    }

    public LinearLayer linear() {
        return linear;
    }

    public int numClasses() {
        return linear.outputDim();
    }

    /** (B, in) to (B, C) logits. */
    public NDArray logits(ParameterStore ps, NDArray input, boolean training) {
        return linear.apply(ps, input, training);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(logits(ps, inputs.head(), training));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        linear.initialize(manager, dataType, inputShapes);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return linear.getOutputShapes(inputShapes);
    }
}
