package org.geocsp.core.predict;

import java.util.List;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.io.RowProblems;

/**
 * Validates the per-row image inputs of prediction: image class probabilities (one value per
 * class in the model's class order, finite, non-negative and not all zero) and image embeddings
 * (the expected width, finite). A missing row (null) is allowed (the row is scored without it).
 * Every kind of problem is reported at once through {@link RowProblems} (count and example rows,
 * one line each).
 */
final class ImageInputCheck {

    private ImageInputCheck() {}

    /**
     * Image class probabilities.
     *
     * @param probs one vector per row, null for a row without image probabilities
     * @param labels the model's class labels (their count is the expected length)
     * @param firstRow row number of element 0, for messages
     * @throws InvalidInputException naming the rows and what is wrong
     */
    static void probabilities(float[][] probs, List<String> labels, long firstRow) {
        int c = labels.size();
        String order = "(one per class of the model, in its class order)";
        RowProblems problems = new RowProblems("image class probabilities");
        for (int i = 0; i < probs.length; i++) {
            float[] p = probs[i];
            if (p == null) {
                continue;
            }
            String row = RowProblems.rowLabel(firstRow + i, null);
            if (p.length != c) {
                problems.add(null, "with a wrong number of values, expected " + c + " " + order, row,
                        "has " + p.length + " values, expected " + c + " " + order);
                continue;
            }
            int bad = -1;
            int neg = -1;
            double sum = 0;
            for (int j = 0; j < c; j++) {
                float v = p[j];
                if (!Float.isFinite(v)) {
                    bad = bad < 0 ? j : bad;
                } else if (v < 0) {
                    neg = neg < 0 ? j : neg;
                } else {
                    sum += v;
                }
            }
            if (bad >= 0) {
                problems.add(null, "with a missing, NaN or infinite value", row,
                        "class '" + labels.get(bad) + "' is " + p[bad] + " (a missing, NaN or infinite value)");
            }
            if (neg >= 0) {
                problems.add(null, "with a negative value", row,
                        "class '" + labels.get(neg) + "' is " + p[neg] + " (a probability cannot be negative)");
            }
            if (bad < 0 && neg < 0 && sum == 0) {
                problems.add(null, "with only zeros (no class has any probability)", row,
                        "all values are 0 (no class has any probability)");
            }
        }
        problems.throwIfAny();
    }

    /**
     * Image embeddings.
     *
     * @param embeddings one vector per row, null for a row without an embedding
     * @param width the width the model expects
     * @param expects what expects that width, e.g. "the model's image classifier expects 64"
     * @param firstRow row number of element 0, for messages
     * @throws InvalidInputException naming the rows and what is wrong
     */
    static void embeddings(float[][] embeddings, int width, String expects, long firstRow) {
        RowProblems problems = new RowProblems("image embeddings");
        for (int i = 0; i < embeddings.length; i++) {
            float[] e = embeddings[i];
            if (e == null) {
                continue;
            }
            String row = RowProblems.rowLabel(firstRow + i, null);
            if (e.length != width) {
                problems.add(null, "with the wrong width (" + expects + ")", row,
                        "has " + e.length + " values, " + expects);
                continue;
            }
            for (int j = 0; j < e.length; j++) {
                if (!Float.isFinite(e[j])) {
                    problems.add(null, "with a missing, NaN or infinite value", row,
                            "has the non-finite value " + e[j] + " at position " + j);
                    break;
                }
            }
        }
        problems.throwIfAny();
    }
}
