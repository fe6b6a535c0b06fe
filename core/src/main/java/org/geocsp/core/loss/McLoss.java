package org.geocsp.core.loss;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.settings.Problems;

/**
 * CSP's contrastive multi-classification loss {@code contsoftmax} ("CSP-MC-BLD") and its
 * symmetric variant {@code contsoftmaxsym}:
 * L = L_B + w_rand·L_L + w_simcse·L_D, with ê, v̂, ê′, r̂ the L2-normalised inputs of a
 * {@link ContrastiveBatch}:
 * <ul>
 *   <li>L_B = CE(S, arange B), S_ij = ⟨ê_i, v̂_j⟩/τ_b (location→image). The symmetric variant
 *       adds CE(Sᵀ, arange B) (image→location); {@code L_B} then reports the sum.</li>
 *   <li>L_L = CE([⟨ê_i, v̂_i⟩, ⟨r̂_{1,i}, v̂_i⟩, …, ⟨r̂_{K,i}, v̂_i⟩]/τ_l, label 0).</li>
 *   <li>L_D = CE(S′, arange B), S′_ij = ⟨ê_i, ê′_j⟩/τ_d.</li>
 * </ul>
 * CE is the mean over rows. Options beyond the reference:
 * <ul>
 *   <li><b>Learnable temperature</b>: the in-batch (and queue) cosines are multiplied by
 *       exp(min(s, ln 100)), s = {@link ContrastiveBatch#logitScale()} (see
 *       {@link LogitScaleBlock}), instead of divided by τ_b. τ_l and τ_d stay fixed.</li>
 *   <li><b>Embedding queue</b> ({@link EmbeddingQueue}): its entries are extra negative columns
 *       of the image→location CE, so it needs the symmetric variant.</li>
 *   <li><b>False-negative masking</b>: in-batch pairs i ≠ j whose locations lie within the
 *       radius (great-circle km, inclusive) are removed from the softmax denominators of L_B
 *       (both directions), of L_D and, if the queue holds coordinates, of the queue columns.
 *       The diagonal (the positive) is never masked. Random locations (L_L) are not masked.</li>
 * </ul>
 */
public final class McLoss implements PretrainingLoss {

    /**
     * Hyper-parameters (reference flags in brackets).
     *
     * @param symmetric add the image→location CE ({@code contsoftmaxsym})
     * @param tauInBatch τ_b [{@code unsuper_temp_inbatch}], ignored with a learnable temperature
     * @param tauRandom τ_l [{@code unsuper_temp_negloc}]
     * @param tauSimcse τ_d [{@code unsuper_temp_simcse}]
     * @param randomWeight w_rand [{@code rand_sample_weight}]
     * @param simcseWeight w_simcse [{@code simcse_weight}]
     * @param learnableTemperature use the batch's logit scale instead of τ_b
     * @param maskFalseNegatives exclude near-duplicate locations from the denominators
     * @param maskRadiusKm the radius for masking, km (0 masks only identical locations)
     */
    public record Settings(boolean symmetric, double tauInBatch, double tauRandom, double tauSimcse,
            double randomWeight, double simcseWeight, boolean learnableTemperature, boolean maskFalseNegatives,
            double maskRadiusKm) {

        public Settings {
            Problems p = new Problems();
            p.check(LossParams.TAU_IN_BATCH, tauInBatch).check(LossParams.TAU_RANDOM, tauRandom)
                    .check(LossParams.TAU_SIMCSE, tauSimcse);
            p.check(LossParams.RANDOM_WEIGHT, randomWeight).check(LossParams.SIMCSE_WEIGHT, simcseWeight);
            if (maskFalseNegatives) {
                p.check(LossParams.FALSE_NEGATIVE_KM, maskRadiusKm);
            }
            p.throwIfAny();
        }

        /** The reference loss with the given temperatures and weights, no extras. */
        public static Settings csp(boolean symmetric, double tauInBatch, double tauRandom, double tauSimcse,
                double randomWeight, double simcseWeight) {
            return new Settings(symmetric, tauInBatch, tauRandom, tauSimcse, randomWeight, simcseWeight, false, false, 0);
        }

        public Settings withSymmetric(boolean on) {
            return new Settings(on, tauInBatch, tauRandom, tauSimcse, randomWeight, simcseWeight,
                    learnableTemperature, maskFalseNegatives, maskRadiusKm);
        }

        public Settings withLearnableTemperature(boolean on) {
            return new Settings(symmetric, tauInBatch, tauRandom, tauSimcse, randomWeight, simcseWeight, on,
                    maskFalseNegatives, maskRadiusKm);
        }

        /** Masks pairs within {@code radiusKm}; a negative radius turns masking off. */
        public Settings withFalseNegativeRadiusKm(double radiusKm) {
            boolean on = !(radiusKm < 0);
            return new Settings(symmetric, tauInBatch, tauRandom, tauSimcse, randomWeight, simcseWeight,
                    learnableTemperature, on, on ? radiusKm : 0);
        }
    }

    private final Settings settings;
    private final EmbeddingQueue queue;

    public McLoss(Settings settings) {
        this(settings, null);
    }

    /**
     * @param queue extra image→location negatives, or null; the caller owns it and enqueues
     *     after each step (e.g. with {@link #enqueue(ContrastiveBatch)})
     */
    public McLoss(Settings settings, EmbeddingQueue queue) {
        this.settings = settings;
        this.queue = queue;
        if (queue != null && !settings.symmetric()) {
            throw new InvalidInputException("an embedding queue adds negatives to the image→location direction,"
                    + " which only the symmetric loss 'contsoftmaxsym' computes; choose it or set the queue size to 0");
        }
    }

