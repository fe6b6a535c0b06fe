package org.geocsp.knime.config;

import org.geocsp.core.table.EmbeddingSource;
import org.geocsp.core.table.ColumnKind;
import org.geocsp.core.table.ColumnInfo;
import java.util.ArrayList;
import java.util.List;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.geo.Samplers;
import org.geocsp.core.model.ModelSpec;
import org.geocsp.core.model.ModelStage;
import org.geocsp.core.table.ColumnGuess;
import org.geocsp.core.nn.FreezeMode;
import org.geocsp.core.runtime.DeviceChoice;
import org.geocsp.core.train.FineTuneParams;
import org.geocsp.core.train.FineTuneSettings;
import org.geocsp.core.train.TrainerParams;
import org.geocsp.core.train.TrainingPreset;
import org.geocsp.core.train.TrainerSettings;

/** Settings of the Fine-Tuner node (core's {@link FineTuneSettings} plus the input columns). */
public final class FineTunerConfig extends NodeConfig {

    public static final String TAB_COLUMNS = "Columns";
    public static final String TAB_FINE_TUNING = "Fine-tuning";
    public static final int DATA_PORT = 1;
    /** Epochs of the default (core's declaration). */
    public static final int DEFAULT_EPOCHS = TrainerParams.FINE_TUNING.epochs.defaultInt();

    public static final String FREEZE_NONE = "none";
    public static final String FREEZE_LOCATION_ENCODER = "location encoder";
    public static final String FREEZE_POSITION_ENCODER = "position encoder";

    private static final FineTuneSettings D = FineTuneSettings.defaults();

    public static final LocationColumns LOCATION = new LocationColumns(DATA_PORT, TAB_COLUMNS);
    public static final Setting LABEL = Setting.column("label_column", "Label column", ColumnKind.STRING, DATA_PORT,
            false, TAB_COLUMNS);
    /** Optional: choosing it also trains the model's image classifier P(class | image embedding). */
    public static final EmbeddingColumns EMBEDDING = new EmbeddingColumns("image_embedding",
            "Image embedding", DATA_PORT, true, TAB_COLUMNS);
    public static final Setting MISSING = LocationColumns.missingValues(TAB_COLUMNS);

    public static final Setting PRESET = Setting.of(TrainingPreset.PARAM, TAB_FINE_TUNING);
    public static final Setting LOSS = Setting.of(FineTuneParams.LOSS, TAB_FINE_TUNING);
    public static final Setting RANDOM_WEIGHT = Setting.of(FineTuneParams.RANDOM_WEIGHT, TAB_FINE_TUNING);
    public static final Setting SAMPLER = Setting.of(FineTuneParams.SAMPLER, TAB_FINE_TUNING);
    public static final Setting LABEL_RATIO = Setting.of(FineTuneParams.LABEL_RATIO, TAB_FINE_TUNING);
    /** Core's freeze modes with the spellings saved workflows hold (parsed by {@link FreezeMode#parse}). */
    public static final Setting FREEZE = Setting.of(FineTuneParams.FREEZE, FREEZE_NONE,
            List.of(FREEZE_NONE, FREEZE_LOCATION_ENCODER, FREEZE_POSITION_ENCODER), TAB_FINE_TUNING);

    public static final TrainerConfig TRAINER = new TrainerConfig(TrainerParams.FINE_TUNING);

    /**
     * Settings added in a later version (the image embedding in GeoCSP 0.2, then the preset):
     * workflows saved before load with their defaults.
     */
    public static final List<Setting> ADDED_LATER = concat(EMBEDDING.settings(), List.of(PRESET));

    public static final List<Setting> SETTINGS = concat(LOCATION.settings(), List.of(LABEL), EMBEDDING.settings(),
            List.of(MISSING),
            List.of(PRESET, LOSS, RANDOM_WEIGHT, SAMPLER, LABEL_RATIO, FREEZE), TRAINER.settings());

    public FineTunerConfig(SettingValues values) {
        super(values);
        if (!values.settings().equals(SETTINGS)) {
            throw new IllegalArgumentException("values are not those of the Fine-Tuner");
        }
    }

    public static FineTunerConfig defaults() {
        return new FineTunerConfig(SettingValues.defaults(SETTINGS));
    }

