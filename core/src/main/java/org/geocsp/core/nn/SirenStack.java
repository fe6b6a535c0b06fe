package org.geocsp.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
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
 * The SIREN of SatCLIP ({@code location_encoder.py::SirenNet} with its {@code Siren} layers):
 * {@code hiddenLayers} sine layers sin(w0·Dropout(W·x + b)) — dropout before the sine, as in
 * SatCLIP — the first with w0 = {@code sirenW0Initial}, the others with {@code sirenW0}; then a
 * plain linear layer hidden→out (no sine, no dropout).
 *
 * <p>SIREN initialisation (bias and weight alike): the first layer U(±1/in), every other layer
 * (including the last) U(±√(6/in)/w0). Reference names follow SatCLIP's {@code nnet}:
 * {@code nnet.layers.{i}.weight/bias} and {@code nnet.last_layer.weight/bias}.
 */
public final class SirenStack extends LocationStack {

    private final List<SineLayer> layers = new ArrayList<>();
    private final LinearLayer last;

    public SirenStack(StackSpec spec, int inputDim) {
        super(spec, inputDim);
        if (spec.kind() != StackKind.SIREN) {
            throw new IllegalArgumentException("SirenStack needs kind SIREN, got " + spec.kind());
        }
        int h = spec.hiddenDim();
        for (int i = 0; i < spec.hiddenLayers(); i++) {
            boolean isFirst = i == 0;
            int in = isFirst ? inputDim : h;
            double w0 = isFirst ? spec.sirenW0Initial() : spec.sirenW0();
            double bound = isFirst ? 1.0 / in : Math.sqrt(6.0 / in) / w0;
            layers.add(addChildBlock("sine" + i, new SineLayer(in, h, w0, bound, spec.dropout())));
        }
        double lastBound = Math.sqrt(6.0 / h) / spec.sirenW0();
        last = addChildBlock("last", new LinearLayer(h, spec.outputDim(),
                SeededInitializer.uniform(lastBound, "weight"), SeededInitializer.uniform(lastBound, "bias")));
    }

    public List<SineLayer> sineLayers() {
        return Collections.unmodifiableList(layers);
    }

    public LinearLayer lastLayer() {
        return last;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.head();
        for (SineLayer l : layers) {
            x = l.apply(ps, x, training);
        }
        return new NDList(last.apply(ps, x, training));
    }

    @Override
    public void collectReferenceNames(String locEncPrefix, Map<String, Parameter> out) {
        String p = locEncPrefix + "nnet.";
        for (int i = 0; i < layers.size(); i++) {
            out.put(p + "layers." + i + ".weight", layers.get(i).linear.weight());
            out.put(p + "layers." + i + ".bias", layers.get(i).linear.bias());
        }
        out.put(p + "last_layer.weight", last.weight());
        out.put(p + "last_layer.bias", last.bias());
    }

    /** sin(w0 · Dropout(W·x + b)). */
    public static final class SineLayer extends AbstractBlock {

        private final LinearLayer linear;
        private final float w0;
        private final double dropout;
        private final double initBound;

        SineLayer(int in, int out, double w0, double bound, double dropout) {
            super((byte) 1);
            this.linear = addChildBlock("linear", new LinearLayer(in, out, SeededInitializer.uniform(bound, "weight"),
                    SeededInitializer.uniform(bound, "bias")));
            this.w0 = (float) w0;
            this.dropout = dropout;
            this.initBound = bound;
        }

        public LinearLayer linear() {
            return linear;
        }

        public double w0() {
            return w0;
        }

        /** The bound b of the U(±b) initialisation of weight and bias. */
        public double initBound() {
            return initBound;
        }

        NDArray apply(ParameterStore ps, NDArray x, boolean training) {
            NDArray y = dropout(linear.apply(ps, x, training), dropout, training);
            // a kept 0-dim constant, not y.mul(w0): see LossMath.times on DJL number operands
            return y.mul(y.getManager().create((float) w0)).sin();
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                PairList<String, Object> params) {
            return new NDList(apply(ps, inputs.head(), training));
        }

        @Override
        protected void initializeChildBlocks(ai.djl.ndarray.NDManager manager, ai.djl.ndarray.types.DataType dataType,
                Shape... inputShapes) {
            linear.initialize(manager, dataType, inputShapes);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return linear.getOutputShapes(inputShapes);
        }
    }
}
