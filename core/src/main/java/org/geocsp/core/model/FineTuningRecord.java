package org.geocsp.core.model;

import java.util.List;
import java.util.Locale;
import org.geocsp.core.io.InvalidInputException;

/**
 * The record of a model's supervised fine-tuning.
 *
 * @param loss the class-head loss by its canonical name, {@value #SOFTMAX} or {@value #PRESENCE_ABSENCE}
 *     (the fine-tuning settings declare the choice; prediction reads it through {@link #softmaxLoss()})
 * @param labelRatio fraction of the labelled rows used (few-shot), in (0, 1]
 * @param labelledRows number of labelled rows trained on
 * @param imageClassifier whether an image classifier P(class | image) was trained next to the class head
 * @param imageTemperature calibrated temperature of the image classifier; null if there is none or
 *     it could not be calibrated (no validation rows)
 * @param status how the training ended (the name of the trainer's status, e.g. {@code COMPLETED})
 * @param keptEpoch the epoch whose parameters the model holds (0: the last one)
 * @param history one entry per completed epoch
 */
public record FineTuningRecord(String loss, double labelRatio, int labelledRows, boolean imageClassifier,
        Double imageTemperature, String status, int keptEpoch, List<EpochStats> history) {

    /** Canonical name of the softmax cross-entropy loss. */
    public static final String SOFTMAX = "softmax";
    /** Canonical name of the reference presence-absence loss (sigmoid per class). */
    public static final String PRESENCE_ABSENCE = "presence_absence";

    public FineTuningRecord {
        loss = loss == null ? "" : loss.strip().toLowerCase(Locale.ROOT);
        if (!loss.equals(SOFTMAX) && !loss.equals(PRESENCE_ABSENCE)) {
            throw new InvalidInputException("the fine-tuning record names the loss '" + loss + "'; expected "
                    + SOFTMAX + " or " + PRESENCE_ABSENCE);
        }
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** True if the class head was trained with the softmax cross-entropy (scores are a softmax). */
    public boolean softmaxLoss() {
        return loss.equals(SOFTMAX);
    }
}
