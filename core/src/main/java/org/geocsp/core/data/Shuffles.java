package org.geocsp.core.data;

import java.util.SplittableRandom;

/** Fisher-Yates helpers shared by the samplers (package-private). */
final class Shuffles {

    private Shuffles() {}

    static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    /** Shuffles all of {@code a} in place. */
    static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            swap(a, i, rng.nextInt(i + 1));
        }
    }

    /**
     * Moves a uniformly drawn k-subset (without replacement, in random order) to
     * {@code a[0..k)}; the rest of the array is left permuted.
     */
    static void partialShuffle(int[] a, int k, SplittableRandom rng) {
        for (int i = 0; i < k; i++) {
            swap(a, i, i + rng.nextInt(a.length - i));
        }
    }

    private static void swap(int[] a, int i, int j) {
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
