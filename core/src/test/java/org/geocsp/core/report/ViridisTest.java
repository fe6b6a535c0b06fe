package org.geocsp.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ViridisTest {

    /** The published viridis colours at 0, 0.25, 0.5, 0.75 and 1 (matplotlib's 5-colour palette). */
    private static final int[] ANCHORS = {0x440154, 0x3B528B, 0x21918C, 0x5EC962, 0xFDE725};

    @Test
    void tableMatchesPublishedAnchorsWithinAFewLevels() {
        for (int a = 0; a < ANCHORS.length; a++) {
            double t = a / 4.0;
            int got = Viridis.argb(t);
            for (int shift = 16; shift >= 0; shift -= 8) {
                int want = (ANCHORS[a] >> shift) & 0xFF;
                int have = (got >> shift) & 0xFF;
                assertTrue(Math.abs(want - have) <= 6,
                    String.format("t=%.2f channel>>%d: want %d, got %d", t, shift, want, have));
            }
            assertEquals(0xFF, (got >>> 24), "opaque");
        }
    }

    @Test
    void lightnessIncreases() {
        // Viridis is designed with monotonically increasing lightness. 8-bit rounding may leave
        // neighbouring entries equal or a hair lower, but never by a visible step, and every
        // three entries lightness must have grown.
        double[] lum = new double[Viridis.SIZE];
        for (int k = 0; k < Viridis.SIZE; k++) {
            int c = Viridis.argbAt(k);
            lum[k] = 0.2126 * lin((c >> 16) & 0xFF) + 0.7152 * lin((c >> 8) & 0xFF) + 0.0722 * lin(c & 0xFF);
        }
        for (int k = 1; k < Viridis.SIZE; k++) {
            assertTrue(lum[k] > lum[k - 1] - 1e-3, "luminance drops at entry " + k);
        }
        for (int k = 3; k < Viridis.SIZE; k++) {
            assertTrue(lum[k] > lum[k - 3], "luminance not increasing over entries " + (k - 3) + ".." + k);
        }
        assertTrue(lum[255] > 10 * lum[0], "dark to light");
    }

    @Test
    void clampsOutsideUnitIntervalAndRejectsNaN() {
        assertEquals(Viridis.argbAt(0), Viridis.argb(-3));
        assertEquals(Viridis.argbAt(255), Viridis.argb(7));
        assertThrows(IllegalArgumentException.class, () -> Viridis.argb(Double.NaN));
    }

    private static double lin(int v) {
        double c = v / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }
}
