package org.geocsp.core.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.geocsp.core.geo.InvalidInputException;
import org.geocsp.core.runtime.DeviceChoice;

/**
 * The optimisation settings shared by pre-training and fine-tuning.
 *
 * @param optimizer Adam (reference) or AdamW
 * @param schedule learning rate and its schedule
 * @param weightDecay weight decay (L2 for Adam, decoupled for AdamW)
 * @param epochs number of epochs
 * @param batchSize rows per step
 * @param gradientClipNorm clip the global gradient norm to this value; 0 = off
 * @param validationFraction share of rows held out for validation, in [0, 0.9]; 0 = none
 * @param patience stop after this many epochs without a better validation metric; 0 = off
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
        List<String> p = new ArrayList<>();
        if (optimizer == null) {
            p.add("optimizer is missing");
        }
        if (schedule == null) {
            p.add("learning-rate schedule is missing");
        }
        if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
            p.add("weight decay must be >= 0, got " + weightDecay);
        }
        if (epochs < 1) {
            p.add("epochs must be at least 1, got " + epochs);
        }
        if (batchSize < 2) {
            p.add("batch size must be at least 2 (contrastive losses need in-batch negatives), got " + batchSize);
        }
        if (!(gradientClipNorm >= 0) || !Double.isFinite(gradientClipNorm)) {
            p.add("gradient clip norm must be >= 0 (0 = off), got " + gradientClipNorm);
        }
        if (!(validationFraction >= 0 && validationFraction <= 0.9)) {
            p.add("validation fraction must be in [0, 0.9], got " + validationFraction);
        }
        if (patience < 0) {
            p.add("patience must be >= 0 (0 = no early stopping), got " + patience);
        }
        if (patience > 0 && validationFraction == 0) {
            p.add("early stopping (patience " + patience + ") needs a validation fraction above 0");
        }
        if (rowSampling == null) {
            p.add("row sampling is missing");
        }
        if (maxPerClass < 1) {
            p.add("max rows per class must be at least 1, got " + maxPerClass);
        }
        if (device == null) {
            p.add("device is missing");
        }
        if (!p.isEmpty()) {
            throw new InvalidInputException(p);
        }
    }

    /** Adam, constant lr, no decay, 30 epochs, batch 1024, no clipping, 10% validation, uniform rows. */
    public static TrainerSettings defaults(double lr) {
        return new TrainerSettings(OptimizerKind.ADAM, LearningRateSchedule.constant(lr), 0, 30, 1024, 0, 0.1, 0,
                RowSampling.UNIFORM, 100, 0, DeviceChoice.AUTO, null);
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
}
