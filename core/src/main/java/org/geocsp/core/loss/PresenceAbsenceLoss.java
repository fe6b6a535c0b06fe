package org.geocsp.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;
import java.util.LinkedHashMap;
import java.util.Map;
import org.geocsp.core.io.InvalidInputException;

/**
 * The fine-tuning loss of CSP ({@code losses.embedding_loss} with {@code full_loss}; Mac Aodha
 * et al. 2019, Eq. 7): with p = σ(logits) at the observed locations and p^r = σ(logits^r) at
 * random locations,
 * <ul>
 *   <li>ℓ_ic = bce(1 − p_ic) for c ≠ y_i and ℓ_{i,y_i} = w_pos·bce(p_{i,y_i}),
 *       bce(q) = −log(q + 1e-5);</li>
 *   <li>L_obs = mean_{i,c} ℓ_ic, L_rand = mean_{i,c} bce(1 − p^r_ic);</li>
 *   <li>total = L_obs + w_rand·L_rand.</li>
 * </ul>
 * The reference sets w_pos = the number of classes ({@link #reference(int, double)}).
 */
public final class PresenceAbsenceLoss {

    private final double positiveWeight;
    private final double randomWeight;

    /**
     * @param positiveWeight w_pos, the weight of the observed class (> 0)
     * @param randomWeight w_rand, the weight of the background term at random locations (≥ 0)
     */
    public PresenceAbsenceLoss(double positiveWeight, double randomWeight) {
        if (!(positiveWeight > 0) || Double.isInfinite(positiveWeight)) {
            throw new InvalidInputException("setting 'positive weight' must be a finite number > 0; got " + positiveWeight);
        }
        if (!(randomWeight >= 0) || Double.isInfinite(randomWeight)) {
            throw new InvalidInputException("setting 'random-location weight (w_rand)' must be a finite number ≥ 0; got "
                    + randomWeight);
        }
        this.positiveWeight = positiveWeight;
        this.randomWeight = randomWeight;
    }

    /** The reference: positive weight = number of classes. */
    public static PresenceAbsenceLoss reference(int numClasses, double randomWeight) {
        return new PresenceAbsenceLoss(numClasses, randomWeight);
    }

    public double positiveWeight() {
        return positiveWeight;
    }

    public double randomWeight() {
        return randomWeight;
    }

    /**
     * @param logits (B, C) class logits at the observed locations
     * @param labels (B) integer class indices in [0, C)
     * @param randomLogits (B′, C) class logits at random locations, or null (only allowed when
     *     w_rand = 0)
     */
    public LossTerms compute(NDArray logits, NDArray labels, NDArray randomLogits) {
        LossMath.requireMatrix(logits, "class logits");
        long b = logits.getShape().get(0);
        int c = (int) logits.getShape().get(1);
        if (labels.getShape().size() != b) {
            throw new IllegalArgumentException("there are " + labels.getShape().size() + " labels for " + b + " rows");
        }
        if (randomLogits == null && randomWeight > 0) {
            throw new IllegalArgumentException("the presence-absence loss needs logits at random locations"
                    + " (the random-location weight is " + randomWeight + ")");
        }
        NDArray oneHot = labels.reshape(b).toType(DataType.INT64, false).oneHot(c, logits.getDataType());
        NDArray p = Activation.sigmoid(logits);
        NDArray present = LossMath.times(LossMath.bce(p), positiveWeight);
        NDArray absent = LossMath.bce(p.neg().add(1));
        // Both terms are finite, so blending with the one-hot matrix is safe.
        NDArray lossObs = present.mul(oneHot).add(absent.mul(oneHot.neg().add(1))).mean();
        Map<String, NDArray> parts = new LinkedHashMap<>();
        parts.put(LossTerms.L_OBS, lossObs);
        NDArray total = lossObs;
        if (randomLogits != null) {
            LossMath.requireMatrix(randomLogits, "random-location class logits");
            if (randomLogits.getShape().get(1) != c) {
                throw new IllegalArgumentException("random-location logits have " + randomLogits.getShape().get(1)
                        + " classes; the observed ones have " + c);
            }
            NDArray lossRand = LossMath.bce(Activation.sigmoid(randomLogits).neg().add(1)).mean();
            parts.put(LossTerms.L_RAND, lossRand);
            if (randomWeight != 0) {
                total = total.add(LossMath.times(lossRand, randomWeight));
            }
        }
        return new LossTerms(total, parts);
    }
}
