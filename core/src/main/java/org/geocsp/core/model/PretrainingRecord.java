package org.geocsp.core.model;

import java.util.List;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.loss.Objective;

/**
 * The record of a model's contrastive pre-training.
 *
 * @param objective the pre-training objective
 * @param status how the training ended (the name of the trainer's status, e.g. {@code COMPLETED})
 * @param keptEpoch the epoch whose parameters the model holds (0: the last one)
 * @param history one entry per completed epoch
 */
public record PretrainingRecord(Objective objective, String status, int keptEpoch, List<EpochStats> history) {

    public PretrainingRecord {
        if (objective == null) {
            throw new InvalidInputException("the pre-training record names no objective");
        }
        history = history == null ? List.of() : List.copyOf(history);
    }
}
