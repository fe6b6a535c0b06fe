package org.geocsp.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * y = x·Wᵀ + b with W stored (out, in) as in PyTorch, and seeded initialisation
 * ({@link SeededInitializer}). The factories give the two initialisations the references use.
 */
public final class LinearLayer extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int inputDim;
    private final int outputDim;
    private final Parameter weight;
    private final Parameter bias;

    /**
     * @param weightInit initializer of the (out, in) weight
     * @param biasInit initializer of the bias, or null for a layer without bias
     */
    public LinearLayer(int inputDim, int outputDim, SeededInitializer weightInit, SeededInitializer biasInit) {
        super(VERSION);
        this.inputDim = inputDim;
        this.outputDim = outputDim;
        this.weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(outputDim, inputDim)).optInitializer(weightInit).build());
        this.bias = biasInit == null ? null
                : addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                        .optShape(new Shape(outputDim)).optInitializer(biasInit).build());
    }

    /**
     * PyTorch's {@code nn.Linear} default: W and b both U(±1/√in) (kaiming_uniform with a = √5
     * reduces to this bound).
     */
    public static LinearLayer torchDefault(int inputDim, int outputDim, boolean withBias) {
        double bound = 1.0 / Math.sqrt(inputDim);
        return new LinearLayer(inputDim, outputDim, SeededInitializer.uniform(bound, "weight"),
                withBias ? SeededInitializer.uniform(bound, "bias") : null);
    }

    /** The CSP FFN layer: Xavier-uniform W, PyTorch default bias U(±1/√in). */
    public static LinearLayer xavier(int inputDim, int outputDim) {
        return new LinearLayer(inputDim, outputDim, SeededInitializer.xavierUniform("weight"),
                SeededInitializer.uniform(1.0 / Math.sqrt(inputDim), "bias"));
    }

    public int inputDim() {
        return inputDim;
    }

    public int outputDim() {
        return outputDim;
    }

    public Parameter weight() {
        return weight;
    }

    /** The bias, or null. */
    public Parameter bias() {
        return bias;
    }

    /** Applies the layer to one array. */
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        NDArray w = ps.getValue(weight, x.getDevice(), training);
        NDArray b = bias == null ? null : ps.getValue(bias, x.getDevice(), training);
        return Linear.linear(x, w, b).head();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(apply(ps, inputs.head(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0].slice(0, inputShapes[0].dimension() - 1).add(outputDim)};
    }
}
