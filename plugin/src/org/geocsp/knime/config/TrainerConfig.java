package org.geocsp.knime.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.runtime.DeviceChoice;
import org.geocsp.core.train.LearningRateSchedule;
import org.geocsp.core.train.TrainerParams;
import org.geocsp.core.train.TrainingPreset;
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

    /** The settings of a task's core declarations ({@link TrainerParams#PRETRAINING} or {@link TrainerParams#FINE_TUNING}). */
    public TrainerConfig(TrainerParams task) {
        optimizer = Setting.of(TrainerParams.OPTIMIZER, TAB);
        learningRate = Setting.of(task.learningRate, TAB);
        schedule = Setting.of(task.schedule, TAB);
        decay = Setting.of(TrainerParams.LR_DECAY, TAB);
        warmupSteps = Setting.of(TrainerParams.WARMUP_STEPS, TAB);
        minLearningRate = Setting.of(TrainerParams.MIN_LEARNING_RATE, TAB);
        weightDecay = Setting.of(TrainerParams.WEIGHT_DECAY, TAB);
        epochs = Setting.of(task.epochs, TAB);
        batchSize = Setting.of(TrainerParams.BATCH_SIZE, TAB);
        clipNorm = Setting.of(TrainerParams.CLIP_NORM, TAB);
        validationFraction = Setting.of(TrainerParams.VALIDATION_FRACTION, TAB);
        patience = Setting.of(task.patience, TAB);
        rowSampling = Setting.of(TrainerParams.ROW_SAMPLING, TAB);
        maxPerClass = Setting.of(TrainerParams.MAX_PER_CLASS, TAB);
        seed = Setting.of(TrainerParams.SEED, TAB);
        // "preference" (the GeoCSP preference page) is a node-only value
        device = Setting.of(TrainerParams.DEVICE, DEVICE_PREFERENCE, DEVICES, TAB);
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
        return resolveDevice(v.getChoice(device), preferenceDevice);
    }

    /** A node's device choice ({@link #DEVICES}): {@code preferenceDevice} for "preference", else the parsed choice. */
    public static DeviceChoice resolveDevice(String choice, DeviceChoice preferenceDevice) {
        return choice.equals(DEVICE_PREFERENCE) ? preferenceDevice : DeviceChoice.parse(choice);
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
            s = LearningRateSchedule.of(LearningRateSchedule.Kind.parse(v.getChoice(schedule)),
                    v.getDouble(learningRate), v.getDouble(decay), v.getInt(warmupSteps), v.getDouble(minLearningRate));
        } catch (InvalidInputException e) {
            p.addAll(e.problems());
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

    /**
     * The node's values with a training preset applied: the settings the preset names (by
     * declaration key, see {@link TrainingPreset}) take the preset's values, whatever the dialog
     * holds; "default" changes nothing.
     */
    public static SettingValues withPreset(SettingValues v, Setting presetSetting,
            java.util.function.Function<TrainingPreset, java.util.Map<String, Object>> changes) {
        TrainingPreset preset = TrainingPreset.parse(v.getChoice(presetSetting));
        SettingValues out = v;
        for (java.util.Map.Entry<String, Object> e : changes.apply(preset).entrySet()) {
            Setting s = v.settings().stream().filter(x -> x.key().equals(e.getKey())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("preset setting " + e.getKey() + " is not a node setting"));
            out = out.with(s, e.getValue());
        }
        return out;
    }
}
