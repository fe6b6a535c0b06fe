package org.geocsp.core.predict;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.geocsp.core.encode.EncoderSpec;
import org.geocsp.core.model.GeoModel;
import org.geocsp.core.model.ModelSpec;
import org.geocsp.core.nn.StackSpec;
import org.geocsp.core.runtime.GradMode;

/** Small untrained models and an independent logits path for the predict tests. */
final class PredictTestModels {

    private PredictTestModels() {}

    static ModelSpec smallSpec() {
        return ModelSpec.of(EncoderSpec.of("Space2Vec-grid").withFrequencyNum(8).withRadii(1, 360),
                StackSpec.csp().withHiddenDim(32).withOutputDim(16).withDropout(0.5));
    }

    /** A fresh model with a class head for {@code labels} (dropout 0.5, so eval mode matters). */
    static GeoModel classifier(List<String> labels, long seed) {
        return GeoModel.create(smallSpec().withClassLabels(labels), seed);
    }

    /** Class logits through the network directly, row by row (no batching), in eval mode. */
    static float[] logits(GeoModel m, double lon, double lat) {
        try (GradMode g = GradMode.disabled(); NDManager s = m.manager().newSubManager()) {
            ParameterStore ps = new ParameterStore(s, false);
            NDArray x = s.create(new double[] {lon, lat}).reshape(1, 2);
            return m.network().classLogits(ps, m.network().embedLocations(ps, x, false), false).toFloatArray();
        }
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
