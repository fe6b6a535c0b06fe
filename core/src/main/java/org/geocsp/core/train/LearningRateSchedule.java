package org.geocsp.core.train;

import java.util.Locale;

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
                throw new IllegalArgumentException("learning-rate schedule '" + text
                        + "' is not valid: use constant, exponential or cosine");
            }
        }
    }

    public LearningRateSchedule {
        if (!(baseLr > 0) || !Double.isFinite(baseLr)) {
            throw new IllegalArgumentException("learning rate must be a positive number, got " + baseLr);
        }
        if (!(decay > 0) || decay > 1) {
            throw new IllegalArgumentException("learning-rate decay must be in (0, 1], got " + decay);
        }
        if (warmupSteps < 0 || minLr < 0 || minLr > baseLr) {
            throw new IllegalArgumentException("warm-up steps must be >= 0 and the minimum learning rate in [0, lr]");
        }
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
