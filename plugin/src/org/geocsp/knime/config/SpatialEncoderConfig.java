package org.geocsp.knime.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.geocsp.core.encode.EncoderRegistry;
import org.geocsp.core.encode.EncoderSpec;
import org.geocsp.core.encode.FrequencyInit;
import org.geocsp.core.encode.ShConvention;
import org.geocsp.core.geo.InvalidInputException;
import org.geocsp.core.model.ModelSpec;
import org.geocsp.core.nn.Activation;
import org.geocsp.core.nn.DefaultStacks;
import org.geocsp.core.nn.StackKind;
import org.geocsp.core.nn.StackSpec;

/**
 * Settings of the Spatial Encoder node: a position encoder of core's {@link EncoderRegistry} with
 * its hyper-parameters ({@link EncoderSpec}) and the trainable stack ({@link StackSpec}), either
 * the encoder's published default or a custom one.
 */
public final class SpatialEncoderConfig extends NodeConfig {

    public static final String TAB_ENCODER = "Position encoder";
    public static final String TAB_NETWORK = "Network";
    public static final String STACK_DEFAULT = "encoder default";
    public static final String STACK_CUSTOM = "custom";

    private static final EncoderSpec E = EncoderSpec.of("Space2Vec-grid");
    private static final StackSpec S = StackSpec.csp();

