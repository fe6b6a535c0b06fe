package org.geocsp.core.train;

import java.util.LinkedHashMap;
import java.util.Map;
import org.geocsp.core.geo.Samplers;
import org.geocsp.core.loss.Objective;
import org.geocsp.core.settings.Param;
import org.geocsp.core.settings.Problems;

/**
 * Settings of contrastive spatial pre-training (CSP, notes §2), with the reference flag names in
 * brackets. Every field is declared (default, range, label) in {@link PretrainParams} and
 * {@link TrainerParams}; the constructor checks them all and lists every problem at once.
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
 * @param embeddingRescale scale the pre-trained encoder's output to an untrained encoder's mean
 *     embedding norm ({@link EmbeddingRescale}; not in the reference)
 * @param trainer optimisation settings
 */
public record PretrainSettings(Objective objective, double tauInBatch, double tauRandom, double tauSimcse,
        double randomWeight, double simcseWeight, int negativesPerRow, Samplers.Kind sampler, double samplerJitterKm,
        boolean learnableTemperature, int queueSize, double falseNegativeKm, boolean embeddingRescale,
        TrainerSettings trainer) {

    public PretrainSettings {
        Problems p = new Problems();
        p.check(PretrainParams.OBJECTIVE, objective == null ? null : objective.referenceName());
        p.check(PretrainParams.TAU_IN_BATCH, tauInBatch).check(PretrainParams.TAU_RANDOM, tauRandom)
                .check(PretrainParams.TAU_SIMCSE, tauSimcse);
        p.check(PretrainParams.RANDOM_WEIGHT, randomWeight).check(PretrainParams.SIMCSE_WEIGHT, simcseWeight);
        p.check(PretrainParams.NEGATIVES, negativesPerRow);
        if (objective != null && objective.usesRandomLocations() && randomWeight > 0 && negativesPerRow == 0) {
            p.add(PretrainParams.NEGATIVES, "objective " + objective.referenceName() + " with random-location weight "
                    + randomWeight + " needs at least one negative per row (K >= 1)");
        }
        p.check(PretrainParams.SAMPLER, sampler == null ? null : sampler.canonicalName());
        p.check(PretrainParams.JITTER_KM, samplerJitterKm);
        p.check(PretrainParams.QUEUE_SIZE, queueSize);
        if (queueSize > 0 && objective != Objective.CONTSOFTMAXSYM) {
            p.add(PretrainParams.QUEUE_SIZE, "a negative queue needs the symmetric MC objective (contsoftmaxsym), not "
                    + (objective == null ? "none" : objective.referenceName()));
        }
        p.check(PretrainParams.FALSE_NEGATIVE_KM, falseNegativeKm);
        if (trainer == null) {
            p.add(null, "trainer settings are missing");
        }
        p.throwIfAny();
    }

    /** The declared defaults ({@link PretrainParams}) with the given trainer settings. */
    public static PretrainSettings csp(TrainerSettings trainer) {
        return new PretrainSettings(Objective.parse(PretrainParams.OBJECTIVE.defaultString()),
                PretrainParams.TAU_IN_BATCH.defaultDouble(), PretrainParams.TAU_RANDOM.defaultDouble(),
                PretrainParams.TAU_SIMCSE.defaultDouble(), PretrainParams.RANDOM_WEIGHT.defaultDouble(),
                PretrainParams.SIMCSE_WEIGHT.defaultDouble(), PretrainParams.NEGATIVES.defaultInt(),
                Samplers.parse(PretrainParams.SAMPLER.defaultString()), PretrainParams.JITTER_KM.defaultDouble(),
                PretrainParams.LEARNABLE_TEMPERATURE.defaultBoolean(), PretrainParams.QUEUE_SIZE.defaultInt(),
                PretrainParams.FALSE_NEGATIVE_KM.defaultDouble(),
                PretrainParams.EMBEDDING_RESCALE.defaultBoolean(), trainer);
    }

    /** The declared defaults of pre-training ({@link PretrainParams}, {@link TrainerParams#PRETRAINING}). */
    public static PretrainSettings defaults() {
        return csp(TrainerParams.PRETRAINING.defaults());
    }

    public PretrainSettings withObjective(Objective v) {
        return new PretrainSettings(v, tauInBatch, tauRandom, tauSimcse, randomWeight, simcseWeight, negativesPerRow,
                sampler, samplerJitterKm, learnableTemperature, queueSize, falseNegativeKm, embeddingRescale, trainer);
    }

    public PretrainSettings withTemperatures(double inBatch, double random, double simcse) {
        return new PretrainSettings(objective, inBatch, random, simcse, randomWeight, simcseWeight, negativesPerRow,
                sampler, samplerJitterKm, learnableTemperature, queueSize, falseNegativeKm, embeddingRescale, trainer);
    }

    public PretrainSettings withWeights(double random, double simcse) {
        return new PretrainSettings(objective, tauInBatch, tauRandom, tauSimcse, random, simcse, negativesPerRow,
                sampler, samplerJitterKm, learnableTemperature, queueSize, falseNegativeKm, embeddingRescale, trainer);
    }

    public PretrainSettings withNegatives(int k, Samplers.Kind kind, double jitterKm) {
        return new PretrainSettings(objective, tauInBatch, tauRandom, tauSimcse, randomWeight, simcseWeight, k, kind,
                jitterKm, learnableTemperature, queueSize, falseNegativeKm, embeddingRescale, trainer);
    }

    public PretrainSettings withLearnableTemperature(boolean v) {
        return new PretrainSettings(objective, tauInBatch, tauRandom, tauSimcse, randomWeight, simcseWeight,
                negativesPerRow, sampler, samplerJitterKm, v, queueSize, falseNegativeKm, embeddingRescale, trainer);
    }

    public PretrainSettings withQueue(int size) {
        return new PretrainSettings(objective, tauInBatch, tauRandom, tauSimcse, randomWeight, simcseWeight,
                negativesPerRow, sampler, samplerJitterKm, learnableTemperature, size, falseNegativeKm, embeddingRescale, trainer);
    }

    public PretrainSettings withFalseNegativeKm(double km) {
        return new PretrainSettings(objective, tauInBatch, tauRandom, tauSimcse, randomWeight, simcseWeight,
                negativesPerRow, sampler, samplerJitterKm, learnableTemperature, queueSize, km, embeddingRescale, trainer);
    }

    public PretrainSettings withTrainer(TrainerSettings t) {
        return new PretrainSettings(objective, tauInBatch, tauRandom, tauSimcse, randomWeight, simcseWeight,
                negativesPerRow, sampler, samplerJitterKm, learnableTemperature, queueSize, falseNegativeKm, embeddingRescale, t);
    }

    public PretrainSettings withEmbeddingRescale(boolean v) {
        return new PretrainSettings(objective, tauInBatch, tauRandom, tauSimcse, randomWeight, simcseWeight,
                negativesPerRow, sampler, samplerJitterKm, learnableTemperature, queueSize, falseNegativeKm, v, trainer);
    }

    /** Whether a step draws random negative locations. */
    boolean drawsNegatives() {
        return objective.usesRandomLocations() && randomWeight > 0 && negativesPerRow > 0;
    }

    /** Whether a step runs the second (SimCSE) dropout pass. */
    boolean usesSecondPass() {
        return objective.usesSecondDropoutPass() && simcseWeight > 0;
    }

    /**
     * The value of each declaration of {@link PretrainParams} in declaration order, as the
     * declarations check and format them (the trainer's: {@link TrainerSettings#values()}).
     */
    public Map<Param, Object> values() {
        Map<Param, Object> m = new LinkedHashMap<>();
        m.put(PretrainParams.OBJECTIVE, objective.referenceName());
        m.put(PretrainParams.TAU_IN_BATCH, tauInBatch);
        m.put(PretrainParams.TAU_RANDOM, tauRandom);
        m.put(PretrainParams.TAU_SIMCSE, tauSimcse);
        m.put(PretrainParams.RANDOM_WEIGHT, randomWeight);
        m.put(PretrainParams.SIMCSE_WEIGHT, simcseWeight);
        m.put(PretrainParams.NEGATIVES, negativesPerRow);
        m.put(PretrainParams.SAMPLER, sampler.canonicalName());
        m.put(PretrainParams.JITTER_KM, samplerJitterKm);
        m.put(PretrainParams.LEARNABLE_TEMPERATURE, learnableTemperature);
        m.put(PretrainParams.QUEUE_SIZE, queueSize);
        m.put(PretrainParams.FALSE_NEGATIVE_KM, falseNegativeKm);
        m.put(PretrainParams.EMBEDDING_RESCALE, embeddingRescale);
        return m;
    }
}
