package org.geocsp.core.predict;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * The k largest scores of a row, best first. Ties are broken by the lower class index, so the
 * order is deterministic; NaN ranks below every number.
 */
final class TopK {

    private TopK() {}

    /**
     * Writes the k best classes of {@code scores[from, from + c)} to {@code outIdx/outVal} at
     * {@code outFrom}.
     */
    static void select(float[] scores, int from, int c, int k, int[] outIdx, float[] outVal, int outFrom) {
        if (k > 64) {
            selectBySort(scores, from, c, k, outIdx, outVal, outFrom);
            return;
        }
        offer(FloatBuffer.wrap(scores), from, c, 0, k, outIdx, outVal, outFrom, 0);
    }

    /**
     * Merges {@code scores[from, from + c)} into a running top-k of {@code count} entries at
     * {@code outFrom} (best first), the entries numbered from {@code firstIndex}; returns the new
     * count. Offering the blocks of a long row in order gives the top-k of the whole row with the
     * same ties rule (an entry never displaces an equal one offered before it).
     */
    static int offer(FloatBuffer scores, int from, int c, int firstIndex, int k, int[] outIdx, float[] outVal,
            int outFrom, int count) {
        // once k entries are kept, a score must beat the k-th to enter: one comparison for most entries
        float kth = count == k ? outVal[outFrom + k - 1] : Float.NaN;
        boolean kthIsNaN = Float.isNaN(kth);
        for (int j = 0; j < c; j++) {
            float s = scores.get(from + j);
            if (count == k && (kthIsNaN ? Float.isNaN(s) : !(s > kth))) {
                continue;
            }
            // position: before the first kept entry that is strictly worse (equal scores keep index order)
            int pos = count;
            while (pos > 0 && better(s, outVal[outFrom + pos - 1])) {
                pos--;
            }
            if (pos >= k) {
                continue;
            }
            int last = Math.min(count, k - 1);
            for (int q = last; q > pos; q--) {
                outIdx[outFrom + q] = outIdx[outFrom + q - 1];
                outVal[outFrom + q] = outVal[outFrom + q - 1];
            }
            outIdx[outFrom + pos] = firstIndex + j;
            outVal[outFrom + pos] = s;
            if (count < k) {
                count++;
            }
            if (count == k) {
                kth = outVal[outFrom + k - 1];
                kthIsNaN = Float.isNaN(kth);
            }
        }
        return count;
    }

    /** True if score a ranks strictly above b (NaN below everything). */
    private static boolean better(float a, float b) {
        if (Float.isNaN(a)) {
            return false;
        }
        return Float.isNaN(b) || a > b;
    }

    private static void selectBySort(float[] scores, int from, int c, int k, int[] outIdx, float[] outVal,
            int outFrom) {
        Integer[] order = new Integer[c];
        for (int j = 0; j < c; j++) {
            order[j] = j;
        }
        Arrays.sort(order, (a, b) -> {
            float sa = scores[from + a];
            float sb = scores[from + b];
            if (better(sa, sb)) {
                return -1;
            }
            if (better(sb, sa)) {
                return 1;
            }
            return Integer.compare(a, b);
        });
        for (int q = 0; q < k; q++) {
            outIdx[outFrom + q] = order[q];
            outVal[outFrom + q] = scores[from + order[q]];
        }
    }
}
