package org.geocsp.knime.config;

import org.geocsp.core.table.EmbeddingSource;
import org.geocsp.core.table.ColumnInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.geo.Samplers;
import org.geocsp.core.loss.Objective;
import org.geocsp.core.runtime.DeviceChoice;
import org.geocsp.core.train.PretrainParams;
import org.geocsp.core.train.PretrainSettings;
import org.geocsp.core.train.TrainerParams;
import org.geocsp.core.train.TrainingPreset;
import org.geocsp.core.train.TrainerSettings;

/** Settings of the Contrastive Pretrainer node (core's {@link PretrainSettings} plus the input columns). */
public final class PretrainerConfig extends NodeConfig {

    public static final String TAB_COLUMNS = "Columns";
    public static final String TAB_OBJECTIVE = "Objective";
    /** Port of the data table (port 0 is the model). */
    public static final int DATA_PORT = 1;

    private static final PretrainSettings D = PretrainSettings.defaults();

    public static final LocationColumns LOCATION = new LocationColumns(DATA_PORT, TAB_COLUMNS);
    public static final EmbeddingColumns EMBEDDING = new EmbeddingColumns("image_embedding", "Image embedding",
            DATA_PORT, false, TAB_COLUMNS);
    public static final Setting MISSING = LocationColumns.missingValues(TAB_COLUMNS);

    public static final Setting PRESET = Setting.of(TrainingPreset.PARAM, TAB_OBJECTIVE);
    public static final Setting OBJECTIVE = Setting.of(PretrainParams.OBJECTIVE, TAB_OBJECTIVE);
    public static final Setting TAU_IN_BATCH = Setting.of(PretrainParams.TAU_IN_BATCH, TAB_OBJECTIVE);
    public static final Setting TAU_RANDOM = Setting.of(PretrainParams.TAU_RANDOM, TAB_OBJECTIVE);
    public static final Setting TAU_SIMCSE = Setting.of(PretrainParams.TAU_SIMCSE, TAB_OBJECTIVE);
    public static final Setting RANDOM_WEIGHT = Setting.of(PretrainParams.RANDOM_WEIGHT, TAB_OBJECTIVE);
    public static final Setting SIMCSE_WEIGHT = Setting.of(PretrainParams.SIMCSE_WEIGHT, TAB_OBJECTIVE);
    public static final Setting NEGATIVES = Setting.of(PretrainParams.NEGATIVES, TAB_OBJECTIVE);
    public static final Setting SAMPLER = Setting.of(PretrainParams.SAMPLER, TAB_OBJECTIVE);
    public static final Setting JITTER_KM = Setting.of(PretrainParams.JITTER_KM, TAB_OBJECTIVE);
    public static final Setting LEARNABLE_TEMPERATURE = Setting.of(PretrainParams.LEARNABLE_TEMPERATURE,
            TAB_OBJECTIVE);
    public static final Setting QUEUE_SIZE = Setting.of(PretrainParams.QUEUE_SIZE, TAB_OBJECTIVE);
    public static final Setting FALSE_NEGATIVE_KM = Setting.of(PretrainParams.FALSE_NEGATIVE_KM, TAB_OBJECTIVE);
    public static final Setting EMBEDDING_RESCALE = Setting.of(PretrainParams.EMBEDDING_RESCALE, TAB_OBJECTIVE);

    /** Settings added in a later version: workflows saved before load with their defaults. */
    public static final List<Setting> ADDED_LATER = List.of(EMBEDDING_RESCALE, PRESET);

    public static final TrainerConfig TRAINER = new TrainerConfig(TrainerParams.PRETRAINING);

    /** Every setting of the node, in dialog order. */
    public static final List<Setting> SETTINGS = concat(LOCATION.settings(), EMBEDDING.settings(), List.of(MISSING),
            List.of(PRESET, OBJECTIVE, TAU_IN_BATCH, TAU_RANDOM, TAU_SIMCSE, RANDOM_WEIGHT, SIMCSE_WEIGHT, NEGATIVES, SAMPLER,
                    JITTER_KM, LEARNABLE_TEMPERATURE, QUEUE_SIZE, FALSE_NEGATIVE_KM, EMBEDDING_RESCALE),
            TRAINER.settings());

