package org.geocsp.core.encode;

import java.util.SplittableRandom;

/** The frequency schedules shared by the multi-scale encoders (reference {@code _cal_freq_list}). */
public final class Frequencies {

    private Frequencies() {}

    /**
     * The angular frequencies ω_0..ω_{S−1}.
     *
     * @param seed used only by {@link FrequencyInit#RANDOM}
     */
    public static double[] of(FrequencyInit init, int frequencyNum, double minRadius, double maxRadius, long seed) {
        double[] w = new double[frequencyNum];
        switch (init) {
            case GEOMETRIC -> {
                for (int s = 0; s < frequencyNum; s++) {
                    double exponent = frequencyNum == 1 ? 0 : (double) s / (frequencyNum - 1);
                    w[s] = 1.0 / (minRadius * Math.pow(maxRadius / minRadius, exponent));
                }
            }
            case NERF -> {
                for (int s = 0; s < frequencyNum; s++) {
                    w[s] = Math.PI * Math.pow(2, s);
                }
            }
            case RANDOM -> {
                SplittableRandom r = new SplittableRandom(seed);
                for (int s = 0; s < frequencyNum; s++) {
                    w[s] = r.nextDouble() * maxRadius;
                }
            }
        }
        return w;
    }

    /** The schedule of sphereM+ and dfs in TorchSpatial: ω_s = 1/r_max^(s/(S−1)), ignoring r_min. */
    public static double[] maxRadiusOnly(int frequencyNum, double maxRadius) {
        double[] w = new double[frequencyNum];
        for (int s = 0; s < frequencyNum; s++) {
            double exponent = frequencyNum == 1 ? 0 : (double) s / (frequencyNum - 1);
            w[s] = 1.0 / Math.pow(maxRadius, exponent);
        }
        return w;
    }
}
