package org.geocsp.knime.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.geocsp.core.encode.EncoderParams;
import org.geocsp.core.encode.EncoderRegistry;
import org.geocsp.core.encode.EncoderSpec;
import org.geocsp.core.encode.FrequencyInit;
import org.geocsp.core.encode.ShConvention;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.model.ModelSpec;
import org.geocsp.core.nn.Activation;
import org.geocsp.core.nn.DefaultStacks;
import org.geocsp.core.nn.StackKind;
import org.geocsp.core.nn.StackParams;
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


    public static final Setting ENCODER = Setting.choice("encoder", "Encoder", EncoderParams.DEFAULT_ENCODER,
            EncoderRegistry.names(), TAB_ENCODER);
    public static final Setting FREQUENCY_NUM = Setting.of(EncoderParams.FREQUENCY_NUM, TAB_ENCODER);
    public static final Setting MIN_RADIUS = Setting.of(EncoderParams.MIN_RADIUS, TAB_ENCODER);
    public static final Setting MAX_RADIUS = Setting.of(EncoderParams.MAX_RADIUS, TAB_ENCODER);
    public static final Setting FREQ_INIT = Setting.of(EncoderParams.FREQ_INIT, TAB_ENCODER);
    public static final Setting LEGENDRE_POLYS = Setting.of(EncoderParams.LEGENDRE_POLYS, TAB_ENCODER);
    public static final Setting KERNEL_SIZE = Setting.of(EncoderParams.KERNEL_SIZE, TAB_ENCODER);
    public static final Setting NUM_ANCHORS = Setting.of(EncoderParams.NUM_ANCHORS, TAB_ENCODER);
    public static final Setting TILE_SIZE = Setting.of(EncoderParams.TILE_SIZE, TAB_ENCODER);
    public static final Setting SH_CONVENTION = Setting.of(EncoderParams.SH_CONVENTION, TAB_ENCODER);
    public static final Setting ENCODER_SEED = Setting.of(EncoderParams.ENCODER_SEED, TAB_ENCODER);

    public static final Setting STACK = Setting.choice("stack", "Network", STACK_DEFAULT,
            List.of(STACK_DEFAULT, STACK_CUSTOM), TAB_NETWORK);
    public static final Setting STACK_KIND = Setting.of(StackParams.KIND, TAB_NETWORK);
    public static final Setting HIDDEN_LAYERS = Setting.of(StackParams.HIDDEN_LAYERS, TAB_NETWORK);
    public static final Setting HIDDEN_DIM = Setting.of(StackParams.HIDDEN_DIM, TAB_NETWORK);
    public static final Setting EMBEDDING_DIM = Setting.of(StackParams.EMBEDDING_DIM, TAB_NETWORK);
    public static final Setting ACTIVATION = Setting.of(StackParams.ACTIVATION, TAB_NETWORK);
    public static final Setting DROPOUT = Setting.of(StackParams.DROPOUT, TAB_NETWORK);
    public static final Setting LAYER_NORM = Setting.of(StackParams.LAYER_NORM, TAB_NETWORK);
    public static final Setting SKIP = Setting.of(StackParams.SKIP, TAB_NETWORK);
    public static final Setting SIREN_W0_INITIAL = Setting.of(StackParams.SIREN_W0_INITIAL, TAB_NETWORK);
    public static final Setting SIREN_W0 = Setting.of(StackParams.SIREN_W0, TAB_NETWORK);
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
