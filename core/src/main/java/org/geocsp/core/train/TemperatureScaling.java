package org.geocsp.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.SplittableRandom;
import org.geocsp.core.data.BatchAssembler;
import org.geocsp.core.data.GeoDataset;
import org.geocsp.core.eval.TemperatureFit;
import org.geocsp.core.model.GeoModel;
import org.geocsp.core.nn.ImageClassifier;
import org.geocsp.core.runtime.GradMode;

/**
 * Temperature scaling (Guo et al., ICML 2017) of the image classifier learned by fine-tuning: one
 * factor β = 1/T on its logits, fitted on held-out rows by minimising the mean negative
 * log-likelihood. A classifier trained to convergence on few rows is over-confident, and CSP's
 * product rule p_img ⊙ p_loc then lets it override the location; scaling does not change its
 * own argmax ({@link TemperatureFit}). β is folded into the stored weights (A/T, b/T), so the model file format is
 * unchanged.
 */
final class TemperatureScaling {

    /** At most this many logits (rows × classes) are held for the fit; rows are subsampled beyond. */
    static final long MAX_LOGITS = 8_000_000L;

    private TemperatureScaling() {}

    /**
     * Fits β on the validation rows (a seeded subsample if they are many) and folds it into the
     * model's image classifier.
     *
     * @return the temperature T = 1/β
     */
    static double calibrate(GeoModel model, GeoDataset validation, int batchSize, long seed) {
        ImageClassifier cls = model.network().imageClassifier();
        int classes = cls.numClasses();
        int n = validation.size();
        int keep = (int) Math.max(1, Math.min(n, MAX_LOGITS / classes));
        int[] rows = sample(n, keep, seed);
        float[][] logits = new float[rows.length][];
        int[] labels = new int[rows.length];
        BatchAssembler assembler = new BatchAssembler(validation, batchSize, true, true, BatchAssembler.Mode.COPY);
        try (GradMode g = GradMode.disabled(); NDManager call = model.manager().newSubManager()) {
            ParameterStore ps = new ParameterStore(call, false);
            for (int from = 0; from < rows.length; from += batchSize) {
                int to = Math.min(rows.length, from + batchSize);
                try (NDManager step = call.newSubManager()) {
                    BatchAssembler.Batch batch = assembler.assemble(rows, from, to, step);
                    float[] z = model.network().imageClassLogits(ps, batch.embeddings(), false).toFloatArray();
                    long[] y = batch.labels().toLongArray();
                    for (int i = 0; i < to - from; i++) {
                        logits[from + i] = java.util.Arrays.copyOfRange(z, i * classes, (i + 1) * classes);
                        labels[from + i] = (int) y[i];
                    }
                }
            }
        }
        double beta = TemperatureFit.beta(logits, labels);
        scale(cls, (float) beta);
        return 1 / beta;
    }

    /** In place, without autograd (the parameters are leaves that require a gradient). */
    private static void scale(ImageClassifier cls, float beta) {
        try (GradMode g = GradMode.disabled()) {
            for (ai.djl.nn.Parameter p : new ai.djl.nn.Parameter[] {cls.linear().weight(), cls.linear().bias()}) {
                NDArray a = p.getArray();
                a.muli(beta);
            }
        }
    }

    /** {@code k} of {@code n} row indices, seeded, in increasing order (all of them when k = n). */
    private static int[] sample(int n, int k, long seed) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        if (k >= n) {
            return all;
        }
        SplittableRandom r = new SplittableRandom(seed ^ 0x7E3A9C1DL);
        for (int i = 0; i < k; i++) {
            int j = i + r.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] out = java.util.Arrays.copyOf(all, k);
        java.util.Arrays.sort(out);
        return out;
    }
}