    public static FineTunerConfig load(ConfigStore store) throws ConfigException {
        return new FineTunerConfig(SettingValues.load(SETTINGS, store, ADDED_LATER));
    }

    public boolean skipMissing() {
        return values().getChoice(MISSING).equals(LocationColumns.SKIP_ROW);
    }

    /** The freeze mode chosen. */
    public FreezeMode freezeMode() {
        return FreezeMode.parse(values().getChoice(FREEZE));
    }

    /**
     * Core's fine-tuning settings.
     *
     * @throws InvalidInputException listing every problem
     */
    public FineTuneSettings toCore(DeviceChoice preferenceDevice) {
        FineTuneSettings base = core.get();
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
    private final java.util.concurrent.atomic.AtomicReference<FineTuneSettings> core =
            new java.util.concurrent.atomic.AtomicReference<>();

    private FineTuneSettings build(DeviceChoice preferenceDevice) {
        List<String> p = new ArrayList<>(values().rangeProblems());
        if (!p.isEmpty()) {
            throw new InvalidInputException(p);
        }
        SettingValues v = TrainerConfig.withPreset(values(), PRESET, TrainingPreset::fineTuning);
        TrainerSettings trainer = null;
        try {
            trainer = TRAINER.toCore(v, preferenceDevice);
        } catch (InvalidInputException e) {
            p.addAll(e.problems());
        }
        try {
            FineTuneSettings s = new FineTuneSettings(FineTuneSettings.LossKind.parse(v.getChoice(LOSS)),
                    v.getDouble(RANDOM_WEIGHT), Samplers.parse(v.getChoice(SAMPLER)), v.getDouble(LABEL_RATIO),
                    freezeMode(), trainer == null ? D.trainer() : trainer, trainsImageClassifier());
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

    /** True if an image embedding is chosen: the model then also learns its image classifier. */
    public boolean trainsImageClassifier() {
        return EMBEDDING.isSelected(values());
    }

    public FineTuneSettings.LossKind loss() {
        return FineTuneSettings.LossKind.parse(values().getChoice(LOSS));
    }

    /**
     * The output model spec at configure time: the classes of the label column's domain, and the
     * image classifier when an image embedding is chosen; where its width or the classes are not
     * known before execution, the image classifier is marked unknown so that downstream nodes defer
     * their check (instead of taking it for "no image classifier").
     *
     * @param in the input model port's spec
     * @param labels the label column's domain values (empty when it has no domain)
     * @param cols the resolved input columns
     */
    public ModelSpecFacts outputSpec(ModelSpecFacts in, List<String> labels, DataColumns cols) {
        ModelSpec out = in.spec().withClassLabels(labels).withStage(ModelStage.FINETUNED);
        EmbeddingSource e = cols.embedding();
        boolean classifierKnown = true;
        if (e != null) {
            if (e.width() > 0 && !labels.isEmpty()) {
                out = out.withImageClassifier(e.width());
            } else {
                classifierKnown = false;
            }
        }
        return new ModelSpecFacts(out, in.imageDimKnown(), !labels.isEmpty(), classifierKnown);
    }

    /** The columns used from the data table. */
    public DataColumns resolveColumns(List<ColumnInfo> columns) throws ConfigException {
        List<String> p = new ArrayList<>();
        int[] ll = LOCATION.resolve(columns, values(), p);
        int label = ColumnRoles.resolve(columns, LABEL, values().getString(LABEL), ColumnGuess.LABEL_NAMES, p);
        if (label >= 0 && (label == ll[0] || label == ll[1])) {
            p.add("setting '" + LABEL.label() + "' selects the coordinate column '" + columns.get(label).name() + "'");
        }
        EmbeddingSource e = EMBEDDING.resolve(columns, values(), p);
        if (e != null) {
            for (int c : e.columns()) {
                if (c == ll[0] || c == ll[1] || c == label) {
                    p.add("setting '" + (EMBEDDING.byPattern(values()) ? EMBEDDING.pattern.label() : EMBEDDING.column.label())
                            + "' selects the column '" + columns.get(c).name() + "', which is already the "
                            + (c == label ? "label" : "coordinate") + " column");
                    break;
                }
            }
        }
        if (!p.isEmpty()) {
            throw new ConfigException(p);
        }
        return new DataColumns(ll[0], ll[1], label, e, LOCATION.policy(values()), skipMissing());
    }
}
