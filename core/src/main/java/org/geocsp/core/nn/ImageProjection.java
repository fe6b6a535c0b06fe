package org.geocsp.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The image projection W of CSP ({@code img_dec = Linear(d_img, d, bias=True)}): image features
 * (B, d_img) to the embedding space (B, d). Optionally an MLP: Linear → ReLU for each hidden
 * width, then Linear to d (then the reference names are those of an {@code nn.Sequential}:
 * {@code img_dec.0.*}, {@code img_dec.2.*}, ...). PyTorch default init.
 */
public final class ImageProjection extends AbstractBlock {

    private final List<LinearLayer> layers = new ArrayList<>();
    private final int imageDim;

    /**
     * @param hiddenDims widths of optional hidden layers (empty for the reference single Linear)
     */
    public ImageProjection(int imageDim, int embeddingDim, List<Integer> hiddenDims) {
        super((byte) 1);
        if (imageDim < 1) {
            throw new IllegalArgumentException("image feature dimension must be positive, got " + imageDim);
        }
        this.imageDim = imageDim;
        int in = imageDim;
        List<Integer> widths = new ArrayList<>(hiddenDims);
        widths.add(embeddingDim);
        for (int w : widths) {
            layers.add(addChildBlock("linear" + layers.size(), LinearLayer.torchDefault(in, w, true)));
            in = w;
        }
    }

    public int imageDim() {
        return imageDim;
    }

    public List<LinearLayer> layers() {
        return Collections.unmodifiableList(layers);
    }

    public NDArray project(ParameterStore ps, NDArray features, boolean training) {
        NDArray x = features;
        for (int i = 0; i < layers.size(); i++) {
            x = layers.get(i).apply(ps, x, training);
            if (i < layers.size() - 1) {
                x = Activation.RELU.apply(x);
            }
        }
        return x;
    }

    /** Adds the parameters under {@code img_dec.*} names. */
    public void collectReferenceNames(Map<String, Parameter> out) {
        if (layers.size() == 1) {
            out.put("img_dec.weight", layers.get(0).weight());
            out.put("img_dec.bias", layers.get(0).bias());
            return;
        }
        for (int i = 0; i < layers.size(); i++) {
            out.put("img_dec." + (2 * i) + ".weight", layers.get(i).weight());
            out.put("img_dec." + (2 * i) + ".bias", layers.get(i).bias());
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(project(ps, inputs.head(), training));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] s = inputShapes;
        for (LinearLayer l : layers) {
            l.initialize(manager, dataType, s);
            s = l.getOutputShapes(s);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] s = inputShapes;
        for (LinearLayer l : layers) {
            s = l.getOutputShapes(s);
        }
        return s;
    }
}
