package org.geocsp.core.table;

import org.geocsp.core.io.RowProblems;

/**
 * Reads a per-row vector (an image embedding, image class probabilities) from a row, the same
 * rule for every command and node: every cell missing means the row has no vector; only some
 * missing is a problem (give all or none); a value that is not a number, or not a finite float32
 * number after the cast (e.g. {@code 1e39}), is a problem naming its column; a width other than the
 * expected one is a problem.
 */
public final class VectorCells {

    /** Returned when every cell of the vector is missing. */
    public static final float[] MISSING = new float[0];

    private VectorCells() {}

    /**
     * The row's vector.
     *
     * @param width the expected width, or -1 when not known (then any width is accepted)
     * @param what what a value is, for messages ("image-embedding value", "image probability")
     * @param row the row label ({@link RowProblems#rowLabel})
     * @return the float32 values; {@link #MISSING} if every cell is missing; null after a problem
     *     (recorded in {@code problems})
     */
    public static float[] read(RowCells cells, EmbeddingSource src, int width, String what, String row,
            RowProblems problems) {
        float[] v;
        if (src.packed()) {
            int col = src.columns()[0];
            if (cells.isMissing(col)) {
                return MISSING;
            }
            double[] d;
            try {
                d = cells.vector(col);
            } catch (CellException e) {
                problems.add(src.columnNames().get(0), "that are not lists of numbers", row, e.getMessage());
                return null;
            }
            v = new float[d.length];
            for (int k = 0; k < d.length; k++) {
                v[k] = CellRules.toFloat32(d[k]);
                if (!Float.isFinite(v[k])) {
                    problems.add(src.columnNames().get(0), "with a value that is not a finite float32 number", row,
                            "value " + (k + 1) + " of the list, " + d[k] + ", " + notFinite(d[k]));
                    return null;
                }
            }
        } else {
            int[] cols = src.columns();
            int missing = 0;
            for (int c : cols) {
                if (cells.isMissing(c)) {
                    missing++;
                }
            }
            if (missing == cols.length) {
                return MISSING;
            }
            if (missing > 0) {
                problems.add(null, "with some " + what + " cells empty", row, "some " + what + " cells are empty ("
                        + missing + " of the " + cols.length + ", " + src.describe() + "); give all or none");
                return null;
            }
            v = new float[cols.length];
            for (int k = 0; k < cols.length; k++) {
                double x;
                try {
                    x = cells.number(cols[k]);
                } catch (CellException e) {
                    problems.add(src.columnNames().get(k), "with " + what + "s that are not numbers", row, e.getMessage());
                    return null;
                }
                v[k] = CellRules.toFloat32(x);
                if (!Float.isFinite(v[k])) {
                    problems.add(src.columnNames().get(k), "with " + what + "s that are not finite float32 numbers", row,
                            x + " " + notFinite(x));
                    return null;
                }
            }
        }
        if (width > 0 && v.length != width) {
            problems.add(src.packed() ? src.columnNames().get(0) : null, "with another number of " + what + "s than "
                    + width, row, "the " + what + "s have " + v.length + " values, expected " + width);
            return null;
        }
        return v;
    }

    private static String notFinite(double x) {
        return Double.isFinite(x) ? "is too large for a float32 number (at most about 3.4e38 in magnitude)"
                : "is not a finite number";
    }
}
