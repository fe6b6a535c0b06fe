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
 * The CSP feed-forward network, exactly as the reference code
 * ({@code main/module.py::MultiLayerFeedForwardNN}) computes it, not as its docstring says.
 *
 * <p>Every layer is Linear → activation → Dropout → (+ input, if skip and in == out) →
 * (LayerNorm, eps 1e-5, if enabled). With n ≥ 1 hidden layers: in→hidden, (n−1)× hidden→hidden,
 * then hidden→out; the last layer keeps activation and dropout but has neither LayerNorm nor skip.
 * With n = 0 a single layer in→out with activation and dropout. Weights Xavier-uniform, biases
 * U(±1/√fan_in).
 */
public final class FeedForwardStack extends LocationStack {

    private final List<Layer> layers = new ArrayList<>();

    public FeedForwardStack(StackSpec spec, int inputDim) {
        super(spec, inputDim);
        if (spec.kind() != StackKind.FFN) {
            throw new IllegalArgumentException("FeedForwardStack needs kind FFN, got " + spec.kind());
        }
        int n = spec.hiddenLayers();
        if (n <= 0) {
            add(new Layer(inputDim, spec.outputDim(), spec, false, false));
        } else {
            add(new Layer(inputDim, spec.hiddenDim(), spec, spec.layerNorm(), spec.skipConnection()));
            for (int i = 0; i < n - 1; i++) {
                add(new Layer(spec.hiddenDim(), spec.hiddenDim(), spec, spec.layerNorm(), spec.skipConnection()));
            }
            add(new Layer(spec.hiddenDim(), spec.outputDim(), spec, false, false));
        }
    }

    private void add(Layer l) {
        layers.add(addChildBlock("layer" + layers.size(), l));
    }

    /** The layers in order (read-only). */
    public List<Layer> layers() {
        return Collections.unmodifiableList(layers);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.head();
        for (Layer l : layers) {
            x = l.apply(ps, x, training);
        }
        return new NDList(x);
    }

    @Override
    public void collectReferenceNames(String locEncPrefix, Map<String, Parameter> out) {
        for (int i = 0; i < layers.size(); i++) {
            String p = locEncPrefix + "spa_enc.ffn.layers." + i + ".";
            Layer l = layers.get(i);
            out.put(p + "linear.weight", l.linear.weight());
            out.put(p + "linear.bias", l.linear.bias());
            if (l.norm != null) {
                out.put(p + "layernorm.weight", l.norm.gamma());
                out.put(p + "layernorm.bias", l.norm.beta());
            }
        }
    }

    /** One reference {@code SingleFeedForwardNN}. */
    public static final class Layer extends AbstractBlock {

        private final LinearLayer linear;
        private final LayerNormLayer norm;
        private final boolean skip;
        private final Activation activation;
        private final double dropout;

        Layer(int in, int out, StackSpec spec, boolean layerNorm, boolean skip) {
            super((byte) 1);
            this.linear = addChildBlock("linear", LinearLayer.xavier(in, out));
            this.norm = layerNorm ? addChildBlock("layernorm", new LayerNormLayer(out)) : null;
            // the reference silently drops the skip when the widths differ
            this.skip = skip && in == out;
            this.activation = spec.activation();
            this.dropout = spec.dropout();
        }

        public LinearLayer linear() {
            return linear;
        }

        /** The LayerNorm, or null. */
        public LayerNormLayer layerNorm() {
            return norm;
        }

        public boolean hasSkip() {
            return skip;
        }

        NDArray apply(ParameterStore ps, NDArray x, boolean training) {
            NDArray y = activation.apply(linear.apply(ps, x, training));
            y = dropout(y, dropout, training);
            if (skip) {
                y = y.add(x);
            }
            if (norm != null) {
                y = norm.apply(ps, y, training);
            }
            return y;
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                PairList<String, Object> params) {
            return new NDList(apply(ps, inputs.head(), training));
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            linear.initialize(manager, dataType, inputShapes);
            if (norm != null) {
                norm.initialize(manager, dataType, linear.getOutputShapes(inputShapes));
            }
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return linear.getOutputShapes(inputShapes);
        }
    }
}
