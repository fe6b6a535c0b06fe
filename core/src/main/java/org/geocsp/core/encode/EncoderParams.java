package org.geocsp.core.encode;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.geocsp.core.settings.Param;

/**
 * The declarations of the position-encoder hyper-parameters of {@link EncoderSpec}: defaults of
 * the CSP run scripts, ranges (every size has an upper bound, so that a typo cannot exhaust the
 * memory), labels with the reference flag names, command-line options.
 */
public final class EncoderParams {

    /** The encoder of a new model (the choices are {@link EncoderRegistry#names()}). */
    public static final String DEFAULT_ENCODER = "Space2Vec-grid";
    public static final Param FREQUENCY_NUM = Param.integer("frequency_num", "Scales (frequency_num)",
            "--frequency-num", "Number of scales S.", 32, 1, 4096);
    public static final Param MIN_RADIUS = Param.real("min_radius", "Minimum radius (min_radius)", "--min-radius",
            "Smallest scale r_min.", 0.1, 0, true, 1e9);
    public static final Param MAX_RADIUS = Param.real("max_radius", "Maximum radius (max_radius)", "--max-radius",
            "Largest scale r_max.", 360, 0, true, 1e9);
    public static final Param FREQ_INIT = Param.choice("freq_init", "Frequency schedule (freq_init)", "--freq-init",
            "Frequency schedule of the scales.", "geometric", lower(FrequencyInit.values()));
    public static final Param LEGENDRE_POLYS = Param.integer("legendre_polys", "Legendre polynomials (legendre_polys)",
            "--legendre-polys", "Legendre polynomials L of spherical_harmonics (L^2 features).", 10, 1, 100);
    public static final Param KERNEL_SIZE = Param.real("kernel_size", "Kernel size (kernel_size)", "--kernel-size",
            "Kernel size sigma of rbf (degrees) and rff.", 1.0, 0, true, 1e9);
    public static final Param NUM_ANCHORS = Param.integer("num_anchors", "RBF anchors (num_anchors)", "--num-anchors",
            "Number of rbf anchor points.", 200, 1, 1_000_000);
    public static final Param TILE_SIZE = Param.real("tile_size", "Tile size in degrees (tile_size)", "--tile-size",
            "Cell size of tile_ffn in degrees.", 1.0, 0, true, 180);
    public static final Param SH_CONVENTION = Param.choice("sh_convention", "Spherical-harmonics convention",
            "--sh-convention", "Normalisation of the spherical harmonics.", "orthonormal",
            lower(ShConvention.values()));
    public static final Param ENCODER_SEED = Param.longInteger("encoder_seed", "Encoder seed", "--encoder-seed",
            "Seed of random frequencies, rff weights and rbf anchors.", 42L, Long.MIN_VALUE, Long.MAX_VALUE);

    /** The hyper-parameters of {@link EncoderSpec} (without the encoder name), in dialog order. */
    public static final List<Param> ALL = List.of(FREQUENCY_NUM, MIN_RADIUS, MAX_RADIUS, FREQ_INIT, LEGENDRE_POLYS,
            KERNEL_SIZE, NUM_ANCHORS, TILE_SIZE, SH_CONVENTION, ENCODER_SEED);

    private EncoderParams() {
    }

    static List<String> lower(Enum<?>[] values) {
        return Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT)).toList();
    }
}
