package org.geocsp.core.predict;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps the true labels of an evaluation table to the model's class indices, batch after batch,
 * and counts what it cannot map: labels the model has never seen (by name and count) and missing
 * labels. Such rows get index -1, which {@link org.geocsp.core.eval.RankingMetrics} skips and
 * counts; nothing fails.
 */
public final class LabelMapper {

    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Long> unseen = new LinkedHashMap<>();
    private long mapped;
    private long missing;
    private long unseenRows;

    /** @param classLabels the model's class labels in class-index order */
    public LabelMapper(List<String> classLabels) {
        for (int i = 0; i < classLabels.size(); i++) {
            index.put(classLabels.get(i), i);
        }
    }

    /**
     * Class index of each label, or -1 for a missing (null or empty) label or one the model does
     * not know; the counts accumulate over calls.
     */
    public int[] map(String[] labels) {
        int[] out = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            out[i] = map(labels[i]);
        }
        return out;
    }

    /** Class index of one label, or -1 (counted). */
    public int map(String label) {
        if (label == null || label.isEmpty()) {
            missing++;
            return -1;
        }
        Integer c = index.get(label);
        if (c == null) {
            unseenRows++;
            unseen.merge(label, 1L, Long::sum);
            return -1;
        }
        mapped++;
        return c;
    }

    /** Rows whose label is one of the model's classes. */
    public long mappedRows() {
        return mapped;
    }

    /** Rows without a label. */
    public long missingRows() {
        return missing;
    }

    /** Rows whose label the model has never seen. */
    public long unseenRows() {
        return unseenRows;
    }

    /** Each unseen label with its number of rows, in order of first appearance. */
    public Map<String, Long> unseenLabels() {
        return Collections.unmodifiableMap(unseen);
    }

    /**
     * One sentence for a log or warning, e.g. "2 rows have labels the model has never seen: 'x' (1),
     * 'y' (1); 1 row has no label", or null if every label was mapped. Names at most 10 labels.
     */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        if (unseenRows > 0) {
            sb.append(String.format(Locale.ROOT, "%d row%s %s labels the model has never seen (%d distinct): ",
                    unseenRows, unseenRows == 1 ? "" : "s", unseenRows == 1 ? "has" : "have", unseen.size()));
            int shown = 0;
            for (Map.Entry<String, Long> e : unseen.entrySet()) {
                if (shown == 10) {
                    sb.append(", ...");
                    break;
                }
                sb.append(shown == 0 ? "" : ", ").append('\'').append(e.getKey()).append("' (").append(e.getValue())
                        .append(')');
                shown++;
            }
        }
        if (missing > 0) {
            sb.append(sb.length() == 0 ? "" : "; ").append(String.format(Locale.ROOT, "%d row%s no label", missing,
                    missing == 1 ? " has" : "s have"));
        }
        return sb.length() == 0 ? null : sb.toString();
    }
}
