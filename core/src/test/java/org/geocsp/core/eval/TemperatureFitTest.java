package org.geocsp.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TemperatureFitTest {

    /** Labels drawn from softmax(z); the classifier reports scale·z. */
    static float[][] logits;
    static int[] labels;

    static void sample(int n, int classes, double scale, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        logits = new float[n][classes];
        labels = new int[n];
        for (int i = 0; i < n; i++) {
            double[] z = new double[classes];
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                z[c] = 1.5 * r.nextGaussian();
                sum += Math.exp(z[c]);
            }
            double u = r.nextDouble() * sum;
            int y = classes - 1;
            for (int c = 0; c < classes; c++) {
                u -= Math.exp(z[c]);
                if (u <= 0) {
                    y = c;
                    break;
                }
            }
            labels[i] = y;
            for (int c = 0; c < classes; c++) {
                logits[i][c] = (float) (scale * z[c]);
            }
        }
    }

    @Test
    void recoversTheTemperatureOfOverAndUnderConfidentLogits() {
        sample(20_000, 5, 3.0, 1); // over-confident by 3: beta = 1/3
        double beta = TemperatureFit.beta(logits, labels);
        assertEquals(1 / 3.0, beta, 0.03);
        sample(20_000, 5, 0.5, 2); // under-confident: beta = 2
        assertEquals(2.0, TemperatureFit.beta(logits, labels), 0.15);
    }

    @Test
    void theFittedScaleMinimisesTheNll() {
        sample(5_000, 8, 4.0, 3);
        double beta = TemperatureFit.beta(logits, labels);
        double best = TemperatureFit.nll(logits, labels, beta);
        for (double d : new double[] {-0.05, 0.05}) {
            assertTrue(best <= TemperatureFit.nll(logits, labels, beta + d), "beta " + beta + " + " + d);
        }
        assertTrue(best < TemperatureFit.nll(logits, labels, 1.0) - 0.1, "uncalibrated NLL is clearly worse");
    }
}
