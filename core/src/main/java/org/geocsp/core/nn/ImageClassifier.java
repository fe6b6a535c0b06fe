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
 * The image classifier of CSP's combined prediction, P(class | image) = softmax(A·f + b) on the
 * locked image embedding f (B, d_img). CSP takes this classifier from the image model; GeoCSP
 * can learn it as a linear probe next to the class head during fine-tuning, from the same
 * labelled rows, so that a model predicts from (location, image embedding) alone. Stored as
 * {@code img_cls.weight} (C, d_img) and {@code img_cls.bias} (C); PyTorch default init.
 */
public final class ImageClassifier extends AbstractBlock {

    private final LinearLayer linear;

    public ImageClassifier(int imageDim, int numClasses) {
        super((byte) 1);
        if (imageDim < 1 || numClasses < 1) {
            throw new IllegalArgumentException("an image classifier needs a positive width and at least one class, got "
                    + imageDim + " and " + numClasses);
        }
        this.linear = addChildBlock("img_cls", LinearLayer.torchDefault(imageDim, numClasses, true));
    }

    public LinearLayer linear() {
        return linear;
    }

    public int imageDim() {
        return linear.inputDim();
    }

    public int numClasses() {
        return linear.outputDim();
    }

    /** (B, d_img) image embeddings to (B, C) logits; softmax gives P(class | image). */
    public NDArray logits(ParameterStore ps, NDArray imageEmbeddings, boolean training) {
        return linear.apply(ps, imageEmbeddings, training);
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
