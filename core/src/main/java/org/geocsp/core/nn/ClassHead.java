package org.geocsp.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The class head T of CSP ({@code class_emb = Linear(d, C, bias=False)}): location embedding
 * (B, d) to class logits (B, C); P(class | location) = sigmoid(logits). PyTorch default init.
 */
public final class ClassHead extends AbstractBlock {

    private final LinearLayer linear;

    public ClassHead(int embeddingDim, int numClasses) {
        super((byte) 1);
        if (numClasses < 1) {
            throw new IllegalArgumentException("a class head needs at least one class, got " + numClasses);
        }
        this.linear = addChildBlock("class_emb", LinearLayer.torchDefault(embeddingDim, numClasses, false));
    }

    public LinearLayer linear() {
        return linear;
    }

    public int numClasses() {
        return linear.outputDim();
    }

    public NDArray logits(ParameterStore ps, NDArray embedding, boolean training) {
        return linear.apply(ps, embedding, training);
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
