package org.geocsp.core.predict;

import java.util.Locale;
import org.geocsp.core.io.InvalidInputException;

/**
 * How P(class | location) is reported.
 *
 * <p>For a model fine-tuned with the presence-absence loss (the CSP reference) every class has
 * its own sigmoid: {@link #SIGMOID} reports σ(logit) per class exactly as the reference does
 * (the scores of a row do not sum to 1), {@link #NORMALISED} divides them by their sum per row.
 *
 * <p>For a model fine-tuned with the softmax loss (the model's
 * {@link org.geocsp.core.model.FineTuningRecord#softmaxLoss() provenance} says so) a per-class sigmoid has no meaning; both modes then report the softmax probabilities,
 * which already sum to 1 per row. {@link LocationPredictor#locationScoreDescription()} says which
 * function a predictor uses.
 *
 * <p>{@link #SOFTMAX} applies a softmax over the class logits of any model. For a presence-absence
 * model this is not the reference's per-class probability, but it is a proper distribution over
 * the classes: with the product rule, σ(logit) close to 1 for several classes hands the choice
 * among them to the image classifier, the softmax does not. On the embedded places (geocsp demo,
 * 5% of the country labels, a weak place-name classifier as the image side) the combined top-1
 * rose from 62.8% with σ to 86.0% with the softmax; location-only top-1 is the same in every
 * mode (the ranking of the logits).
 *
 * <p>The same mode applies to the final score of a row: in {@link #NORMALISED} and
 * {@link #SOFTMAX} mode the combined product p_img ⊙ p_loc and image-only scores are also divided
 * by their row sum, so every predicted row sums to 1. Normalising never changes the ranking of a
 * row's classes.
 */
public enum ScoreMode {
    /** σ(logit) per class, not normalised (CSP reference); softmax for softmax-trained models. */
    SIGMOID,
    /** Scores divided by their sum per row, so each row sums to 1. */
    NORMALISED,
    /** Softmax over the class logits, for every model (rows sum to 1). */
    SOFTMAX;

    /** True if every predicted row is normalised to sum 1. */
    public boolean normalisesRows() {
        return this != SIGMOID;
    }

    /** Parses "sigmoid", "normalised"/"normalized" or "softmax" (case-insensitive). */
    public static ScoreMode parse(String s) {
        String t = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "sigmoid":
            case "raw":
                return SIGMOID;
            case "normalised":
            case "normalized":
            case "normalise":
            case "normalize":
                return NORMALISED;
            case "softmax":
                return SOFTMAX;
            default:
                throw new InvalidInputException("setting 'score mode' has the unknown value '" + s
                        + "'; valid values: sigmoid, normalised, softmax");
        }
    }
}
