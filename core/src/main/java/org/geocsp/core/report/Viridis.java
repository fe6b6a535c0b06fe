package org.geocsp.core.report;

import java.awt.Color;

/**
 * The viridis colour map (perceptually uniform, readable in grey scale and by most colour-blind
 * readers) as a 256-entry table, dark blue-violet at 0 to yellow at 1.
 *
 * <p>The table is computed from a degree-6 polynomial fit per RGB channel of the published
 * viridis curve; it stays within a few 8-bit levels of the reference colours (checked in the
 * tests against the well-known anchors #440154, #3B528B, #21918C, #5EC962, #FDE725).
 */
public final class Viridis {

    /** Polynomial coefficients c0..c6 per channel, evaluated by Horner's rule in t in [0, 1]. */
    private static final double[][] COEFFS = {
        {0.2777273272234177, 0.1050930431085774, -0.3308618287255563, -4.634230498983486,
            6.228269936347081, 4.776384997670288, -5.435455855934631},
        {0.005407344544966578, 1.404613529898575, 0.214847559468213, -5.799100973351585,
            14.17993336680509, -13.74514537774601, 4.645852612178535},
        {0.3340998053353061, 1.384590162594685, 0.09509516302823659, -19.33244095627987,
            56.69055260068105, -65.35303263337234, 26.3124352495832},
    };

    /** Number of entries in the table. */
    public static final int SIZE = 256;

    private static final int[] TABLE = new int[SIZE];

    static {
        Headless.ensure(); // Color is AWT
        for (int k = 0; k < SIZE; k++) {
            double t = k / (double) (SIZE - 1);
            int rgb = 0;
            for (double[] c : COEFFS) {
                double v = c[6];
                for (int p = 5; p >= 0; p--) {
                    v = v * t + c[p];
                }
                int level = (int) Math.round(Math.max(0, Math.min(1, v)) * 255);
                rgb = (rgb << 8) | level;
            }
            TABLE[k] = 0xFF000000 | rgb;
        }
    }

    private Viridis() {
    }

    /** ARGB (opaque) of table entry {@code index} in [0, 255]. */
    public static int argbAt(int index) {
        return TABLE[index];
    }

    /**
     * ARGB (opaque) for {@code t} in [0, 1], clamped outside; the nearest of the 256 entries.
     * NaN is the caller's business (the map draws it in grey) and is rejected here.
     */
    public static int argb(double t) {
        if (Double.isNaN(t)) {
            throw new IllegalArgumentException("viridis: value is NaN");
        }
        double c = Math.max(0, Math.min(1, t));
        return TABLE[(int) Math.round(c * (SIZE - 1))];
    }

    /** {@link #argb(double)} as a {@link Color}. */
    public static Color color(double t) {
        return new Color(argb(t), false);
    }
}
