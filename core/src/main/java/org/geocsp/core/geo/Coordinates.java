package org.geocsp.core.geo;

import org.geocsp.core.io.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Validation of (longitude, latitude) pairs in degrees, the convention at every public
 * boundary of GeoCSP. Nothing is clamped silently: a value is either valid, wrapped under an
 * explicit {@link LongitudePolicy#WRAP}, or reported with its row.
 */
public final class Coordinates {

    /** How many example rows a message quotes per kind of problem. */
    private static final int EXAMPLES = 3;

    private Coordinates() {}

    /**
     * Checks the columns and returns the longitudes to use (a copy, wrapped if the policy says
     * so; the caller's array is never modified).
     *
     * @param lonColumn the name of the longitude column, for messages
     * @param latColumn the name of the latitude column, for messages
     * @param firstRow the 1-based row number of element 0, for messages
     * @throws InvalidInputException naming every kind of problem with counts and example rows
     */
    public static double[] validate(double[] lonDeg, double[] latDeg, String lonColumn, String latColumn,
            long firstRow, LongitudePolicy policy) {
        if (lonDeg.length != latDeg.length) {
            throw new InvalidInputException("columns '" + lonColumn + "' and '" + latColumn
                    + "' have different lengths (" + lonDeg.length + " and " + latDeg.length + ")");
        }
        Problems lonMissing = new Problems(lonColumn, "that is missing, NaN or infinite");
        Problems lonRange = new Problems(lonColumn, "outside [-180, 180] (longitude in degrees)");
        Problems latMissing = new Problems(latColumn, "that is missing, NaN or infinite");
        Problems latRange = new Problems(latColumn, "outside [-90, 90] (latitude in degrees)");
        double[] out = lonDeg.clone();
        for (int i = 0; i < lonDeg.length; i++) {
            long row = firstRow + i;
            double lon = lonDeg[i];
            double lat = latDeg[i];
            if (!Double.isFinite(lon)) {
                lonMissing.add(row, lon);
            } else if (lon < -180 || lon > 180) {
                if (policy == LongitudePolicy.WRAP) {
                    out[i] = wrapLongitude(lon);
                } else {
                    lonRange.add(row, lon);
                }
            }
            if (!Double.isFinite(lat)) {
                latMissing.add(row, lat);
            } else if (lat < -90 || lat > 90) {
                latRange.add(row, lat);
            }
        }
        List<String> problems = new ArrayList<>();
        for (Problems p : List.of(lonMissing, lonRange, latMissing, latRange)) {
            p.describe(problems);
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return out;
    }

    /** Checks one pair; the message names the row. */
    public static void validate(double lonDeg, double latDeg, long row) {
        validate(new double[] {lonDeg}, new double[] {latDeg}, "longitude", "latitude", row,
                LongitudePolicy.REJECT);
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

    private static final class Problems {
        final String column;
        final String what;
        long count;
        final List<String> examples = new ArrayList<>();

        Problems(String column, String what) {
            this.column = column;
            this.what = what;
        }

        void add(long row, double value) {
            count++;
            if (examples.size() < EXAMPLES) {
                examples.add(String.format(Locale.ROOT, "row %d: %s", row,
                        Double.isNaN(value) ? "missing/NaN" : Double.toString(value)));
            }
        }

        void describe(List<String> out) {
            if (count == 0) {
                return;
            }
            out.add(String.format(Locale.ROOT, "column '%s' has %d row%s with a value %s, e.g. %s", column, count,
                    count == 1 ? "" : "s", what, String.join(", ", examples)));
        }
    }
}
