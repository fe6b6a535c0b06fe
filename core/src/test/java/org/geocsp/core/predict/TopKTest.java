package org.geocsp.core.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** TopK against a full sort: best first, ties by the lower index, NaN below every number. */
class TopKTest {

    @Property(tries = 300)
    void equalsTheFirstKOfAStableSort(@ForAll @Size(min = 1, max = 200) float[] raw,
            @ForAll @IntRange(min = 1, max = 80) int kWanted, @ForAll @IntRange(min = 0, max = 3) int flavour) {
        float[] s = raw.clone();
        for (int j = 0; j < s.length; j++) {
            // few distinct values (ties), saturated values and NaNs are the interesting cases
            if (flavour == 1) {
                s[j] = Math.round(s[j]) % 3;
            } else if (flavour == 2 && j % 5 == 0) {
                s[j] = Float.NaN;
            } else if (flavour == 3) {
                s[j] = s[j] > 0 ? 1f : Float.NEGATIVE_INFINITY;
            }
        }
        int k = Math.min(kWanted, s.length);
        int[] idx = new int[k + 2];
        float[] val = new float[k + 2];
        TopK.select(s, 0, s.length, k, idx, val, 1);
        Integer[] order = IntStream.range(0, s.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingInt((Integer j) -> Float.isNaN(s[j]) ? 1 : 0)
                .thenComparing((Integer j) -> Float.isNaN(s[j]) ? 0f : -s[j]).thenComparingInt(j -> j));
        int[] expectIdx = new int[k];
        float[] expectVal = new float[k];
        for (int q = 0; q < k; q++) {
            expectIdx[q] = order[q];
            expectVal[q] = s[order[q]];
        }
        assertArrayEquals(expectIdx, Arrays.copyOfRange(idx, 1, k + 1), () -> Arrays.toString(s));
        assertArrayEquals(expectVal, Arrays.copyOfRange(val, 1, k + 1));
    }

    @Property(tries = 50)
    void readsOnlyItsSlice(@ForAll @Size(min = 3, max = 50) float @FloatRange(min = -5, max = 5) [] s) {
        int[] idx = new int[2];
        float[] val = new float[2];
        TopK.select(s, 1, s.length - 2, 2, idx, val, 0);
        float[] slice = Arrays.copyOfRange(s, 1, s.length - 1);
        int[] idx2 = new int[2];
        float[] val2 = new float[2];
        TopK.select(slice, 0, slice.length, 2, idx2, val2, 0);
        assertArrayEquals(idx2, idx);
        assertArrayEquals(val2, val);
    }
}
