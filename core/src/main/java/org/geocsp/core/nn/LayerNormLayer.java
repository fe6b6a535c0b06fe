package org.geocsp.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** {@code nn.LayerNorm(dim)} over the last axis: eps 1e-5, γ initialised to 1 and β to 0. */
public final class LayerNormLayer extends AbstractBlock {

    private static final byte VERSION = 1;
    /** PyTorch's default epsilon. */
    public static final float EPS = 1e-5f;

    private final int dim;
    private final Parameter gamma;
    private final Parameter beta;

    public LayerNormLayer(int dim) {
        super(VERSION);
        this.dim = dim;
        this.gamma = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.GAMMA)
                .optShape(new Shape(dim)).optInitializer(SeededInitializer.constant(1)).build());
        this.beta = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BETA)
                .optShape(new Shape(dim)).optInitializer(SeededInitializer.constant(0)).build());
    }

    public Parameter gamma() {
        return gamma;
    }

    public Parameter beta() {
        return beta;
    }

    /** Normalises the last axis of x. */
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        NDArray g = ps.getValue(gamma, x.getDevice(), training);
        NDArray b = ps.getValue(beta, x.getDevice(), training);
        return LayerNorm.layerNorm(x, new Shape(dim), g, b, EPS).head();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(apply(ps, inputs.head(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
