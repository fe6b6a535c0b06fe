package org.geocsp.core.train;

import org.geocsp.core.model.EpochStats;

/**
 * Receives progress from a training run and answers whether to cancel. Called on the training
 * thread; implementations must be quick. The KNIME nodes bridge this to {@code ExecutionContext},
 * the command line to a progress bar.
 */
public interface TrainingListener {

    /** After every optimisation step. */
    default void onStep(StepProgress progress) {}

    /** After every epoch (validation included). */
    default void onEpoch(EpochStats stats) {}

    /** A message for the user (e.g. early stopping, a skipped checkpoint). */
    default void onMessage(String message) {}

    /** Polled before every step; true stops the run within one step. */
    default boolean isCancelled() {
        return false;
    }

    /** A listener that ignores everything. */
    TrainingListener NONE = new TrainingListener() {};
}
