package org.geocsp.core.predict;

import java.util.Arrays;

/**
 * A scalar field on a regular longitude/latitude grid, e.g. P(class | location) evaluated at cell
 * centres, ready to be drawn by {@link MapRenderer}.
 *
 * <p>{@code width} x {@code height} cells in row-major order, north row first, west column first.
 * Cell (i, j) is centred at lon = -180 + (j + 0.5) * 360 / width and
 * lat = 90 - (i + 0.5) * 180 / height (degrees). NaN marks a cell without a value.
 */
public final class GridField {

    private final int width;
    private final int height;
    private final double[] values;

    /**
     * @param width number of columns (longitude cells), at least 1
     * @param height number of rows (latitude cells), at least 1
     * @param values width * height values, row-major, north row first; copied
     */
    public GridField(int width, int height, double[] values) {
        checkSize(width, height);
        if (values == null || values.length != (long) width * height) {
            throw new IllegalArgumentException("grid field of " + width + " x " + height + " cells needs "
                + (long) width * height + " values, got " + (values == null ? "none" : values.length));
        }
        this.width = width;
        this.height = height;
        this.values = values.clone();
    }

    /** Same as the constructor, from float scores (as a model returns them). */
    public static GridField ofFloats(int width, int height, float[] values) {
        double[] d = new double[values.length];
        for (int k = 0; k < d.length; k++) {
            d[k] = values[k];
        }
        return new GridField(width, height, d);
    }

    /** Number of columns (longitude cells). */
    public int width() {
        return width;
    }

    /** Number of rows (latitude cells). */
    public int height() {
        return height;
    }

    /** Value of the cell in row {@code row} (0 = north) and column {@code col} (0 = west). */
    public double value(int row, int col) {
        return values[row * width + col];
    }

    /** A copy of all values, row-major, north row first. */
    public double[] values() {
        return values.clone();
    }

    /** Smallest and largest finite value, or null when no value is finite. */
    double[] finiteRange() {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return lo <= hi ? new double[] {lo, hi} : null;
    }

    /** Whether any cell is NaN (or infinite): such cells are drawn as "no data". */
    public boolean hasMissing() {
        return Arrays.stream(values).anyMatch(v -> !Double.isFinite(v));
    }

    /** Longitude in degrees of the centre of column {@code col} in a grid {@code width} cells wide. */
    public static double centreLon(int col, int width) {
        return -180.0 + (col + 0.5) * 360.0 / width;
    }

    /** Latitude in degrees of the centre of row {@code row} (0 = north) in a grid {@code height} cells high. */
    public static double centreLat(int row, int height) {
        return 90.0 - (row + 0.5) * 180.0 / height;
    }

    /**
     * Centres of all cells of a {@code width} x {@code height} grid in the field's order (row-major,
     * north row first), so that a caller can evaluate a model on them in batches and pass the
     * results straight to the constructor.
     */
    public static CellCentres cellCentres(int width, int height) {
        checkSize(width, height);
        int n = width * height;
        double[] lon = new double[n];
        double[] lat = new double[n];
        for (int i = 0; i < height; i++) {
            double la = centreLat(i, height);
            for (int j = 0; j < width; j++) {
                lon[i * width + j] = centreLon(j, width);
                lat[i * width + j] = la;
            }
        }
        return new CellCentres(lon, lat);
    }

    private static void checkSize(int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("grid size must be at least 1 x 1, got " + width + " x " + height);
        }
        if ((long) width * height > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("grid of " + width + " x " + height + " cells is too large");
        }
    }

    /**
     * Cell centres in degrees, one entry per cell in the field's order.
     *
     * @param lonDeg longitudes in degrees
     * @param latDeg latitudes in degrees
     */
    public record CellCentres(double[] lonDeg, double[] latDeg) {

        /** Number of cells. */
        public int size() {
            return lonDeg.length;
        }

        /**
         * Cells {@code from} (inclusive) to {@code to} (exclusive) as interleaved (lon, lat) pairs,
         * i.e. a row-major (to - from, 2) batch for a location encoder.
         */
        public double[] lonLatPairs(int from, int to) {
            if (from < 0 || to > lonDeg.length || from > to) {
                throw new IndexOutOfBoundsException("cells " + from + ".." + to + " of " + lonDeg.length);
            }
            double[] out = new double[2 * (to - from)];
            for (int k = from; k < to; k++) {
                out[2 * (k - from)] = lonDeg[k];
                out[2 * (k - from) + 1] = latDeg[k];
            }
            return out;
        }
    }
}
