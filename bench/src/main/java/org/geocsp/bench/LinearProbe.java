package org.geocsp.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A linear probe: multinomial logistic regression on fixed feature vectors, trained in plain Java
 * with mini-batch AdamW (no DJL, so it needs no engine and no training lock). Features are
 * standardised per dimension with the training mean and standard deviation first. It measures how
 * much label information an embedding carries linearly; it is not meant for large problems.
 */
public final class LinearProbe {

    /**
     * Training settings.
     *
     * @param epochs passes over the training rows
     * @param batchSize rows per step
     * @param learningRate AdamW step size
     * @param weightDecay decoupled weight decay (AdamW)
     * @param seed shuffling seed
     */
    public record Settings(int epochs, int batchSize, double learningRate, double weightDecay, long seed) {
        public static final Settings DEFAULT = new Settings(8, 256, 1e-3, 1e-4, 1L);

        public Settings {
            List<String> problems = new ArrayList<>();
            if (epochs < 1) {
                problems.add("setting 'epochs' must be at least 1, was " + epochs);
            }
            if (batchSize < 1) {
                problems.add("setting 'batch size' must be at least 1, was " + batchSize);
            }
            if (!(learningRate > 0)) {
                problems.add("setting 'learning rate' must be positive, was " + learningRate);
            }
            if (!(weightDecay >= 0)) {
                problems.add("setting 'weight decay' must be at least 0, was " + weightDecay);
            }
            if (!problems.isEmpty()) {
                throw new org.geocsp.core.io.InvalidInputException(problems);
            }
        }

        public Settings withEpochs(int newEpochs) {
            return new Settings(newEpochs, batchSize, learningRate, weightDecay, seed);
        }
    }

    private final int dim;
    private final int classes;
    private final float[] mean;
    private final float[] invStd;
    /** Weights transposed, row-major (dim × classes): the inner loops run over classes contiguously. */
    private final float[] weightsT;
    private final float[] bias;

    private LinearProbe(int dim, int classes, float[] mean, float[] invStd, float[] weightsT, float[] bias) {
        this.dim = dim;
        this.classes = classes;
        this.mean = mean;
        this.invStd = invStd;
        this.weightsT = weightsT;
        this.bias = bias;
    }

