package org.geocsp.knime.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.geocsp.core.geo.InvalidInputException;
import org.geocsp.core.runtime.DeviceChoice;
import org.geocsp.core.train.LearningRateSchedule;
import org.geocsp.core.train.TrainerSettings;

/**
 * The optimisation settings shared by the Contrastive Pretrainer and the Fine-Tuner (core's
 * {@link TrainerSettings}), with defaults taken from a core default so that the node and the
 * library agree.
 */
public final class TrainerConfig {

    /** The dialog tab of these settings. */
    public static final String TAB = "Training";
    /** Device value meaning "the device of the GeoCSP preference page". */
    public static final String DEVICE_PREFERENCE = "preference";
    /** The device values offered. */
    public static final List<String> DEVICES = List.of(DEVICE_PREFERENCE, "auto", "cpu", "gpu0", "gpu1", "gpu2",
            "gpu3");

    public final Setting optimizer;
    public final Setting learningRate;
    public final Setting schedule;
    public final Setting decay;
    public final Setting warmupSteps;
    public final Setting minLearningRate;
    public final Setting weightDecay;
    public final Setting epochs;
    public final Setting batchSize;
    public final Setting clipNorm;
    public final Setting validationFraction;
    public final Setting patience;
    public final Setting rowSampling;
    public final Setting maxPerClass;
    public final Setting seed;
    public final Setting device;
    public final Setting checkpointFolder;
    public final Setting resume;

    /** The settings with defaults from {@code d}. */
    public TrainerConfig(TrainerSettings d) {
        optimizer = Setting.choice("optimizer", "Optimizer", d.optimizer().name().toLowerCase(Locale.ROOT),
                List.of("adam", "adamw"), TAB);
        learningRate = Setting.real("learning_rate", "Learning rate", d.schedule().baseLr(), 1e-12, 100, TAB);
        schedule = Setting.choice("lr_schedule", "Learning-rate schedule",
                d.schedule().kind().name().toLowerCase(Locale.ROOT), List.of("constant", "exponential", "cosine"), TAB);
        decay = Setting.real("lr_decay", "Decay per epoch", d.schedule().kind() == LearningRateSchedule.Kind.EXPONENTIAL
                ? d.schedule().decay() : 0.98, 1e-9, 1, TAB);
        warmupSteps = Setting.integer("warmup_steps", "Warm-up steps", (int) d.schedule().warmupSteps(), 0,
                Integer.MAX_VALUE, TAB);
        minLearningRate = Setting.real("min_learning_rate", "Minimum learning rate", d.schedule().minLr(), 0, 100,
                TAB);
        weightDecay = Setting.real("weight_decay", "Weight decay", d.weightDecay(), 0, 100, TAB);
        epochs = Setting.integer("epochs", "Epochs", d.epochs(), 1, 1_000_000, TAB);
        batchSize = Setting.integer("batch_size", "Batch size", d.batchSize(), 2, 10_000_000, TAB);
        clipNorm = Setting.real("gradient_clip_norm", "Gradient clip norm", d.gradientClipNorm(), 0, 1e12, TAB);
        validationFraction = Setting.real("validation_fraction", "Validation fraction", d.validationFraction(), 0, 0.9,
                TAB);
        patience = Setting.integer("patience", "Early-stopping patience", d.patience(), 0, 1_000_000, TAB);
        rowSampling = Setting.choice("row_sampling", "Row sampling",
                d.rowSampling() == TrainerSettings.RowSampling.CLASS_BALANCED ? "balanced" : "uniform",
                List.of("uniform", "balanced"), TAB);
        maxPerClass = Setting.integer("max_per_class", "Rows per class and epoch (balanced)", d.maxPerClass(), 1,
                Integer.MAX_VALUE, TAB);
        seed = Setting.longInteger("seed", "Seed", d.seed(), TAB);
        device = Setting.choice("device", "Device", DEVICE_PREFERENCE, DEVICES, TAB);
        checkpointFolder = Setting.text("checkpoint_folder", "Checkpoint folder", "", TAB);
        resume = Setting.bool("resume", "Resume from checkpoint", false, TAB);
    }

    /** The settings in dialog order. */
    public List<Setting> settings() {
        return List.of(optimizer, learningRate, schedule, decay, warmupSteps, minLearningRate, weightDecay, epochs,
                batchSize, clipNorm, validationFraction, patience, rowSampling, maxPerClass, seed, device,
                checkpointFolder, resume);
    }

    /**
     * The device to train on: the node's choice, or {@code preferenceDevice} when the node says
     * "preference".
     */
    public DeviceChoice device(SettingValues v, DeviceChoice preferenceDevice) {
        String d = v.getChoice(device);
        return d.equals(DEVICE_PREFERENCE) ? preferenceDevice : DeviceChoice.parse(d);
    }

    /** The checkpoint folder, or null. */
    public Path checkpointFolder(SettingValues v) {
        String f = v.getString(checkpointFolder).trim();
        return f.isEmpty() ? null : Path.of(f);
    }

    /**
     * Core's trainer settings.
     *
     * @throws InvalidInputException listing every problem
     */
    public TrainerSettings toCore(SettingValues v, DeviceChoice preferenceDevice) {
        List<String> p = new ArrayList<>();
        LearningRateSchedule s = null;
        try {
            double lr = v.getDouble(learningRate);
            s = switch (LearningRateSchedule.Kind.parse(v.getChoice(schedule))) {
                case CONSTANT -> LearningRateSchedule.constant(lr);
                case EXPONENTIAL -> LearningRateSchedule.exponential(lr, v.getDouble(decay));
                case COSINE -> LearningRateSchedule.cosine(lr, v.getInt(warmupSteps), v.getDouble(minLearningRate));
            };
        } catch (IllegalArgumentException e) {
            p.add("setting '" + schedule.label() + "': " + e.getMessage());
        }
        DeviceChoice dev = null;
        try {
            dev = device(v, preferenceDevice);
        } catch (IllegalArgumentException e) {
            p.add("setting '" + device.label() + "': " + e.getMessage());
        }
        Path ckpt = null;
        try {
            ckpt = checkpointFolder(v);
        } catch (RuntimeException e) {
            p.add("setting '" + checkpointFolder.label() + "': '" + v.getString(checkpointFolder)
                    + "' is not a valid folder path");
        }
        if (v.getBoolean(resume) && ckpt == null) {
            p.add("setting '" + resume.label() + "' needs a checkpoint folder");
        }
        try {
            // placeholders for values already reported, so that core's own rules are checked too
            TrainerSettings t = new TrainerSettings(TrainerSettings.OptimizerKind.parse(v.getChoice(optimizer)),
                    s == null ? LearningRateSchedule.constant(1e-3) : s, v.getDouble(weightDecay), v.getInt(epochs),
                    v.getInt(batchSize), v.getDouble(clipNorm), v.getDouble(validationFraction), v.getInt(patience),
                    TrainerSettings.RowSampling.parse(v.getChoice(rowSampling)), v.getInt(maxPerClass),
                    v.getLong(seed), dev == null ? DeviceChoice.CPU : dev, ckpt);
            if (p.isEmpty()) {
                return t;
            }
        } catch (InvalidInputException e) {
            p.addAll(e.problems());
        }
        throw new InvalidInputException(p);
    }
}
