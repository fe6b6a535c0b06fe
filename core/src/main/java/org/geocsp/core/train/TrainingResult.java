package org.geocsp.core.train;

import org.geocsp.core.model.EpochStats;
import java.util.List;

/**
 * The outcome of a run. The model passed to the run holds the kept parameters: those of the
 * best validated epoch when there is a validation split, else those of the last epoch (or, after
 * divergence, the last good state).
 *
 * @param status how the run ended
 * @param message a sentence for the user (why it stopped, what was kept)
 * @param history one row per completed epoch
 * @param bestEpoch 1-based epoch whose parameters were kept, or 0
 * @param steps optimisation steps done (over all sessions of a resumed run)
 * @param seconds wall time of this session
 */
public record TrainingResult(Status status, String message, List<EpochStats> history, int bestEpoch, long steps,
        double seconds) {

    /** How a run ended. */
    public enum Status {
        /** Every epoch ran. */
        COMPLETED,
        /** Early stopping: the validation metric stopped improving. */
        EARLY_STOPPED,
        /** A loss became NaN or infinite; the last good parameters were kept. */
        DIVERGED
    }

    public TrainingResult {
        history = List.copyOf(history);
    }
}