    public static final Setting ENCODER = Setting.choice("encoder", "Encoder", "Space2Vec-grid",
            EncoderRegistry.names(), TAB_ENCODER);
    public static final Setting FREQUENCY_NUM = Setting.integer("frequency_num", "Scales (frequency_num)",
            E.frequencyNum(), 1, 4096, TAB_ENCODER);
    public static final Setting MIN_RADIUS = Setting.real("min_radius", "Minimum radius (min_radius)", E.minRadius(),
            1e-9, 1e9, TAB_ENCODER);
    public static final Setting MAX_RADIUS = Setting.real("max_radius", "Maximum radius (max_radius)", E.maxRadius(),
            1e-9, 1e9, TAB_ENCODER);
    public static final Setting FREQ_INIT = Setting.choice("freq_init", "Frequency schedule (freq_init)",
            E.freqInit().name().toLowerCase(Locale.ROOT),
            Arrays.stream(FrequencyInit.values()).map(f -> f.name().toLowerCase(Locale.ROOT)).toList(), TAB_ENCODER);
    public static final Setting LEGENDRE_POLYS = Setting.integer("legendre_polys",
            "Legendre polynomials (legendre_polys)", E.legendrePolys(), 1, 100, TAB_ENCODER);
    public static final Setting KERNEL_SIZE = Setting.real("kernel_size", "Kernel size (kernel_size)", E.kernelSize(),
            1e-9, 1e9, TAB_ENCODER);
    public static final Setting NUM_ANCHORS = Setting.integer("num_anchors", "RBF anchors (num_anchors)",
            E.numAnchors(), 1, 1_000_000, TAB_ENCODER);
    public static final Setting TILE_SIZE = Setting.real("tile_size", "Tile size in degrees (tile_size)",
            E.tileSizeDeg(), 1e-6, 180, TAB_ENCODER);
    public static final Setting SH_CONVENTION = Setting.choice("sh_convention", "Spherical-harmonics convention",
            E.shConvention().name().toLowerCase(Locale.ROOT),
            Arrays.stream(ShConvention.values()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList(), TAB_ENCODER);
    public static final Setting ENCODER_SEED = Setting.longInteger("encoder_seed", "Encoder seed", E.seed(),
            TAB_ENCODER);

    public static final Setting STACK = Setting.choice("stack", "Network", STACK_DEFAULT,
            List.of(STACK_DEFAULT, STACK_CUSTOM), TAB_NETWORK);
    public static final Setting STACK_KIND = Setting.choice("stack_kind", "Network kind",
            S.kind().name().toLowerCase(Locale.ROOT),
            Arrays.stream(StackKind.values()).map(k -> k.name().toLowerCase(Locale.ROOT)).toList(), TAB_NETWORK);
    public static final Setting HIDDEN_LAYERS = Setting.integer("hidden_layers", "Hidden layers", S.hiddenLayers(), 0,
            100, TAB_NETWORK);
    public static final Setting HIDDEN_DIM = Setting.integer("hidden_dim", "Hidden dimension", S.hiddenDim(), 1,
            65536, TAB_NETWORK);
    public static final Setting EMBEDDING_DIM = Setting.integer("embedding_dim", "Embedding dimension", S.outputDim(),
            1, 65536, TAB_NETWORK);
    public static final Setting ACTIVATION = Setting.choice("activation", "Activation", S.activation().referenceName(),
            Arrays.stream(Activation.values()).map(Activation::referenceName).toList(), TAB_NETWORK);
    public static final Setting DROPOUT = Setting.real("dropout", "Dropout", S.dropout(), 0, 0.999999, TAB_NETWORK);
    public static final Setting LAYER_NORM = Setting.bool("layer_norm", "Layer normalisation", S.layerNorm(),
            TAB_NETWORK);
    public static final Setting SKIP = Setting.bool("skip_connection", "Skip connections", S.skipConnection(),
            TAB_NETWORK);
    public static final Setting SIREN_W0_INITIAL = Setting.real("siren_w0_initial", "SIREN w0 of the first layer",
            S.sirenW0Initial(), 1e-9, 1e9, TAB_NETWORK);
    public static final Setting SIREN_W0 = Setting.real("siren_w0", "SIREN w0", S.sirenW0(), 1e-9, 1e9, TAB_NETWORK);
    public static final Setting INIT_SEED = Setting.longInteger("init_seed", "Initialisation seed", 0L, TAB_NETWORK);

    public static final List<Setting> SETTINGS = List.of(ENCODER, FREQUENCY_NUM, MIN_RADIUS, MAX_RADIUS, FREQ_INIT,
            LEGENDRE_POLYS, KERNEL_SIZE, NUM_ANCHORS, TILE_SIZE, SH_CONVENTION, ENCODER_SEED, STACK, STACK_KIND,
            HIDDEN_LAYERS, HIDDEN_DIM, EMBEDDING_DIM, ACTIVATION, DROPOUT, LAYER_NORM, SKIP, SIREN_W0_INITIAL, SIREN_W0,
            INIT_SEED);

    public SpatialEncoderConfig(SettingValues values) {
        super(values);
        if (!values.settings().equals(SETTINGS)) {
            throw new IllegalArgumentException("values are not those of the Spatial Encoder");
        }
    }

    public static SpatialEncoderConfig defaults() {
        return new SpatialEncoderConfig(SettingValues.defaults(SETTINGS));
    }

    public static SpatialEncoderConfig load(ConfigStore store) throws ConfigException {
        return new SpatialEncoderConfig(SettingValues.load(SETTINGS, store));
    }

    /** The position encoder's settings. */
    public EncoderSpec encoderSpec() {
        SettingValues v = values();
        return new EncoderSpec(EncoderRegistry.canonicalName(v.getChoice(ENCODER)), v.getInt(FREQUENCY_NUM),
                v.getDouble(MIN_RADIUS), v.getDouble(MAX_RADIUS), FrequencyInit.parse(v.getChoice(FREQ_INIT)),
                v.getInt(LEGENDRE_POLYS), v.getDouble(KERNEL_SIZE), v.getInt(NUM_ANCHORS), v.getDouble(TILE_SIZE),
                ShConvention.valueOf(v.getChoice(SH_CONVENTION).toUpperCase(Locale.ROOT)), v.getLong(ENCODER_SEED));
    }

    /** The stack: the encoder's default ({@link DefaultStacks}) or the custom one. */
    public StackSpec stackSpec() {
        SettingValues v = values();
        if (v.getChoice(STACK).equals(STACK_DEFAULT)) {
            return DefaultStacks.forEncoder(EncoderRegistry.canonicalName(v.getChoice(ENCODER)));
        }
        StackKind kind = StackKind.valueOf(v.getChoice(STACK_KIND).toUpperCase(Locale.ROOT));
        return new StackSpec(kind, v.getInt(HIDDEN_LAYERS), v.getInt(HIDDEN_DIM), v.getInt(EMBEDDING_DIM),
                kind == StackKind.SIREN ? null : Activation.parse(v.getChoice(ACTIVATION)), v.getDouble(DROPOUT),
                v.getBoolean(LAYER_NORM), v.getBoolean(SKIP), v.getDouble(SIREN_W0_INITIAL), v.getDouble(SIREN_W0));
    }

    /**
     * The spec of the model the node creates.
     *
     * @throws InvalidInputException listing every problem of the encoder and network settings
     */
    public ModelSpec modelSpec() {
        List<String> p = new ArrayList<>(values().rangeProblems());
        if (!p.isEmpty()) {
            throw new InvalidInputException(p);
        }
        EncoderSpec e = null;
        StackSpec s = null;
        try {
            e = encoderSpec();
        } catch (InvalidInputException ex) {
            p.addAll(ex.problems());
        } catch (IllegalArgumentException ex) {
            p.add(ex.getMessage());
        }
        try {
            s = stackSpec();
        } catch (InvalidInputException ex) {
            p.addAll(ex.problems());
        }
        if (!p.isEmpty()) {
            throw new InvalidInputException(p);
        }
        return ModelSpec.of(e, s);
    }

    public long initSeed() {
        return values().getLong(INIT_SEED);
    }

    @Override
    protected void checkWithCore() {
        modelSpec();
    }
}
