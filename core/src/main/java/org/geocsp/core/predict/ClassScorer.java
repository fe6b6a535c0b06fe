package org.geocsp.core.predict;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;
import java.util.Locale;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.model.GeoModel;
import org.geocsp.core.model.ModelSpec;

/**
 * Turns class logits into P(class | location) on the device, as {@link ScoreMode} describes:
 * σ(logit) (optionally divided by the row sum) for presence-absence models, softmax for models
 * fine-tuned with the softmax loss or when {@link ScoreMode#SOFTMAX} is asked for.
 */
final class ClassScorer {

    /** The function that maps a row of logits to class scores. */
    enum Function { SIGMOID, SIGMOID_NORMALISED, SOFTMAX }

    private final Function function;

    ClassScorer(GeoModel model, ScoreMode mode) {
        requireClasses(model);
        boolean softmax = trainedWithSoftmax(model.spec());
        this.function = softmax || mode == ScoreMode.SOFTMAX ? Function.SOFTMAX
                : mode == ScoreMode.NORMALISED ? Function.SIGMOID_NORMALISED : Function.SIGMOID;
    }

    /** Throws a user-facing error if the model cannot give class scores. */
    static void requireClasses(GeoModel model) {
        if (model.network().classHead() == null || model.spec().numClasses() == 0) {
            throw new InvalidInputException("the model has no classes (stage " + model.spec().stage()
                    + "): class probabilities need a model fine-tuned on labelled locations");
        }
    }

    /** Whether the model's provenance says it was fine-tuned with the softmax loss. */
    static boolean trainedWithSoftmax(ModelSpec spec) {
        return spec.provenance().fineTunedWithSoftmax();
    }

    Function function() {
        return function;
    }

    /** (B, C) logits to (B, C) float32 scores. */
    NDArray scores(NDArray logits) {
        NDArray l = logits.toType(DataType.FLOAT32, false);
        switch (function) {
            case SOFTMAX:
                return l.softmax(1);
            case SIGMOID_NORMALISED: {
                NDArray s = Activation.sigmoid(l);
                return s.div(s.sum(new int[] {1}, true).maximum(Float.MIN_NORMAL));
            }
            default:
                return Activation.sigmoid(l);
        }
    }

    /** Words for a table or a colour bar. */
    String description() {
        switch (function) {
            case SOFTMAX:
                return "softmax over the class logits";
            case SIGMOID_NORMALISED:
                return "sigmoid score divided by its row sum";
            default:
                return "sigmoid score σ(logit), not normalised (CSP reference)";
        }
    }

    /** A short label, e.g. for a colour bar. */
    String shortLabel() {
        return function.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
