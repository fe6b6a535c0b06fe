package org.geocsp.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import java.util.LinkedHashMap;
import java.util.Map;
import org.geocsp.core.io.InvalidInputException;

/**
 * CSP's binary-logistic (NCE) family {@code imgcontloss}, {@code imgcontlosssimcse},
 * {@code imgcontlossnolocneg}: logistic losses on raw cosines of the L2-normalised inputs,
 * with <em>no temperature</em>, bce(p) = −log(p + 1e-5), σ the sigmoid.
 * <ul>
 *   <li>L_B = mean_i [(B−1)·bce(σ(s_ii)) + Σ_{j≠i} bce(1−σ(s_ij))]/(B−1), s_ij = ⟨ê_i, v̂_j⟩.</li>
 *   <li>L_L = mean_{k,i} bce(1 − σ(⟨r̂_{k,i}, v̂_i⟩)).</li>
 *   <li>L_D = the L_B form on ⟨ê_i, ê′_j⟩.</li>
 * </ul>
 * Totals: {@code imgcontloss} = L_B + w_rand·L_L; {@code imgcontlosssimcse} adds w_simcse·L_D;
 * {@code imgcontlossnolocneg} = L_B. Needs B ≥ 2.
 */
public final class NceLoss implements PretrainingLoss {

    private final Objective objective;
    private final double randomWeight;
    private final double simcseWeight;

    private NceLoss(Objective objective, double randomWeight, double simcseWeight) {
        if (!(randomWeight >= 0) || Double.isInfinite(randomWeight)) {
            throw new InvalidInputException("setting 'random-location weight (w_rand)' must be a finite number ≥ 0; got "
                    + randomWeight);
        }
        if (!(simcseWeight >= 0) || Double.isInfinite(simcseWeight)) {
            throw new InvalidInputException("setting 'SimCSE weight (w_simcse)' must be a finite number ≥ 0; got "
                    + simcseWeight);
        }
        this.objective = objective;
        this.randomWeight = randomWeight;
        this.simcseWeight = simcseWeight;
    }

    /** {@code imgcontloss}: L_B + w_rand·L_L. */
    public static NceLoss imgcontloss(double randomWeight) {
        return new NceLoss(Objective.IMGCONTLOSS, randomWeight, 0);
    }

    /** {@code imgcontlosssimcse} (the paper's CSP-NCE-BLD): L_B + w_rand·L_L + w_simcse·L_D. */
    public static NceLoss imgcontlossSimcse(double randomWeight, double simcseWeight) {
        return new NceLoss(Objective.IMGCONTLOSSSIMCSE, randomWeight, simcseWeight);
    }

    /** {@code imgcontlossnolocneg}: L_B only. */
    public static NceLoss imgcontlossNoLocNeg() {
        return new NceLoss(Objective.IMGCONTLOSSNOLOCNEG, 0, 0);
    }

    public Objective objective() {
        return objective;
    }

    @Override
    public String name() {
        return objective.referenceName();
    }

    @Override
    public LossTerms compute(ContrastiveBatch batch) {
        if (batch.batchSize() < 2) {
            throw new IllegalArgumentException(name() + " needs a batch of at least 2 rows (in-batch negatives)");
        }
        boolean useRandom = objective != Objective.IMGCONTLOSSNOLOCNEG;
        boolean useSimcse = objective == Objective.IMGCONTLOSSSIMCSE;
        if (useRandom && batch.randomEmbeddings() == null) {
            throw new IllegalArgumentException(name() + " needs random-location embeddings");
        }
        if (useSimcse && batch.secondPass() == null) {
            throw new IllegalArgumentException(name() + " needs second dropout-pass embeddings");
        }
        NDArray e = LossMath.l2Normalize(batch.locationEmbeddings());
        NDArray v = LossMath.l2Normalize(batch.imageEmbeddings());
        Map<String, NDArray> parts = new LinkedHashMap<>();
        NDArray lossB = inBatch(e, v);
        parts.put(LossTerms.L_B, lossB);
        NDArray total = lossB;
        if (useRandom) {
            long b = batch.batchSize();
            long k = batch.negativesPerRow();
            long d = e.getShape().get(1);
            NDArray r = LossMath.l2Normalize(batch.randomEmbeddings()).reshape(k, b, d);
            NDArray s = r.mul(v.expandDims(0)).sum(new int[] {2}); // (K, B)
            NDArray lossL = LossMath.bce(sigmoid(s).neg().add(1)).mean();
            parts.put(LossTerms.L_L, lossL);
            total = total.add(LossMath.times(lossL, randomWeight));
        }
        if (useSimcse) {
            NDArray lossD = inBatch(e, LossMath.l2Normalize(batch.secondPass()));
            parts.put(LossTerms.L_D, lossD);
            total = total.add(LossMath.times(lossD, simcseWeight));
        }
        return new LossTerms(total, parts);
    }

    /** mean_i [bce(σ(a_i·b_i)) + Σ_{j≠i} bce(1 − σ(a_i·b_j))/(B−1)]. */
    private static NDArray inBatch(NDArray a, NDArray b) {
        long n = a.getShape().get(0);
        NDArray s = a.matMul(b.transpose());
        NDArray p = sigmoid(s);
        NDArray offDiagonal = a.getManager().eye((int) n, (int) n, 0, s.getDataType()).neg().add(1);
        NDArray negatives = LossMath.bce(p.neg().add(1)).mul(offDiagonal).sum(new int[] {1});
        negatives = LossMath.divide(negatives, n - 1);
        NDArray positives = LossMath.bce(sigmoid(LossMath.rowDot(a, b)));
        return positives.add(negatives).mean();
    }

    private static NDArray sigmoid(NDArray x) {
        return Activation.sigmoid(x);
    }
}
