package org.geocsp.core.data;

import java.util.SplittableRandom;

/**
 * CSP's {@code BalancedSampler} (without replacement): each epoch takes, for every class, at
 * most {@code maxPerClass} of its rows, drawn uniformly without replacement and freshly per
 * epoch (a class with fewer rows contributes all of them), then shuffles the union. The epoch
 * length is therefore {@code sum_c min(n_c, maxPerClass)}. CSP uses 100 per class in both
 * pre-training and fine-tuning; note this makes "unsupervised" pre-training use the labels.
 */
public final class ClassBalancedSampler implements EpochSampler {

    private final int[][] rowsByClass;
    private final int maxPerClass;
    private final int epochSize;

    /**
     * @param labels class index of each row (0..numClasses-1)
     * @param numClasses number of classes (classes without rows are allowed)
     * @param maxPerClass the cap per class and epoch, at least 1
     */
    public ClassBalancedSampler(int[] labels, int numClasses, int maxPerClass) {
        if (maxPerClass < 1) {
            throw new IllegalArgumentException("rows per class and epoch must be at least 1, was " + maxPerClass);
        }
        this.rowsByClass = GeoDataset.rowsByClass(labels, numClasses);
        this.maxPerClass = maxPerClass;
        long size = 0;
        for (int[] members : rowsByClass) {
            size += Math.min(members.length, maxPerClass);
        }
        this.epochSize = (int) size;
    }

    /** Balanced over the labels of a labelled dataset. */
    public static ClassBalancedSampler of(GeoDataset data, int maxPerClass) {
        return new ClassBalancedSampler(data.labelArray(), data.numClasses(), maxPerClass);
    }

    /** Rows per epoch, the same every epoch. */
    public int epochSize() {
        return epochSize;
    }

    public int maxPerClass() {
        return maxPerClass;
    }

    @Override
    public int[] order(SplittableRandom random) {
        int[] out = new int[epochSize];
        int pos = 0;
        for (int[] members : rowsByClass) {
            int k = Math.min(members.length, maxPerClass);
            int[] pool = members.clone();
            Shuffles.partialShuffle(pool, k, random);
            System.arraycopy(pool, 0, out, pos, k);
            pos += k;
        }
        Shuffles.shuffle(out, random);
        return out;
    }
}
