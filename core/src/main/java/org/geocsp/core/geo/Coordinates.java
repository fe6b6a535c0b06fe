package org.geocsp.core.geo;

import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.io.RowProblems;

/**
 * Validation of (longitude, latitude) pairs in degrees, the convention at every public
 * boundary of GeoCSP, and the one rule (and wording) for a coordinate value: finite, latitude in
 * [-90, 90], longitude in [-180, 180] or wrapped under an explicit {@link LongitudePolicy#WRAP}.
 * Nothing is clamped silently; problems are reported through {@link RowProblems} with their column
 * and row, a count and the first examples of each kind.
 */
public final class Coordinates {

    private Coordinates() {}

    /**
     * Checks the columns and returns the longitudes to use (a copy, wrapped if the policy says
     * so; the caller's array is never modified). NaN is a missing value, which is a problem here.
     *
     * @param lonColumn the name of the longitude column, for messages
     * @param latColumn the name of the latitude column, for messages
     * @param firstRow the 1-based row number of element 0, for messages
     * @throws InvalidInputException naming every kind of problem with its column, count and example rows
     */
    public static double[] validate(double[] lonDeg, double[] latDeg, String lonColumn, String latColumn,
            long firstRow, LongitudePolicy policy) {
        if (lonDeg.length != latDeg.length) {
            throw new InvalidInputException("columns '" + lonColumn + "' and '" + latColumn
                    + "' have different lengths (" + lonDeg.length + " and " + latDeg.length + ")");
        }
        RowProblems problems = new RowProblems("");
        double[] out = new double[lonDeg.length];
        for (int i = 0; i < lonDeg.length; i++) {
            out[i] = longitude(lonDeg[i], lonColumn, firstRow + i, policy, problems);
            latitude(latDeg[i], latColumn, firstRow + i, problems);
        }
        problems.throwIfAny();
        return out;
    }

    /** Checks one pair; the message names the row. */
    public static void validate(double lonDeg, double latDeg, long row) {
        validate(new double[] {lonDeg}, new double[] {latDeg}, "longitude", "latitude", row,
                LongitudePolicy.REJECT);
    }

    /**
     * The rule for one longitude: returns it (wrapped into [-180, 180) under {@link LongitudePolicy#WRAP}),
     * or records a problem under its column and row (missing/NaN, infinite, out of range) and returns NaN.
     */
    public static double longitude(double lonDeg, String column, long row, LongitudePolicy policy,
            RowProblems problems) {
        if (lonDeg >= -180 && lonDeg <= 180) {
            return lonDeg;
        }
        return longitude(lonDeg, column, RowProblems.rowLabel(row, null), policy, problems);
    }

    /** {@link #longitude(double, String, long, LongitudePolicy, RowProblems)} with a row label ("row 3 (Row2)"). */
    public static double longitude(double lonDeg, String column, String row, LongitudePolicy policy,
            RowProblems problems) {
        if (lonDeg >= -180 && lonDeg <= 180) {
            return lonDeg;
        }
        if (!finite(lonDeg, "longitude", column, row, problems)) {
            return Double.NaN;
        }
        if (policy == LongitudePolicy.WRAP) {
            return wrapLongitude(lonDeg);
        }
        problems.add(column, "with a longitude outside [-180, 180]", row, lonDeg
                + " is outside [-180, 180] (longitude in degrees; longitudes can be wrapped instead)");
        return Double.NaN;
    }

    /**
     * The rule for one latitude: returns it, or records a problem under its column and row
     * (missing/NaN, infinite, outside [-90, 90]) and returns NaN.
     */
    public static double latitude(double latDeg, String column, long row, RowProblems problems) {
        if (latDeg >= -90 && latDeg <= 90) {
            return latDeg;
        }
        return latitude(latDeg, column, RowProblems.rowLabel(row, null), problems);
    }

    /** {@link #latitude(double, String, long, RowProblems)} with a row label ("row 3 (Row2)"). */
    public static double latitude(double latDeg, String column, String row, RowProblems problems) {
        if (latDeg >= -90 && latDeg <= 90) {
            return latDeg;
        }
        if (finite(latDeg, "latitude", column, row, problems)) {
            problems.add(column, "with a latitude outside [-90, 90]", row,
                    latDeg + " is outside [-90, 90] (latitude in degrees)");
        }
        return Double.NaN;
    }

    /** Whether the value is finite; NaN and infinite values are recorded as problems. */
    private static boolean finite(double x, String what, String column, String row, RowProblems problems) {
        if (Double.isNaN(x)) {
            problems.add(column, "whose " + what + " is missing or NaN", row, "the " + what + " is missing or NaN");
            return false;
        }
        if (Double.isInfinite(x)) {
            problems.add(column, "with an infinite " + what, row, x + " is not a finite " + what);
            return false;
        }
        return true;
    }

    /** True if the pair is finite and within [-180, 180] x [-90, 90]. */
    public static boolean isValid(double lonDeg, double latDeg) {
        return Double.isFinite(lonDeg) && Double.isFinite(latDeg) && lonDeg >= -180 && lonDeg <= 180
                && latDeg >= -90 && latDeg <= 90;
    }

    /** Wraps any finite longitude into [-180, 180). */
    public static double wrapLongitude(double lonDeg) {
        double w = ((lonDeg + 180) % 360 + 360) % 360 - 180;
        return w == 180 ? -180 : w;
    }
}
