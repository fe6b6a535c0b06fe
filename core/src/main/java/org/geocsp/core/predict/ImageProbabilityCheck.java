package org.geocsp.core.predict;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.geocsp.core.io.InvalidInputException;

/**
 * Validates per-row image class probabilities: one value per class in the model's class order,
 * finite, non-negative and not all zero. A missing row (null) is allowed (the row is scored
 * location-only). Every kind of problem is reported at once with counts and example rows.
 */
final class ImageProbabilityCheck {

    private static final int EXAMPLES = 3;

    private ImageProbabilityCheck() {}

    /**
     * @param probs one vector per row, null for a row without image probabilities
     * @param labels the model's class labels (their count is the expected length)
     * @param firstRow row number of element 0, for messages
     * @throws InvalidInputException naming the rows and what is wrong
     */
    static void validate(float[][] probs, List<String> labels, long firstRow) {
        int c = labels.size();
        Kind length = new Kind("values, expected " + c + " (one per class of the model, in its class order)");
        Kind nonFinite = new Kind("a missing, NaN or infinite value");
        Kind negative = new Kind("a negative value");
        Kind zero = new Kind("only zeros (no class has any probability)");
        for (int i = 0; i < probs.length; i++) {
            float[] p = probs[i];
            if (p == null) {
                continue;
            }
            long row = firstRow + i;
            if (p.length != c) {
                length.add(String.format(Locale.ROOT, "row %d has %d", row, p.length));
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
                nonFinite.add(String.format(Locale.ROOT, "row %d at class '%s' (%s)", row, labels.get(bad), p[bad]));
            }
            if (neg >= 0) {
                negative.add(String.format(Locale.ROOT, "row %d at class '%s' (%s)", row, labels.get(neg), p[neg]));
            }
            if (bad < 0 && neg < 0 && sum == 0) {
                zero.add(String.format(Locale.ROOT, "row %d", row));
            }
        }
        List<String> problems = new ArrayList<>();
        length.describe(problems, "has a wrong number of", "have a wrong number of");
        nonFinite.describe(problems, "holds", "hold");
        negative.describe(problems, "holds", "hold");
        zero.describe(problems, "holds", "hold");
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    private static final class Kind {
        final String what;
        int count;
        final List<String> examples = new ArrayList<>();

        Kind(String what) {
            this.what = what;
        }

        void add(String example) {
            count++;
            if (examples.size() < EXAMPLES) {
                examples.add(example);
            }
        }

        void describe(List<String> out, String singular, String plural) {
            if (count == 0) {
                return;
            }
            out.add(String.format(Locale.ROOT, "image class probabilities: %d row%s %s %s, e.g. %s", count,
                    count == 1 ? "" : "s", count == 1 ? singular : plural, what, String.join("; ", examples)));
        }
    }
}
