package org.geocsp.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.geocsp.core.io.InvalidInputException;
import org.junit.jupiter.api.Test;

class LinearProbeTest {

    @Test
    void separatesLinearlySeparableBlobs() {
        // Three Gaussian blobs in 5-D with centres far apart relative to the noise.
        SplittableRandom r = new SplittableRandom(4);
        float[][] centres = {{5, 0, 0, 0, 100}, {0, 5, 0, 0, 100}, {0, 0, 5, 0, 100}};
        int n = 600;
        float[][] x = new float[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            x[i] = new float[5];
            for (int d = 0; d < 5; d++) {
                // Dimension 4 is a constant offset: standardisation must not blow it up.
                x[i][d] = d == 4 ? 100f : centres[y[i]][d] + (float) (r.nextGaussian() * 0.7);
            }
        }
        int[] train = new int[400];
        int[] test = new int[200];
        for (int i = 0; i < n; i++) {
            if (i < 400) {
                train[i] = i;
            } else {
                test[i - 400] = i;
            }
        }
        LinearProbe p = LinearProbe.train(x, y, train, 3, new LinearProbe.Settings(30, 32, 0.05, 0, 1));
        assertTrue(p.accuracy(x, y, test) > 0.97, "accuracy " + p.accuracy(x, y, test));
        assertEquals(1, p.predict(new float[] {0, 5, 0, 0, 100}));
        assertEquals(3, p.logits(x[0]).length);
    }

    @Test
    void rejectsBadInput() {
        float[][] x = {{1, 2}, {3}};
        int[] y = {0, 1};
        assertThrows(IllegalArgumentException.class, () -> LinearProbe.train(x, y, new int[] {0, 1}, 2, LinearProbe.Settings.DEFAULT));
        assertThrows(IllegalArgumentException.class, () -> LinearProbe.train(x, new int[] {0, 5}, new int[] {0}, 2, LinearProbe.Settings.DEFAULT)
                .accuracy(x, y, new int[] {1}));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new LinearProbe.Settings(0, 0, -1, -1, 1));
        assertEquals(4, e.problems().size());
    }
}
