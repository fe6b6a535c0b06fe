package org.geocsp.core.eval;

/**
 * Temperature scaling (Guo et al., ICML 2017): the factor β = 1/T on a classifier's logits that
 * minimises the mean negative log-likelihood on held-out rows. A classifier trained on few rows
 * is over-confident; scaling calibrates its probabilities without changing its argmax.
 */
public final class TemperatureFit {

    /** The range searched for β = 1/T. */
    public static final double MIN_BETA = 0.01;
    public static final double MAX_BETA = 20;

    private TemperatureFit() {}

    /**
     * The β in [{@link #MIN_BETA}, {@link #MAX_BETA}] minimising the mean NLL of softmax(β·z) at the
     * labels. The NLL is convex in β (log-sum-exp of a linear function minus a linear term), so a
     * golden-section search finds the minimum.
     */
    public static double beta(float[][] logits, int[] labels) {
        if (logits.length == 0 || logits.length != labels.length) {
            throw new IllegalArgumentException("temperature fit: " + logits.length + " rows of logits, "
                    + labels.length + " labels");
        }
        double lo = MIN_BETA;
        double hi = MAX_BETA;
        double g = (Math.sqrt(5) - 1) / 2;
        double a = hi - g * (hi - lo);
        double b = lo + g * (hi - lo);
        double fa = nll(logits, labels, a);
        double fb = nll(logits, labels, b);
        for (int i = 0; i < 60 && hi - lo > 1e-6; i++) {
            if (fa <= fb) {
                hi = b;
                b = a;
                fb = fa;
                a = hi - g * (hi - lo);
                fa = nll(logits, labels, a);
            } else {
                lo = a;
                a = b;
                fa = fb;
                b = lo + g * (hi - lo);
                fb = nll(logits, labels, b);
            }
        }
        return (lo + hi) / 2;
    }

    /** Mean negative log-likelihood of softmax(β·z) at the labels. */
    public static double nll(float[][] logits, int[] labels, double beta) {
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            float[] z = logits[i];
            double max = Double.NEGATIVE_INFINITY;
            for (float v : z) {
                max = Math.max(max, beta * v);
            }
            double s = 0;
            for (float v : z) {
                s += Math.exp(beta * v - max);
            }
            sum += max + Math.log(s) - beta * z[labels[i]];
        }
        return sum / logits.length;
    }
}
