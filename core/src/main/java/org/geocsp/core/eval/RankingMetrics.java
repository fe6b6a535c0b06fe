package org.geocsp.core.eval;

import java.util.Arrays;

/**
 * Classification metrics from per-row class scores: top-k accuracy (k = 1, 3, 5, 10 by
 * default) and mean reciprocal rank. Ties are ranked pessimistically (a tie with the true class
 * counts against it), so a constant score never looks good. Rows whose true label is unknown
 * (negative) are skipped and counted.
 */
public final class RankingMetrics {

    private static final int[] DEFAULT_KS = {1, 3, 5, 10};

    private final int[] ks;
    private final long[] hits;
    private double reciprocalRankSum;
    private long rows;
    private long skipped;

    public RankingMetrics() {
        this(DEFAULT_KS);
    }

    public RankingMetrics(int... ks) {
        this.ks = ks.clone();
        this.hits = new long[ks.length];
    }

    /**
     * Adds rows.
     *
     * @param scores row-major (n, numClasses) scores, larger is better
     * @param numClasses number of classes
     * @param labels true class index per row, or a negative value for unknown
     */
    public void add(float[] scores, int numClasses, int[] labels) {
        int n = labels.length;
        if ((long) n * numClasses != scores.length) {
            throw new IllegalArgumentException("scores hold " + scores.length + " values, expected " + n + " x " + numClasses);
        }
        for (int i = 0; i < n; i++) {
            int y = labels[i];
            if (y < 0 || y >= numClasses) {
                skipped++;
                continue;
            }
            float truth = scores[i * numClasses + y];
            int rank = 1; // 1-based rank of the true class, ties counted against it
            for (int c = 0; c < numClasses; c++) {
                float s = scores[i * numClasses + c];
                if (c != y && (s > truth || s == truth || Float.isNaN(truth))) {
                    rank++;
                }
            }
            addRank(rank);
        }
    }

    /** Adds one row by the 1-based rank of its true class. */
    public void addRank(int rank) {
        if (rank < 1) {
            throw new IllegalArgumentException("rank must be >= 1, got " + rank);
        }
        rows++;
        reciprocalRankSum += 1.0 / rank;
        for (int j = 0; j < ks.length; j++) {
            if (rank <= ks[j]) {
                hits[j]++;
            }
        }
    }

    /** Top-k accuracy for one of the configured k. */
    public double topK(int k) {
        int j = Arrays.stream(ks).boxed().toList().indexOf(k);
        if (j < 0) {
            throw new IllegalArgumentException("k=" + k + " was not configured; configured: " + Arrays.toString(ks));
        }
        return rows == 0 ? Double.NaN : hits[j] / (double) rows;
    }

    public double top1() {
        return topK(1);
    }

    public double meanReciprocalRank() {
        return rows == 0 ? Double.NaN : reciprocalRankSum / rows;
    }

    /** Rows evaluated. */
    public long rows() {
        return rows;
    }

    /** Rows skipped because their true label was unknown. */
    public long skipped() {
        return skipped;
    }

    public int[] ks() {
        return ks.clone();
    }
}
