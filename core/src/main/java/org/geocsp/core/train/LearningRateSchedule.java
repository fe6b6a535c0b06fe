package org.geocsp.core.train;

import java.util.Locale;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.settings.Problems;

/**
 * The learning rate at a step: constant, exponential decay per epoch (the reference's
 * {@code lr·decay^epoch}), or cosine annealing after a linear warm-up.
 *
 * @param kind which schedule
 * @param baseLr the peak learning rate
 * @param decay per-epoch factor of {@link Kind#EXPONENTIAL} (reference 0.98)
 * @param warmupSteps linear warm-up steps of {@link Kind#COSINE}
 * @param minLr the floor of {@link Kind#COSINE}
 */
public record LearningRateSchedule(Kind kind, double baseLr, double decay, long warmupSteps, double minLr) {

    /** The kinds of schedule. */
    public enum Kind {
        CONSTANT, EXPONENTIAL, COSINE;

        public static Kind parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("learning-rate schedule '" + text
                        + "' is not valid: use constant, exponential or cosine");
            }
        }
    }

    public LearningRateSchedule {
        Problems p = new Problems();
        if (kind == null) {
            p.add(TrainerParams.SCHEDULE, TrainerParams.SCHEDULE.label() + " is missing");
        }
        p.check(TrainerParams.LEARNING_RATE, baseLr);
        p.check(TrainerParams.LR_DECAY, decay);
        p.check(TrainerParams.WARMUP_STEPS, warmupSteps);
        p.check(TrainerParams.MIN_LEARNING_RATE, minLr);
        if (minLr > baseLr) {
            p.add(TrainerParams.MIN_LEARNING_RATE, TrainerParams.MIN_LEARNING_RATE.label() + " (" + minLr
                    + ") must not exceed the " + TrainerParams.LEARNING_RATE.label() + " (" + baseLr + ")");
        }
        p.throwIfAny();
    }

    /**
     * The schedule of a kind from all its values, each checked against its declaration (every
     * problem at once); the values a kind does not use are ignored.
     */
    public static LearningRateSchedule of(Kind kind, double lr, double decay, long warmupSteps, double minLr) {
        Problems p = new Problems();
        if (kind == null) {
            p.add(TrainerParams.SCHEDULE, TrainerParams.SCHEDULE.label() + " is missing");
        }
        p.check(TrainerParams.LEARNING_RATE, lr).check(TrainerParams.LR_DECAY, decay)
                .check(TrainerParams.WARMUP_STEPS, warmupSteps).check(TrainerParams.MIN_LEARNING_RATE, minLr);
        p.throwIfAny();
        return switch (kind) {
            case CONSTANT -> constant(lr);
            case EXPONENTIAL -> exponential(lr, decay);
            case COSINE -> cosine(lr, warmupSteps, minLr);
        };
    }

    public static LearningRateSchedule constant(double lr) {
        return new LearningRateSchedule(Kind.CONSTANT, lr, 1.0, 0, 0);
    }

    public static LearningRateSchedule exponential(double lr, double decay) {
        return new LearningRateSchedule(Kind.EXPONENTIAL, lr, decay, 0, 0);
    }

    public static LearningRateSchedule cosine(double lr, long warmupSteps, double minLr) {
        return new LearningRateSchedule(Kind.COSINE, lr, 1.0, warmupSteps, minLr);
    }

    /**
     * The rate for a step.
     *
     * @param epoch 0-based epoch
     * @param globalStep 0-based step counted over all epochs
     * @param totalSteps steps of the whole run (for cosine)
     */
    public double at(int epoch, long globalStep, long totalSteps) {
        return switch (kind) {
            case CONSTANT -> baseLr;
            case EXPONENTIAL -> baseLr * Math.pow(decay, epoch);
            case COSINE -> {
                if (globalStep < warmupSteps) {
                    yield baseLr * (globalStep + 1) / (double) warmupSteps;
                }
                long span = Math.max(1, totalSteps - warmupSteps);
                double progress = Math.min(1.0, (globalStep - warmupSteps) / (double) span);
                yield minLr + 0.5 * (baseLr - minLr) * (1 + Math.cos(Math.PI * progress));
            }
        };
    }
}
