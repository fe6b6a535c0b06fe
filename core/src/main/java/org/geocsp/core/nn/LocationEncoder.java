package org.geocsp.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.util.Map;
import org.geocsp.core.encode.EncoderRegistry;
import org.geocsp.core.encode.EncoderSpec;
import org.geocsp.core.encode.PositionEncoder;

/**
 * The location encoder e(x) = stack(PE(x)): input (B, 2) of (longitude, latitude) in degrees
 * (any float type; the position encoder computes in float64), output (B, outputDim) float32.
 */
public final class LocationEncoder extends AbstractBlock {

    private static final byte VERSION = 1;

    private final PositionEncoder positionEncoder;
    private final LocationStack stack;

    public LocationEncoder(PositionEncoder positionEncoder, LocationStack stack) {
        super(VERSION);
        if (stack.inputDim() != positionEncoder.outputDim()) {
            throw new IllegalArgumentException("the network expects " + stack.inputDim()
                    + " input features but the position encoder " + positionEncoder + " gives "
                    + positionEncoder.outputDim());
        }
        this.positionEncoder = addChildBlock("pe", positionEncoder);
        this.stack = addChildBlock("stack", stack);
    }

    /** Builds the encoder of {@code encoder} followed by the stack of {@code stackSpec}. */
    public static LocationEncoder create(EncoderSpec encoder, StackSpec stackSpec) {
        PositionEncoder pe = EncoderRegistry.create(encoder);
        return new LocationEncoder(pe, LocationStack.create(stackSpec, pe.outputDim()));
    }

    public PositionEncoder positionEncoder() {
        return positionEncoder;
    }

    public LocationStack stack() {
        return stack;
    }

    public int outputDim() {
        return stack.outputDim();
    }

    /** Embeds (B, 2) lon/lat degrees to (B, outputDim). */
    public NDArray embed(ParameterStore ps, NDArray lonLatDeg, boolean training) {
        NDArray features = positionEncoder.forward(ps, new NDList(lonLatDeg), training).head();
        return stack.forward(ps, new NDList(features), training).head();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(embed(ps, inputs.head(), training));
    }

    /**
     * Adds every parameter under its reference name: the stack's own names, and any parameter of
     * the position encoder as {@code <prefix>spa_enc.<its DJL name>}.
     */
    public void collectReferenceNames(String prefix, Map<String, Parameter> out) {
        for (Pair<String, Parameter> p : positionEncoder.getParameters()) {
            out.put(prefix + "spa_enc." + p.getKey(), p.getValue());
        }
        stack.collectReferenceNames(prefix, out);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        positionEncoder.initialize(manager, dataType, inputShapes);
        stack.initialize(manager, dataType, positionEncoder.getOutputShapes(inputShapes));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return stack.getOutputShapes(positionEncoder.getOutputShapes(inputShapes));
    }
}