    public Settings settings() {
        return settings;
    }

    /** The queue, or null. */
    public EmbeddingQueue queue() {
        return queue;
    }

    @Override
    public String name() {
        return settings.symmetric() ? Objective.CONTSOFTMAXSYM.referenceName() : Objective.CONTSOFTMAX.referenceName();
    }

    /** Pushes the batch's location embeddings (and coordinates, if any) into the queue, if there is one. */
    public void enqueue(ContrastiveBatch batch) {
        if (queue != null) {
            queue.enqueue(batch.locationEmbeddings(), batch.lonLatDeg());
        }
    }

    @Override
    public LossTerms compute(ContrastiveBatch batch) {
        checkInputs(batch);
        NDArray e = LossMath.l2Normalize(batch.locationEmbeddings());
        NDArray v = LossMath.l2Normalize(batch.imageEmbeddings());
        NDArray nearMask = settings.maskFalseNegatives()
                ? LossMath.nearMask(batch.lonLatDeg(), batch.lonLatDeg(), settings.maskRadiusKm(), true)
                : null;
        NDArray scale = settings.learnableTemperature()
                ? batch.logitScale().minimum(LossMath.constant(batch.logitScale(), LogitScaleBlock.MAX)).exp()
                : null;

        Map<String, NDArray> parts = new LinkedHashMap<>();
        // S_ij = <e_i, v_j>: rows are locations, columns images.
        NDArray s = scaleInBatch(e.matMul(v.transpose()), scale);
        if (nearMask != null) {
            s = LossMath.maskOut(s, nearMask);
        }
        NDArray lossB = LossMath.crossEntropyDiagonal(s);
        if (settings.symmetric()) {
            NDArray imageRows = s.transpose();
            if (queue != null && !queue.isEmpty()) {
                imageRows = LossMath.concatColumns(imageRows, queueLogits(v, batch, scale));
            }
            lossB = lossB.add(LossMath.crossEntropyDiagonal(imageRows));
        }
        parts.put(LossTerms.L_B, lossB);
        NDArray total = lossB;

        if (batch.randomEmbeddings() != null) {
            NDArray lossL = randomLocationLoss(e, v, batch);
            parts.put(LossTerms.L_L, lossL);
            if (settings.randomWeight() != 0) {
                total = total.add(LossMath.times(lossL, settings.randomWeight()));
            }
        }
        if (batch.secondPass() != null) {
            NDArray e2 = LossMath.l2Normalize(batch.secondPass());
            NDArray sd = LossMath.divide(e.matMul(e2.transpose()), settings.tauSimcse());
            if (nearMask != null) {
                sd = LossMath.maskOut(sd, nearMask);
            }
            NDArray lossD = LossMath.crossEntropyDiagonal(sd);
            parts.put(LossTerms.L_D, lossD);
            if (settings.simcseWeight() != 0) {
                total = total.add(LossMath.times(lossD, settings.simcseWeight()));
            }
        }
        return new LossTerms(total, parts);
    }

    private NDArray scaleInBatch(NDArray cosines, NDArray scale) {
        return scale == null ? LossMath.divide(cosines, settings.tauInBatch()) : cosines.mul(scale);
    }

    /** (B, n) logits of each image against the queued location embeddings. */
    private NDArray queueLogits(NDArray v, ContrastiveBatch batch, NDArray scale) {
        NDArray q = LossMath.l2Normalize(queue.embeddings().toType(v.getDataType(), false));
        NDArray logits = scaleInBatch(v.matMul(q.transpose()), scale);
        if (settings.maskFalseNegatives()) {
            if (!queue.hasCoordinates()) {
                throw new IllegalArgumentException("false-negative masking needs the coordinates of the queued"
                        + " embeddings; enqueue them with their coordinates");
            }
            logits = LossMath.maskOut(logits,
                    LossMath.nearMask(batch.lonLatDeg(), queue.coordinates(), settings.maskRadiusKm(), false));
        }
        return logits;
    }

    /** CE over [pos, neg_1..neg_K]/τ_l with label 0; rand row k·B + i is negative k of row i. */
    private NDArray randomLocationLoss(NDArray e, NDArray v, ContrastiveBatch batch) {
        long b = batch.batchSize();
        long k = batch.negativesPerRow();
        long d = e.getShape().get(1);
        NDArray r = LossMath.l2Normalize(batch.randomEmbeddings()).reshape(k, b, d);
        NDArray neg = r.mul(v.expandDims(0)).sum(new int[] {2}).transpose(); // (B, K)
        NDArray pos = LossMath.rowDot(e, v).reshape(b, 1);
        return LossMath.crossEntropyFirstColumn(LossMath.divide(LossMath.concatColumns(pos, neg), settings.tauRandom()));
    }

    private void checkInputs(ContrastiveBatch batch) {
        List<String> missing = new ArrayList<>();
        if (settings.randomWeight() > 0 && batch.randomEmbeddings() == null) {
            missing.add("random-location embeddings (the random-location weight is " + settings.randomWeight() + ")");
        }
        if (settings.simcseWeight() > 0 && batch.secondPass() == null) {
            missing.add("second dropout-pass embeddings (the SimCSE weight is " + settings.simcseWeight() + ")");
        }
        if (settings.learnableTemperature() && batch.logitScale() == null) {
            missing.add("the learnable logit scale (learnable temperature is on)");
        }
        if (settings.maskFalseNegatives() && batch.lonLatDeg() == null) {
            missing.add("the batch coordinates (false-negative masking is on)");
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(name() + " needs " + String.join("; ", missing));
        }
    }
}
