package org.geocsp.core.table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.geocsp.core.io.InvalidInputException;

/**
 * Finds the image class-probability columns of a table, one per class of a model, in the model's
 * class order: by a prefix ({@code P<label>} for every class, else prefix-numbered {@code P0..P<C-1>})
 * or by a regular expression whose first group captures the class label (KNIME's predictors write
 * {@code P (label=oak)}).
 */
public final class ProbabilityColumns {

    private ProbabilityColumns() {}

    /**
     * By prefix.
     *
     * @return the column of class c at position c
     * @throws InvalidInputException when neither naming covers every class
     */
    public static int[] byPrefix(Header header, String prefix, List<String> labels) {
        int[] byLabel = new int[labels.size()];
        boolean allLabels = true;
        for (int c = 0; c < labels.size(); c++) {
            byLabel[c] = header.indexOf(prefix + labels.get(c));
            allLabels &= byLabel[c] >= 0;
        }
        if (allLabels) {
            return byLabel;
        }
        int[] numbered = null;
        try {
            numbered = header.numbered(prefix, labels.size(), "image-probability");
        } catch (InvalidInputException e) {
            // reported below with both namings
        }
        if (numbered != null) {
            return numbered;
        }
        throw new InvalidInputException(header.where() + " lacks image-probability columns: expected " + prefix
                + "<label> for each of the model's " + labels.size() + " classes (e.g. " + prefix + labels.get(0)
                + ") or " + Header.range(prefix, labels.size()));
    }

    /**
     * By pattern: the columns whose whole name matches and that hold numbers; the first group is
     * the class label.
     *
     * @param isNumber whether column i holds numbers
     * @param labels the model's classes, or null when not known yet (then every matching column,
     *     in table order)
     * @param what how messages name the pattern, e.g. "setting 'Image probability column pattern'"
     * @return the columns, or null after a problem (added to {@code problems})
     */
    public static int[] byPattern(List<String> names, IntPredicate isNumber, Pattern pattern, List<String> labels,
            String what, List<String> problems) {
        Map<String, Integer> byLabel = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            Matcher m = pattern.matcher(names.get(i));
            if (m.matches() && m.groupCount() >= 1 && isNumber.test(i)) {
                Integer prev = byLabel.putIfAbsent(m.group(1), i);
                if (prev != null) {
                    problems.add(what + ": columns '" + names.get(prev) + "' and '" + names.get(i)
                            + "' both give class '" + m.group(1) + "'");
                }
            }
        }
        if (byLabel.isEmpty()) {
            problems.add(what + ": no number column name matches '" + pattern.pattern() + "'");
            return null;
        }
        if (labels == null) {
            return byLabel.values().stream().mapToInt(Integer::intValue).toArray();
        }
        int[] out = new int[labels.size()];
        List<String> missing = new ArrayList<>();
        for (int c = 0; c < out.length; c++) {
            Integer idx = byLabel.get(labels.get(c));
            out[c] = idx == null ? -1 : idx;
            if (idx == null) {
                missing.add("'" + labels.get(c) + "'");
            }
        }
        if (!missing.isEmpty()) {
            problems.add(what + ": no probability column for " + missing.size() + " of the model's " + out.length
                    + " classes, e.g. " + String.join(", ", missing.subList(0, Math.min(5, missing.size()))));
        }
        return out;
    }
}
