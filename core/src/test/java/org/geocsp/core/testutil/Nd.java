package org.geocsp.core.testutil;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/** Small conversions between Java arrays and NDArrays for tests. */
public final class Nd {

    private Nd() {}

    public static NDArray matrix(NDManager m, double[][] rows) {
        int c = rows.length == 0 ? 0 : rows[0].length;
        double[] flat = new double[rows.length * c];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * c, c);
        }
        return m.create(flat).reshape(rows.length, c);
    }

    public static double[][] toMatrix(NDArray a) {
        NDArray d = a.toType(DataType.FLOAT64, false);
        long rows = a.getShape().get(0);
        int cols = (int) (a.getShape().size() / Math.max(rows, 1));
        double[] flat = d.toDoubleArray();
        double[][] out = new double[(int) rows][cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(flat, i * cols, out[i], 0, cols);
        }
        return out;
    }
}
