package org.geocsp.core.train;

import org.geocsp.core.settings.Param;
import java.util.Map;
import java.util.LinkedHashMap;
import java.nio.file.Path;
import java.util.Locale;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.runtime.DeviceChoice;
import org.geocsp.core.settings.Problems;

/**
 * The optimisation settings shared by pre-training and fine-tuning, declared in {@link TrainerParams}.
 *
 * @param optimizer Adam (reference) or AdamW
 * @param schedule learning rate and its schedule
 * @param weightDecay weight decay (L2 for Adam, decoupled for AdamW)
 * @param epochs number of epochs
 * @param batchSize rows per step
 * @param gradientClipNorm clip the global gradient norm to this value; 0 = off
 * @param validationFraction share of rows held out for validation, in [0, 0.9]; 0 = none
 * @param patience stop after this many epochs without a better validation metric, halving the
 *     learning rate after every ceil(patience/2) of them (reduce-on-plateau); 0 = off
 * @param rowSampling how rows are drawn each epoch
 * @param maxPerClass cap per class and epoch of {@link RowSampling#CLASS_BALANCED}
 * @param seed seed of everything random in the run (order, negatives, dropout, split)
 * @param device where to train
 * @param checkpointDir folder for per-epoch checkpoints (resume), or null
 */
public record TrainerSettings(OptimizerKind optimizer, LearningRateSchedule schedule, double weightDecay, int epochs,
        int batchSize, double gradientClipNorm, double validationFraction, int patience, RowSampling rowSampling,
        int maxPerClass, long seed, DeviceChoice device, Path checkpointDir) {

    /** The optimisers. */
    public enum OptimizerKind {
        ADAM, ADAMW;

        public static OptimizerKind parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("optimizer '" + s + "' is not valid: use adam or adamw");
            }
        }
    }

    /** How rows are drawn per epoch. */
    public enum RowSampling {
        /** A seeded permutation of all rows (default). */
        UNIFORM,
        /** The reference BalancedSampler: at most {@code maxPerClass} rows per class per epoch (uses labels). */
        CLASS_BALANCED;

        public static RowSampling parse(String s) {
            String t = s.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            if (t.equals("BALANCED")) {
                return CLASS_BALANCED;
            }
            try {
                return valueOf(t);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("row sampling '" + s + "' is not valid: use uniform or balanced");
            }
        }
    }

    public TrainerSettings {
        Problems p = new Problems();
        p.check(TrainerParams.OPTIMIZER, optimizer == null ? null : optimizer.name().toLowerCase(Locale.ROOT));
        if (schedule == null) {
            p.add(TrainerParams.SCHEDULE, TrainerParams.SCHEDULE.label() + " is missing");
        }
        p.check(TrainerParams.WEIGHT_DECAY, weightDecay);
        p.check(TrainerParams.EPOCHS, epochs);
        p.check(TrainerParams.BATCH_SIZE, batchSize);
        p.check(TrainerParams.CLIP_NORM, gradientClipNorm);
        p.check(TrainerParams.VALIDATION_FRACTION, validationFraction);
        p.check(TrainerParams.PATIENCE, patience);
        if (patience > 0 && validationFraction == 0) {
            p.add(TrainerParams.PATIENCE, "early stopping (patience " + patience
                    + ") needs a validation fraction above 0; set the patience to 0 to train every epoch without"
                    + " validation");
        }
        if (rowSampling == null) {
            p.add(TrainerParams.ROW_SAMPLING, TrainerParams.ROW_SAMPLING.label() + " is missing");
        }
        p.check(TrainerParams.MAX_PER_CLASS, maxPerClass);
        if (device == null) {
            p.add(TrainerParams.DEVICE, TrainerParams.DEVICE.label() + " is missing");
        }
        p.throwIfAny();
    }

    /** The declared defaults ({@link TrainerParams}) with learning rate {@code lr}, constant. */
    public static TrainerSettings defaults(double lr) {
        return new TrainerSettings(OptimizerKind.parse(TrainerParams.OPTIMIZER.defaultString()),
                LearningRateSchedule.constant(lr), TrainerParams.WEIGHT_DECAY.defaultDouble(),
                TrainerParams.EPOCHS.defaultInt(), TrainerParams.BATCH_SIZE.defaultInt(),
                TrainerParams.CLIP_NORM.defaultDouble(), TrainerParams.VALIDATION_FRACTION.defaultDouble(),
                TrainerParams.PATIENCE.defaultInt(), RowSampling.parse(TrainerParams.ROW_SAMPLING.defaultString()),
                TrainerParams.MAX_PER_CLASS.defaultInt(), TrainerParams.SEED.defaultLong(),
                DeviceChoice.parse(TrainerParams.DEVICE.defaultString()), null);
    }

    public TrainerSettings withEpochs(int v) {
        return new TrainerSettings(optimizer, schedule, weightDecay, v, batchSize, gradientClipNorm,
                validationFraction, patience, rowSampling, maxPerClass, seed, device, checkpointDir);
    }

    public TrainerSettings withBatchSize(int v) {
        return new TrainerSettings(optimizer, schedule, weightDecay, epochs, v, gradientClipNorm,
                validationFraction, patience, rowSampling, maxPerClass, seed, device, checkpointDir);
    }

    public TrainerSettings withSchedule(LearningRateSchedule v) {
        return new TrainerSettings(optimizer, v, weightDecay, epochs, batchSize, gradientClipNorm,
                validationFraction, patience, rowSampling, maxPerClass, seed, device, checkpointDir);
    }

    public TrainerSettings withOptimizer(OptimizerKind kind, double decay) {
        return new TrainerSettings(kind, schedule, decay, epochs, batchSize, gradientClipNorm,
                validationFraction, patience, rowSampling, maxPerClass, seed, device, checkpointDir);
    }

    public TrainerSettings withGradientClipNorm(double v) {
        return new TrainerSettings(optimizer, schedule, weightDecay, epochs, batchSize, v,
                validationFraction, patience, rowSampling, maxPerClass, seed, device, checkpointDir);
    }

    public TrainerSettings withValidation(double fraction, int patienceEpochs) {
        return new TrainerSettings(optimizer, schedule, weightDecay, epochs, batchSize, gradientClipNorm,
                fraction, patienceEpochs, rowSampling, maxPerClass, seed, device, checkpointDir);
    }

    public TrainerSettings withRowSampling(RowSampling v, int perClass) {
        return new TrainerSettings(optimizer, schedule, weightDecay, epochs, batchSize, gradientClipNorm,
                validationFraction, patience, v, perClass, seed, device, checkpointDir);
    }

    public TrainerSettings withSeed(long v) {
        return new TrainerSettings(optimizer, schedule, weightDecay, epochs, batchSize, gradientClipNorm,
                validationFraction, patience, rowSampling, maxPerClass, v, device, checkpointDir);
    }

    public TrainerSettings withDevice(DeviceChoice v) {
        return new TrainerSettings(optimizer, schedule, weightDecay, epochs, batchSize, gradientClipNorm,
                validationFraction, patience, rowSampling, maxPerClass, seed, v, checkpointDir);
    }

    public TrainerSettings withCheckpointDir(Path v) {
        return new TrainerSettings(optimizer, schedule, weightDecay, epochs, batchSize, gradientClipNorm,
                validationFraction, patience, rowSampling, maxPerClass, seed, device, v);
    }

    /**
     * The value of each declaration of {@link TrainerParams} but the device (a choice of the machine,
     * not of the run), in declaration order, as the declarations check and format them; the one
     * place that maps these settings to their declarations (run records derive from it).
     */
    public Map<Param, Object> values() {
        Map<Param, Object> m = new LinkedHashMap<>();
        m.put(TrainerParams.OPTIMIZER, optimizer.name().toLowerCase(Locale.ROOT));
        m.put(TrainerParams.LEARNING_RATE, schedule.baseLr());
        m.put(TrainerParams.SCHEDULE, schedule.kind().name().toLowerCase(Locale.ROOT));
        m.put(TrainerParams.LR_DECAY, schedule.decay());
        m.put(TrainerParams.WARMUP_STEPS, schedule.warmupSteps());
        m.put(TrainerParams.MIN_LEARNING_RATE, schedule.minLr());
        m.put(TrainerParams.WEIGHT_DECAY, weightDecay);
        m.put(TrainerParams.EPOCHS, epochs);
        m.put(TrainerParams.BATCH_SIZE, batchSize);
        m.put(TrainerParams.CLIP_NORM, gradientClipNorm);
        m.put(TrainerParams.VALIDATION_FRACTION, validationFraction);
        m.put(TrainerParams.PATIENCE, patience);
        m.put(TrainerParams.ROW_SAMPLING, rowSampling.name().toLowerCase(Locale.ROOT));
        m.put(TrainerParams.MAX_PER_CLASS, maxPerClass);
        m.put(TrainerParams.SEED, seed);
        return m;
    }
}
