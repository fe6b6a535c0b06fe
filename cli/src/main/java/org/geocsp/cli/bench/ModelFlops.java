package org.geocsp.cli.bench;

import ai.djl.nn.Parameter;
import java.util.Map;
import org.geocsp.core.model.GeoModel;

/**
 * Model FLOPs of inference, the numerator of an MFU: 2 per multiply-add of every weight matrix a
 * location passes through (the location encoder's layers and the class head). Element-wise work
 * (the position encoding's sin/cos, normalisation, activations, the class scores' sigmoid or
 * softmax, the top-k) is not counted, as usual for MFU: it is the overhead the ratio exposes.
 */
public final class ModelFlops {

    private ModelFlops() {}

    /**
     * FLOPs of P(class | location) for one location: location encoder plus class head (no class
     * head: the embedding alone).
     */
    public static double perLocation(GeoModel model) {
        double macs = 0;
        for (Map.Entry<String, Parameter> e : model.network().referenceParameters().entrySet()) {
            String name = e.getKey();
            long[] shape = e.getValue().getArray().getShape().getShape();
            if (name.endsWith(".weight") && shape.length == 2
                    && (name.startsWith("loc_enc.") || name.startsWith("class_emb."))) {
                macs += (double) shape[0] * shape[1];
            }
        }
        return 2 * macs;
    }
}
