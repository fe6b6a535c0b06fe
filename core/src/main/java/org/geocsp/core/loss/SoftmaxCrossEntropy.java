package org.geocsp.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.Map;
import org.geocsp.core.io.InvalidInputException;

/**
 * Softmax cross-entropy over classes, an alternative fine-tuning loss to
 * {@link PresenceAbsenceLoss} (one label per location; no background term). With label
 * smoothing ε the target is (1 − ε)·one-hot + ε/C, i.e.
 * loss_i = (1 − ε)·(−log q_{i,y_i}) + ε·mean_c(−log q_ic); mean over rows. ε = 0 by default.
 */
public final class SoftmaxCrossEntropy {

    private final double labelSmoothing;

    public SoftmaxCrossEntropy() {
        this(0);
    }

    public SoftmaxCrossEntropy(double labelSmoothing) {
        if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
            throw new InvalidInputException("setting 'label smoothing' must be in [0, 1); got " + labelSmoothing);
        }
        this.labelSmoothing = labelSmoothing;
    }

    public double labelSmoothing() {
        return labelSmoothing;
    }

    /**
     * @param logits (B, C)
     * @param labels (B) integer class indices in [0, C)
     */
    public LossTerms compute(NDArray logits, NDArray labels) {
        LossMath.requireMatrix(logits, "class logits");
        long b = logits.getShape().get(0);
        int c = (int) logits.getShape().get(1);
        if (labels.getShape().size() != b) {
            throw new IllegalArgumentException("there are " + labels.getShape().size() + " labels for " + b + " rows");
        }
        NDArray nll = logits.logSoftmax(1).neg(); // finite: logits are finite
        NDArray oneHot = labels.reshape(b).toType(DataType.INT64, false).oneHot(c, logits.getDataType());
        NDArray loss = nll.mul(oneHot).sum(new int[] {1});
        if (labelSmoothing > 0) {
            loss = LossMath.times(loss, 1 - labelSmoothing).add(LossMath.times(nll.mean(new int[] {1}), labelSmoothing));
        }
        NDArray ce = loss.mean();
        return new LossTerms(ce, Map.of(LossTerms.CE, ce));
    }
}
