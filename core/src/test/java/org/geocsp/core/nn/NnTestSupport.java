package org.geocsp.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.SplittableRandom;

/** Helpers for the stack tests: plain-Java reference maths on parameter values. */
final class NnTestSupport {

    private NnTestSupport() {}

    static <B extends LocationStack> B init(B stack, NDManager m, long seed) {
        SeededInitializer.seedAll(stack, seed);
        stack.initialize(m, DataType.FLOAT32, new Shape(1, stack.inputDim()));
        return stack;
    }

    static NDArray randomInput(NDManager m, int rows, int cols, long seed, double scale) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((2 * r.nextDouble() - 1) * scale);
        }
        return m.create(v, new Shape(rows, cols));
    }

    static NDArray run(LocationStack stack, NDManager m, NDArray x, boolean training) {
        return stack.forward(new ParameterStore(m, false), new NDList(x), training).head();
    }

    static float[] values(Parameter p) {
        return p.getArray().toFloatArray();
    }

    static void set(Parameter p, float[] v) {
        p.getArray().set(java.nio.FloatBuffer.wrap(v));
    }

    /** Fills a parameter with U(lo, hi) values from a seed. */
    static void randomize(Parameter p, long seed, double lo, double hi) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[(int) p.getArray().size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (lo + (hi - lo) * r.nextDouble());
        }
        set(p, v);
    }

    static double[][] rows(NDArray a) {
        long n = a.getShape().get(0);
        int c = (int) a.getShape().get(1);
        double[] flat = a.toType(DataType.FLOAT64, false).toDoubleArray();
        double[][] out = new double[(int) n][c];
        for (int i = 0; i < n; i++) {
            System.arraycopy(flat, i * c, out[i], 0, c);
        }
        return out;
    }

    /** x·Wᵀ + b for W (out, in) stored row-major; b may be null. */
    static double[][] linear(double[][] x, LinearLayer l) {
        float[] w = values(l.weight());
        float[] b = l.bias() == null ? null : values(l.bias());
        int in = l.inputDim();
        int out = l.outputDim();
        double[][] y = new double[x.length][out];
        for (int i = 0; i < x.length; i++) {
            for (int o = 0; o < out; o++) {
                double s = b == null ? 0 : b[o];
                for (int k = 0; k < in; k++) {
                    s += x[i][k] * w[o * in + k];
                }
                y[i][o] = s;
            }
        }
        return y;
    }

    static double[][] map(double[][] x, java.util.function.DoubleUnaryOperator f) {
        double[][] y = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            y[i] = java.util.Arrays.stream(x[i]).map(f).toArray();
        }
        return y;
    }

    static double[][] add(double[][] a, double[][] b) {
        double[][] y = new double[a.length][a[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                y[i][j] = a[i][j] + b[i][j];
            }
        }
        return y;
    }

    /** LayerNorm over each row with biased variance, eps 1e-5. */
    static double[][] layerNorm(double[][] x, LayerNormLayer ln) {
        float[] g = values(ln.gamma());
        float[] b = values(ln.beta());
        double[][] y = new double[x.length][x[0].length];
        for (int i = 0; i < x.length; i++) {
            double mean = 0;
            for (double v : x[i]) {
                mean += v;
            }
            mean /= x[i].length;
            double var = 0;
            for (double v : x[i]) {
                var += (v - mean) * (v - mean);
            }
            var /= x[i].length;
            for (int j = 0; j < x[i].length; j++) {
                y[i][j] = (x[i][j] - mean) / Math.sqrt(var + 1e-5) * g[j] + b[j];
            }
        }
        return y;
    }

    static double leaky(double v) {
        return v >= 0 ? v : 0.2 * v;
    }

    static double maxAbsDiff(double[][] a, double[][] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                m = Math.max(m, Math.abs(a[i][j] - b[i][j]));
            }
        }
        return m;
    }
}
