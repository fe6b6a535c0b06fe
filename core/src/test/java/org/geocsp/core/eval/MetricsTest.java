package org.geocsp.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void topKAndMrrFromScores() {
        RankingMetrics m = new RankingMetrics(1, 2, 3);
        // 3 classes; row 0 truth ranked 1st, row 1 truth ranked 2nd, row 2 truth ranked 3rd, row 3 unknown
        float[] scores = {
            0.9f, 0.05f, 0.05f,
            0.5f, 0.2f, 0.3f,
            0.1f, 0.6f, 0.3f,
            0.3f, 0.3f, 0.4f};
        m.add(scores, 3, new int[] {0, 2, 0, -1});
        assertEquals(3, m.rows());
        assertEquals(1, m.skipped());
        assertEquals(1 / 3.0, m.topK(1), 1e-12);
        assertEquals(2 / 3.0, m.topK(2), 1e-12);
        assertEquals(1.0, m.topK(3), 1e-12);
        assertEquals((1 + 0.5 + 1 / 3.0) / 3, m.meanReciprocalRank(), 1e-12);
    }

    @Test
    void tiesCountAgainstTheTruth() {
        RankingMetrics m = new RankingMetrics(1, 3);
        m.add(new float[] {0.5f, 0.5f, 0.5f}, 3, new int[] {1});
        assertEquals(0.0, m.topK(1));
        assertEquals(1.0, m.topK(3));
        assertThrows(IllegalArgumentException.class, () -> m.topK(5));
    }

    @Test
    void distanceShares() {
        DistanceMetrics d = new DistanceMetrics();
        for (double e : new double[] {0.5, 10, 150, 700, 2000, 5000}) {
            d.add(e);
        }
        assertEquals(1 / 6.0, d.shareWithin(1), 1e-12);
        assertEquals(2 / 6.0, d.shareWithin(25), 1e-12);
        assertEquals(3 / 6.0, d.shareWithin(200), 1e-12);
        assertEquals(4 / 6.0, d.shareWithin(750), 1e-12);
        assertEquals(5 / 6.0, d.shareWithin(2500), 1e-12);
        assertEquals((150 + 700) / 2.0, d.medianKm(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> d.add(Double.NaN));
    }
}
