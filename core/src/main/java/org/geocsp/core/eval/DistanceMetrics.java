package org.geocsp.core.eval;

import java.util.Arrays;

/**
 * Geolocation error metrics (im2gps style): the share of rows within 1, 25, 200, 750 and
 * 2500 km of the truth, and the median and mean error, all great-circle on a 6371 km sphere.
 */
public final class DistanceMetrics {

    /** The thresholds of the im2gps protocol, in km. */
    public static final double[] THRESHOLDS_KM = {1, 25, 200, 750, 2500};

    private double[] errors = new double[64];
    private int n;

    /** Adds one error in km (must be finite and >= 0). */
    public void add(double errorKm) {
        if (!(errorKm >= 0) || !Double.isFinite(errorKm)) {
            throw new IllegalArgumentException("distance error must be a finite number >= 0 km, got " + errorKm);
        }
        if (n == errors.length) {
            errors = Arrays.copyOf(errors, n * 2);
        }
        errors[n++] = errorKm;
    }

    public int count() {
        return n;
    }

    /** Share of rows with error <= km. */
    public double shareWithin(double km) {
        if (n == 0) {
            return Double.NaN;
        }
        int c = 0;
        for (int i = 0; i < n; i++) {
            if (errors[i] <= km) {
                c++;
            }
        }
        return c / (double) n;
    }

    public double medianKm() {
        if (n == 0) {
            return Double.NaN;
        }
        double[] s = Arrays.copyOf(errors, n);
        Arrays.sort(s);
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    public double meanKm() {
        if (n == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += errors[i];
        }
        return sum / n;
    }
}
