package org.geocsp.core.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The few-shot label subset of CSP's fine-tuning ({@code get_classes_sample_idxs},
 * "stratified-fix"): class c with n_c rows keeps {@code max(1, rint(n_c * ratio))} rows drawn
 * uniformly without replacement. {@code rint} rounds half to even like NumPy's {@code round}
 * (2.5 gives 2, 3.5 gives 4); a product below 1 gives 1. The same labels, ratio and seed always
 * give the same rows, so the subset is fixed across runs.
 */
public final class FewShotSelector {

    private final double ratio;

    /** @param ratio share of each class to keep, in (0, 1] */
    public FewShotSelector(double ratio) {
        if (!(ratio > 0 && ratio <= 1)) {
            throw new IllegalArgumentException("few-shot ratio must be in (0, 1], was " + ratio);
        }
        this.ratio = ratio;
    }

    public double ratio() {
        return ratio;
    }

    /** Rows kept of a class with {@code n} rows (0 for an empty class). */
    public int keepCount(int n) {
        if (n == 0) {
            return 0;
        }
        double x = n * ratio;
        return x < 1 ? 1 : (int) Math.min(n, Math.rint(x));
    }

    /** The kept row indices, ascending. */
    public int[] select(int[] labels, int numClasses, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[][] byClass = GeoDataset.rowsByClass(labels, numClasses);
        int total = 0;
        for (int[] members : byClass) {
            total += keepCount(members.length);
        }
        int[] out = new int[total];
        int pos = 0;
        for (int[] members : byClass) {
            int k = keepCount(members.length);
            Shuffles.partialShuffle(members, k, rng);
            System.arraycopy(members, 0, out, pos, k);
            pos += k;
        }
        Arrays.sort(out);
        return out;
    }

    /** The few-shot view of a labelled dataset. */
    public GeoDataset select(GeoDataset data, long seed) {
        return data.subset(select(data.labelArray(), data.numClasses(), seed));
    }
}
