package org.geocsp.core.train;

import java.util.Arrays;
import java.util.List;
import org.geocsp.core.geo.Samplers;
import org.geocsp.core.loss.LossParams;
import org.geocsp.core.loss.Objective;
import org.geocsp.core.settings.Param;

/**
 * The declarations of the pre-training hyper-parameters of {@link PretrainSettings}: the one place
 * of their defaults (the CSP iNat2018 run script, except the area-uniform sampler), ranges, labels
 * and command-line options. The temperatures and weights are the loss's ({@link LossParams}); the
 * trainer's are in {@link TrainerParams}.
 */
public final class PretrainParams {

    public static final Param OBJECTIVE = Param.choice("objective", "Objective", "--objective",
            "Pre-training loss by its CSP name.", Objective.CONTSOFTMAX.referenceName(),
            Arrays.stream(Objective.values()).map(Objective::referenceName).toList());
    public static final Param TAU_IN_BATCH = LossParams.TAU_IN_BATCH;
    public static final Param TAU_RANDOM = LossParams.TAU_RANDOM;
    public static final Param TAU_SIMCSE = LossParams.TAU_SIMCSE;
    public static final Param RANDOM_WEIGHT = LossParams.RANDOM_WEIGHT;
    public static final Param SIMCSE_WEIGHT = LossParams.SIMCSE_WEIGHT;
    public static final Param NEGATIVES = Param.integer("negatives_per_row", "Random negatives per row (K)",
            "--negatives", "Random negative locations drawn per row.", 1, 0, 64);
    public static final Param SAMPLER = Param.choice("sampler", "Random-location sampler", "--sampler",
            "Sampler of the random negative locations.", Samplers.Kind.AREA_UNIFORM.canonicalName(),
            Arrays.stream(Samplers.Kind.values()).map(Samplers.Kind::canonicalName).toList());
    public static final Param JITTER_KM = Param.real("sampler_jitter_km", "Sampler jitter (km)", "--sampler-jitter-km",
            "Jitter scale of the training-location sampler in km.", 50, 0, false, LossParams.MAX_KM);
    public static final Param LEARNABLE_TEMPERATURE = Param.bool("learnable_temperature", "Learnable temperature",
            "--learnable-temperature", "Learn the in-batch temperature (CLIP style, initial 0.07) instead of tau_b.",
            false);
    public static final Param QUEUE_SIZE = Param.integer("queue_size", "Negative queue size", "--queue-size",
            "Recent location embeddings used as extra negatives (needs contsoftmaxsym; 0 = off).", 0, 0, 10_000_000);
    public static final Param FALSE_NEGATIVE_KM = LossParams.FALSE_NEGATIVE_KM;
    public static final Param EMBEDDING_RESCALE = Param.bool("embedding_rescale", "Rescale the embedding",
            "--embedding-rescale", "After pre-training, scale the location encoder's output so that its mean"
                    + " embedding norm over the training locations equals an untrained encoder's (same spec and seed);"
                    + " off: the CSP paper's behaviour.", true);

    /** The pre-training declarations in dialog order (without the trainer's). */
    public static final List<Param> ALL = List.of(OBJECTIVE, TAU_IN_BATCH, TAU_RANDOM, TAU_SIMCSE, RANDOM_WEIGHT,
            SIMCSE_WEIGHT, NEGATIVES, SAMPLER, JITTER_KM, LEARNABLE_TEMPERATURE, QUEUE_SIZE, FALSE_NEGATIVE_KM,
            EMBEDDING_RESCALE);

    private PretrainParams() {
    }
}
