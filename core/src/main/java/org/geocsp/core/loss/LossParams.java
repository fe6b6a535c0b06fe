package org.geocsp.core.loss;

import org.geocsp.core.settings.Param;

/**
 * The declarations of the contrastive losses' temperatures and weights (CSP iNat2018 run script
 * defaults: τ_b = 20, τ_l = τ_d = 1, both weights 1). {@link McLoss.Settings} and core's
 * pre-training settings check against them; the front ends derive their options from them.
 */
public final class LossParams {

    /** Upper bound of temperatures and weights: far beyond any useful value, but finite. */
    public static final double MAX_SCALE = 1e9;
    /** About the Earth's circumference: no distance setting needs more. */
    public static final double MAX_KM = 40_000;

    public static final Param TAU_IN_BATCH = Param.real("tau_in_batch", "In-batch temperature (tau_b)",
            "--temperatures", "Temperature of the in-batch location-image term.", 20, 0, true, MAX_SCALE);
    public static final Param TAU_RANDOM = Param.real("tau_random", "Random-location temperature (tau_l)",
            "--temperatures", "Temperature of the random-location term.", 1, 0, true, MAX_SCALE);
    public static final Param TAU_SIMCSE = Param.real("tau_simcse", "SimCSE temperature (tau_d)", "--temperatures",
            "Temperature of the SimCSE dropout term.", 1, 0, true, MAX_SCALE);
    public static final Param RANDOM_WEIGHT = Param.real("random_weight", "Random-location weight (w_l)",
            "--random-weight", "Weight of the random-location term (0 = off).", 1, 0, false, MAX_SCALE);
    public static final Param SIMCSE_WEIGHT = Param.real("simcse_weight", "SimCSE weight (w_d)", "--simcse-weight",
            "Weight of the SimCSE dropout term (0 = off).", 1, 0, false, MAX_SCALE);
    public static final Param FALSE_NEGATIVE_KM = Param.real("false_negative_km", "False-negative distance (km)",
            "--false-negative-km", "Mask in-batch pairs closer than this many km (-1 = off).", -1, -1, false, MAX_KM);

    private LossParams() {
    }
}