    /**
     * Trains on {@code x[rows[i]]} with class {@code y[rows[i]]} in [0, classes).
     *
     * @param x feature vectors, all of the same length
     * @param y class index per row of {@code x}
     * @param rows the training rows
     */
    public static LinearProbe train(float[][] x, int[] y, int[] rows, int classes, Settings s) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("linear probe: no training rows");
        }
        int dim = x[rows[0]].length;
        // Per-dimension standardisation from the training rows.
        double[] sum = new double[dim];
        double[] sumSq = new double[dim];
        for (int r : rows) {
            float[] v = x[r];
            if (v.length != dim) {
                throw new IllegalArgumentException("linear probe: row " + r + " has " + v.length + " features, expected " + dim);
            }
            if (y[r] < 0 || y[r] >= classes) {
                throw new IllegalArgumentException("linear probe: row " + r + " has class " + y[r] + " outside [0, " + classes + ")");
            }
            for (int d = 0; d < dim; d++) {
                sum[d] += v[d];
                sumSq[d] += (double) v[d] * v[d];
            }
        }
        float[] mean = new float[dim];
        float[] invStd = new float[dim];
        for (int d = 0; d < dim; d++) {
            double m = sum[d] / rows.length;
            double var = Math.max(0, sumSq[d] / rows.length - m * m);
            mean[d] = (float) m;
            invStd[d] = var > 1e-20 ? (float) (1 / Math.sqrt(var)) : 0f;
        }
        float[] w = new float[dim * classes];
        float[] b = new float[classes];
        LinearProbe probe = new LinearProbe(dim, classes, mean, invStd, w, b);

        float[] gw = new float[w.length];
        float[] gb = new float[classes];
        float[] m1w = new float[w.length];
        float[] m2w = new float[w.length];
        float[] m1b = new float[classes];
        float[] m2b = new float[classes];
        float[] xs = new float[dim];
        float[] z = new float[classes];
        int[] order = rows.clone();
        SplittableRandom random = new SplittableRandom(s.seed());
        double beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
        long step = 0;
        for (int epoch = 0; epoch < s.epochs(); epoch++) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int start = 0; start < order.length; start += s.batchSize()) {
                int end = Math.min(order.length, start + s.batchSize());
                float scale = 1f / (end - start);
                java.util.Arrays.fill(gw, 0f);
                java.util.Arrays.fill(gb, 0f);
                for (int k = start; k < end; k++) {
                    int r = order[k];
                    probe.standardise(x[r], xs);
                    probe.logitsOfStandardised(xs, z);
                    softmaxInPlace(z);
                    z[y[r]] -= 1f;
                    for (int c = 0; c < classes; c++) {
                        z[c] *= scale;
                        gb[c] += z[c];
                    }
                    for (int d = 0; d < dim; d++) {
                        float xd = xs[d];
                        if (xd != 0f) {
                            int off = d * classes;
                            for (int c = 0; c < classes; c++) {
                                gw[off + c] += xd * z[c];
                            }
                        }
                    }
                }
                step++;
                float lr = (float) (s.learningRate() * Math.sqrt(1 - Math.pow(beta2, step)) / (1 - Math.pow(beta1, step)));
                float decay = (float) (1 - s.learningRate() * s.weightDecay());
                adam(w, gw, m1w, m2w, lr, decay, (float) beta1, (float) beta2, (float) eps);
                adam(b, gb, m1b, m2b, lr, 1f, (float) beta1, (float) beta2, (float) eps);
            }
        }
        return probe;
    }

    private static void adam(float[] p, float[] g, float[] m1, float[] m2, float lr, float decay, float b1, float b2, float eps) {
        for (int i = 0; i < p.length; i++) {
            float gi = g[i];
            m1[i] = b1 * m1[i] + (1 - b1) * gi;
            m2[i] = b2 * m2[i] + (1 - b2) * gi * gi;
            p[i] = p[i] * decay - lr * m1[i] / ((float) Math.sqrt(m2[i]) + eps);
        }
    }

    private static void softmaxInPlace(float[] z) {
        float max = Float.NEGATIVE_INFINITY;
        for (float v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int c = 0; c < z.length; c++) {
            z[c] = (float) Math.exp(z[c] - max);
            sum += z[c];
        }
        float inv = (float) (1 / sum);
        for (int c = 0; c < z.length; c++) {
            z[c] *= inv;
        }
    }

    private void standardise(float[] v, float[] out) {
        for (int d = 0; d < dim; d++) {
            out[d] = (v[d] - mean[d]) * invStd[d];
        }
    }

    private void logitsOfStandardised(float[] xs, float[] z) {
        System.arraycopy(bias, 0, z, 0, classes);
        for (int d = 0; d < dim; d++) {
            float xd = xs[d];
            if (xd != 0f) {
                int off = d * classes;
                for (int c = 0; c < classes; c++) {
                    z[c] += xd * weightsT[off + c];
                }
            }
        }
    }

    public int classes() {
        return classes;
    }

    /** Class scores (logits) of one feature vector. */
    public float[] logits(float[] v) {
        if (v.length != dim) {
            throw new IllegalArgumentException("linear probe: vector has " + v.length + " features, expected " + dim);
        }
        float[] xs = new float[dim];
        float[] z = new float[classes];
        standardise(v, xs);
        logitsOfStandardised(xs, z);
        return z;
    }

    /** The class with the highest score (lowest index on ties). */
    public int predict(float[] v) {
        return argmax(logits(v));
    }

    /** Share of {@code rows} whose prediction equals {@code y}. */
    public double accuracy(float[][] x, int[] y, int[] rows) {
        if (rows.length == 0) {
            return Double.NaN;
        }
        int hit = 0;
        for (int r : rows) {
            if (predict(x[r]) == y[r]) {
                hit++;
            }
        }
        return (double) hit / rows.length;
    }

    static int argmax(float[] z) {
        int best = 0;
        for (int c = 1; c < z.length; c++) {
            if (z[c] > z[best]) {
                best = c;
            }
        }
        return best;
    }
}
