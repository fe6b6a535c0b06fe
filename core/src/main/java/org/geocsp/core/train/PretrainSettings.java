package org.geocsp.core.train;

import java.util.ArrayList;
import java.util.List;
import org.geocsp.core.geo.InvalidInputException;
import org.geocsp.core.geo.Samplers;
import org.geocsp.core.loss.Objective;

/**
 * Settings of contrastive spatial pre-training (CSP, notes §2), with the reference flag names in
 * brackets. Defaults are those of the CSP iNat2018 run script (MC loss with τ = 20, 1, 1, K = 1,
 * SimCSE weight 1, lr 0.0005, batch 1024), except the negative sampler: area-uniform on the
 * sphere rather than the reference's {@code sphericalold}.
 *
 * @param objective the loss [{@code unsuper_loss}]
 * @param tauInBatch τ_b [{@code unsuper_temp_inbatch}]
 * @param tauRandom τ_l [{@code unsuper_temp_negloc}]
 * @param tauSimcse τ_d [{@code unsuper_temp_simcse}]
 * @param randomWeight w_rand [{@code rand_sample_weight}]
 * @param simcseWeight w_simcse [{@code simcse_weight}]
 * @param negativesPerRow K [{@code num_neg_rand_loc}]
 * @param sampler negative-location sampler [{@code neg_rand_type}]
 * @param samplerJitterKm jitter scale of the {@code training} sampler (half-normal, km)
 * @param learnableTemperature CLIP-style learnable logit scale (initial 1/0.07) instead of τ_b
 * @param queueSize extra negatives: the most recent location embeddings (0 = off; needs the
 *     symmetric MC loss)
 * @param falseNegativeKm mask in-batch pairs closer than this (km); negative = off
 * @param trainer optimisation settings
 */
public record PretrainSettings(Objective objective, double tauInBatch, double tauRandom, double tauSimcse,
        double randomWeight, double simcseWeight, int negativesPerRow, Samplers.Kind sampler, double samplerJitterKm,
        boolean learnableTemperature, int queueSize, double falseNegativeKm, TrainerSettings trainer) {

    public PretrainSettings {
        List<String> p = new ArrayList<>();
        if (objective == null) {
            p.add("objective is missing");
        }
        if (negativesPerRow < 0 || negativesPerRow > 64) {
            p.add("negatives per row (K) must be in [0, 64], got " + negativesPerRow);
        }
        if (objective != null && objective.usesRandomLocations() && randomWeight > 0 && negativesPerRow == 0) {
            p.add("objective " + objective.referenceName() + " with random-location weight " + randomWeight
                    + " needs at least one negative per row (K >= 1)");
        }
        if (sampler == null) {
            p.add("negative sampler is missing");
        }
        if (!(samplerJitterKm >= 0)) {
            p.add("sampler jitter must be >= 0 km, got " + samplerJitterKm);
        }
        if (queueSize < 0) {
            p.add("queue size must be >= 0, got " + queueSize);
        }
        if (queueSize > 0 && objective != Objective.CONTSOFTMAXSYM) {
            p.add("a negative queue needs the symmetric MC objective (contsoftmaxsym), not " + objective);
        }
        if (trainer == null) {
            p.add("trainer settings are missing");
        }
        if (!p.isEmpty()) {
            throw new InvalidInputException(p);
        }
    }

    /** The CSP iNat2018 script's settings (area-uniform negatives) with the given trainer settings. */
    public static PretrainSettings csp(TrainerSettings trainer) {
        return new PretrainSettings(Objective.CONTSOFTMAX, 20, 1, 1, 1, 1, 1, Samplers.Kind.AREA_UNIFORM, 50, false, 0,
                -1, trainer);
    }

    /** {@link #csp(TrainerSettings)} with lr 0.0005 and the default trainer. */
    public static PretrainSettings defaults() {
        return csp(TrainerSettings.defaults(0.0005));
    }

    public PretrainSettings withObjective(Objective v) {
        return new PretrainSettings(v, tauInBatch, tauRandom, tauSimcse, randomWeight, simcseWeight, negativesPerRow,
                sampler, samplerJitterKm, learnableTemperature, queueSize, falseNegativeKm, trainer);
    }

    public PretrainSettings withTemperatures(double inBatch, double random, double simcse) {
        return new PretrainSettings(objective, inBatch, random, simcse, randomWeight, simcseWeight, negativesPerRow,
                sampler, samplerJitterKm, learnableTemperature, queueSize, falseNegativeKm, trainer);
    }

    public PretrainSettings withWeights(double random, double simcse) {
        return new PretrainSettings(objective, tauInBatch, tauRandom, tauSimcse, random, simcse, negativesPerRow,
                sampler, samplerJitterKm, learnableTemperature, queueSize, falseNegativeKm, trainer);
    }

    public PretrainSettings withNegatives(int k, Samplers.Kind kind, double jitterKm) {
        return new PretrainSettings(objective, tauInBatch, tauRandom, tauSimcse, randomWeight, simcseWeight, k, kind,
                jitterKm, learnableTemperature, queueSize, falseNegativeKm, trainer);
    }

    public PretrainSettings withLearnableTemperature(boolean v) {
        return new PretrainSettings(objective, tauInBatch, tauRandom, tauSimcse, randomWeight, simcseWeight,
                negativesPerRow, sampler, samplerJitterKm, v, queueSize, falseNegativeKm, trainer);
    }

    public PretrainSettings withQueue(int size) {
        return new PretrainSettings(objective, tauInBatch, tauRandom, tauSimcse, randomWeight, simcseWeight,
                negativesPerRow, sampler, samplerJitterKm, learnableTemperature, size, falseNegativeKm, trainer);
    }

    public PretrainSettings withFalseNegativeKm(double km) {
        return new PretrainSettings(objective, tauInBatch, tauRandom, tauSimcse, randomWeight, simcseWeight,
                negativesPerRow, sampler, samplerJitterKm, learnableTemperature, queueSize, km, trainer);
    }

    public PretrainSettings withTrainer(TrainerSettings t) {
        return new PretrainSettings(objective, tauInBatch, tauRandom, tauSimcse, randomWeight, simcseWeight,
                negativesPerRow, sampler, samplerJitterKm, learnableTemperature, queueSize, falseNegativeKm, t);
    }

    /** Whether a step draws random negative locations. */
    boolean drawsNegatives() {
        return objective.usesRandomLocations() && randomWeight > 0 && negativesPerRow > 0;
    }

    /** Whether a step runs the second (SimCSE) dropout pass. */
    boolean usesSecondPass() {
        return objective.usesSecondDropoutPass() && simcseWeight > 0;
    }
}
