package org.geocsp.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SamplersTest {

    /** Class sizes 250, 100, 99, 3, 1, 0 (class 5 empty), rows interleaved. */
    static int[] imbalancedLabels() {
        int[] sizes = {250, 100, 99, 3, 1, 0};
        int[] left = sizes.clone();
        int n = Arrays.stream(sizes).sum();
        int[] labels = new int[n];
        int i = 0;
        while (i < n) {
            for (int c = 0; c < sizes.length; c++) {
                if (left[c] > 0) {
                    labels[i++] = c;
                    left[c]--;
                }
            }
        }
        return labels;
    }

    @Test
    void uniformShuffleIsAPermutationPerEpochReproducibleBySeed() {
        UniformShuffle u = new UniformShuffle(1000);
        int[] e0 = u.order(5, 0);
        int[] sorted = e0.clone();
        Arrays.sort(sorted);
        assertArrayEquals(Shuffles.identity(1000), sorted);
        assertFalse(Arrays.equals(Shuffles.identity(1000), e0));
        assertArrayEquals(e0, u.order(5, 0));
        assertFalse(Arrays.equals(e0, u.order(5, 1)), "epochs differ");
        assertFalse(Arrays.equals(e0, u.order(6, 0)), "seeds differ");
        int[] sub = new UniformShuffle(new int[] {7, 3, 11}).order(1, 0);
        Arrays.sort(sub);
        assertArrayEquals(new int[] {3, 7, 11}, sub);
    }

    @Test
    void balancedSamplerCapsEachClassCoversAllAndRedrawsPerEpoch() {
        int[] labels = imbalancedLabels();
        ClassBalancedSampler s = new ClassBalancedSampler(labels, 6, 100);
        assertEquals(100 + 100 + 99 + 3 + 1, s.epochSize());
        Set<Integer> seenOfClass0 = new HashSet<>();
        for (int epoch = 0; epoch < 5; epoch++) {
            int[] order = s.order(11, epoch);
            assertEquals(s.epochSize(), order.length);
            assertEquals(order.length, Arrays.stream(order).distinct().count(), "no row twice in an epoch");
            int[] perClass = new int[6];
            for (int r : order) {
                perClass[labels[r]]++;
                if (labels[r] == 0) {
                    seenOfClass0.add(r);
                }
            }
            assertArrayEquals(new int[] {100, 100, 99, 3, 1, 0}, perClass);
            // shuffled: the first 100 rows are not all one class
            int[] head = new int[6];
            for (int k = 0; k < 100; k++) {
                head[labels[order[k]]]++;
            }
            assertTrue(Arrays.stream(head).max().getAsInt() < 60, Arrays.toString(head));
        }
        assertTrue(seenOfClass0.size() > 200, "the capped class is redrawn each epoch: " + seenOfClass0.size());
        assertArrayEquals(s.order(11, 3), s.order(11, 3));
    }

    @Test
    void fewShotCountsFollowTheReferenceRounding() {
        // get_classes_sample_idxs: n*ratio below 1 gives 1, else NumPy round (half to even)
        FewShotSelector f = new FewShotSelector(0.05);
        assertEquals(12, f.keepCount(250)); // 12.5 -> 12
        assertEquals(5, f.keepCount(100));
        assertEquals(5, f.keepCount(99)); // 4.95
        assertEquals(1, f.keepCount(3)); // 0.15 -> minimum 1
        assertEquals(1, f.keepCount(1));
        assertEquals(0, f.keepCount(0));
        FewShotSelector half = new FewShotSelector(0.5);
        assertEquals(2, half.keepCount(5)); // 2.5 -> 2
        assertEquals(4, half.keepCount(7)); // 3.5 -> 4
        assertEquals(2, half.keepCount(3)); // 1.5 -> 2
        assertEquals(10, new FewShotSelector(1.0).keepCount(10));
        assertThrows(IllegalArgumentException.class, () -> new FewShotSelector(0));
        assertThrows(IllegalArgumentException.class, () -> new FewShotSelector(1.5));
    }

    @Test
    void fewShotSelectionKeepsPerClassCountsAndIsReproducible() {
        int[] labels = imbalancedLabels();
        FewShotSelector f = new FewShotSelector(0.05);
        int[] kept = f.select(labels, 6, 99);
        int[] perClass = new int[6];
        for (int r : kept) {
            perClass[labels[r]]++;
        }
        assertArrayEquals(new int[] {12, 5, 5, 1, 1, 0}, perClass);
        assertTrue(GeoDatasetTest.isAscending(kept), "ascending and without repeats");
        assertArrayEquals(kept, f.select(labels, 6, 99));
        assertFalse(Arrays.equals(kept, f.select(labels, 6, 100)));
        assertThrows(IllegalArgumentException.class, () -> f.select(new int[] {0, 6}, 6, 1));
    }
}