    public PretrainerConfig(SettingValues values) {
        super(values);
        if (!values.settings().equals(SETTINGS)) {
            throw new IllegalArgumentException("values are not those of the Contrastive Pretrainer");
        }
    }

    public static PretrainerConfig defaults() {
        return new PretrainerConfig(SettingValues.defaults(SETTINGS));
    }

    public static PretrainerConfig load(ConfigStore store) throws ConfigException {
        return new PretrainerConfig(SettingValues.load(SETTINGS, store, ADDED_LATER));
    }

    public boolean skipMissing() {
        return values().getChoice(MISSING).equals(LocationColumns.SKIP_ROW);
    }

    /**
     * Core's pre-training settings.
     *
     * @param preferenceDevice the device of the preference page (used when the node says "preference")
     * @throws InvalidInputException listing every problem
     */
    public PretrainSettings toCore(DeviceChoice preferenceDevice) {
        PretrainSettings base = core.get();
        if (base == null) {
            base = build(DeviceChoice.CPU); // throws every problem; nothing is cached then
            core.compareAndSet(null, base);
        }
        DeviceChoice device = TRAINER.device(values(), preferenceDevice);
        return device.equals(base.trainer().device()) ? base : base.withTrainer(base.trainer().withDevice(device));
    }

    /**
     * The conversion, once per config (a node's config does not change during an execution):
     * the "preference" device is resolved by {@link #toCore(DeviceChoice)}.
     */
    private final java.util.concurrent.atomic.AtomicReference<PretrainSettings> core =
            new java.util.concurrent.atomic.AtomicReference<>();

    private PretrainSettings build(DeviceChoice preferenceDevice) {
        List<String> p = new ArrayList<>(values().rangeProblems());
        if (!p.isEmpty()) {
            throw new InvalidInputException(p);
        }
        SettingValues v = TrainerConfig.withPreset(values(), PRESET, TrainingPreset::pretraining);
        TrainerSettings trainer = null;
        try {
            trainer = TRAINER.toCore(v, preferenceDevice);
        } catch (InvalidInputException e) {
            p.addAll(e.problems());
        }
        try {
            // with the default trainer if the node's is invalid, so that every problem is listed at once
            PretrainSettings s = new PretrainSettings(Objective.parse(v.getChoice(OBJECTIVE)),
                    v.getDouble(TAU_IN_BATCH), v.getDouble(TAU_RANDOM), v.getDouble(TAU_SIMCSE),
                    v.getDouble(RANDOM_WEIGHT), v.getDouble(SIMCSE_WEIGHT), v.getInt(NEGATIVES),
                    Samplers.parse(v.getChoice(SAMPLER)), v.getDouble(JITTER_KM), v.getBoolean(LEARNABLE_TEMPERATURE),
                    v.getInt(QUEUE_SIZE), v.getDouble(FALSE_NEGATIVE_KM), v.getBoolean(EMBEDDING_RESCALE),
                    trainer == null ? D.trainer() : trainer);
            if (p.isEmpty()) {
                return s;
            }
        } catch (InvalidInputException e) {
            p.addAll(e.problems());
        }
        throw new InvalidInputException(p);
    }

    @Override
    protected void checkWithCore() {
        toCore(DeviceChoice.CPU);
    }

    /** The objective chosen (for the statistics columns). */
    public Objective objective() {
        return Objective.parse(values().getChoice(OBJECTIVE).toLowerCase(Locale.ROOT));
    }

    /**
     * The columns used from the data table.
     *
     * @throws ConfigException naming every setting whose column is missing or unsuitable
     */
    public DataColumns resolveColumns(List<ColumnInfo> columns) throws ConfigException {
        List<String> p = new ArrayList<>();
        int[] ll = LOCATION.resolve(columns, values(), p);
        EmbeddingSource e = EMBEDDING.resolve(columns, values(), p);
        if (!p.isEmpty()) {
            throw new ConfigException(p);
        }
        return new DataColumns(ll[0], ll[1], -1, e, LOCATION.policy(values()), skipMissing());
    }
}
