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
 * The residual network of Mac Aodha et al. 2019 (CSP {@code models.FCNet}, SINR
 * {@code ResidualFCNet}): Linear(in, h) → act, then {@code hiddenLayers} blocks
 * y = act(W2·Dropout(act(W1·x))), out = x + y. PyTorch {@code nn.Linear} default initialisation.
 * Reference names follow {@code FCNet.feats}: {@code feats.0.*} for the first Linear and
 * {@code feats.{k+2}.w1/w2.*} for block k.
 */
public final class ResidualStack extends LocationStack {

    private final LinearLayer first;
    private final List<ResBlock> blocks = new ArrayList<>();

    public ResidualStack(StackSpec spec, int inputDim) {
        super(spec, inputDim);
        if (spec.kind() != StackKind.RESIDUAL) {
            throw new IllegalArgumentException("ResidualStack needs kind RESIDUAL, got " + spec.kind());
        }
        first = addChildBlock("input", LinearLayer.torchDefault(inputDim, spec.hiddenDim(), true));
        for (int i = 0; i < spec.hiddenLayers(); i++) {
            blocks.add(addChildBlock("res" + i, new ResBlock(spec)));
        }
    }

    public LinearLayer inputLayer() {
        return first;
    }

    public List<ResBlock> blocks() {
        return Collections.unmodifiableList(blocks);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = spec().activation().apply(first.apply(ps, inputs.head(), training));
        for (ResBlock b : blocks) {
            x = b.apply(ps, x, training);
        }
        return new NDList(x);
    }

    @Override
    public void collectReferenceNames(String locEncPrefix, Map<String, Parameter> out) {
        String p = locEncPrefix + "feats.";
        out.put(p + "0.weight", first.weight());
        out.put(p + "0.bias", first.bias());
        for (int k = 0; k < blocks.size(); k++) {
            String q = p + (k + 2) + ".";
            ResBlock b = blocks.get(k);
            out.put(q + "w1.weight", b.w1.weight());
            out.put(q + "w1.bias", b.w1.bias());
            out.put(q + "w2.weight", b.w2.weight());
            out.put(q + "w2.bias", b.w2.bias());
        }
    }

    /** One {@code ResLayer}: x + act(W2·Dropout(act(W1·x))). */
    public static final class ResBlock extends AbstractBlock {

        private final LinearLayer w1;
        private final LinearLayer w2;
        private final Activation activation;
        private final double dropout;

        ResBlock(StackSpec spec) {
            super((byte) 1);
            int h = spec.hiddenDim();
            this.w1 = addChildBlock("w1", LinearLayer.torchDefault(h, h, true));
            this.w2 = addChildBlock("w2", LinearLayer.torchDefault(h, h, true));
            this.activation = spec.activation();
            this.dropout = spec.dropout();
        }

        public LinearLayer w1() {
            return w1;
        }

        public LinearLayer w2() {
            return w2;
        }

        NDArray apply(ParameterStore ps, NDArray x, boolean training) {
            NDArray y = activation.apply(w1.apply(ps, x, training));
            y = dropout(y, dropout, training);
            y = activation.apply(w2.apply(ps, y, training));
            return x.add(y);
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                PairList<String, Object> params) {
            return new NDList(apply(ps, inputs.head(), training));
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            w1.initialize(manager, dataType, inputShapes);
            w2.initialize(manager, dataType, inputShapes);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return inputShapes;
        }
    }
}
