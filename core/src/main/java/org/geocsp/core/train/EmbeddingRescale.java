package org.geocsp.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.geocsp.core.data.GeoDataset;
import org.geocsp.core.model.GeoModel;
import org.geocsp.core.model.ModelSpec;
import org.geocsp.core.nn.Activation;
import org.geocsp.core.nn.FeedForwardStack;
import org.geocsp.core.nn.LocationStack;
import org.geocsp.core.nn.ResidualStack;
import org.geocsp.core.nn.SirenStack;
import org.geocsp.core.runtime.GeoRuntime;
import org.geocsp.core.runtime.GradMode;
import org.geocsp.core.runtime.TrainingLock;

/**
 * Rescales a pre-trained location encoder so that its mean embedding norm over the training
 * locations equals that of an untrained encoder of the same spec and seed (setting
 * {@link PretrainParams#EMBEDDING_RESCALE}).
 *
 * <p>Why: the contrastive losses only see the direction of the location embedding, and its norm
 * drifts during pre-training (about 3× that of an untrained encoder after 30 epochs with the
 * reference settings). Fine-tuning puts a new class head on that embedding: three times larger
 * logits and a three times larger effective learning rate at the start, which spoils the first
 * epochs. Scaling the embedding back to the untrained norm leaves everything pre-training learnt
 * (the retrieval scores use cosines) and gives the head the start it would have on an untrained
 * encoder.
 *
 * <p>Exactness: the output is multiplied by c by scaling only tensors that act linearly on it:
 * <ul>
 *   <li>FFN (CSP): the last layer's weight and bias, exact when its activation is positively
 *       homogeneous (relu, leakyrelu: act(c·z) = c·act(z) for c &gt; 0); gelu, tanh and sigmoid
 *       are not, and the stack is left as it is (tanh and sigmoid outputs are bounded anyway);</li>
 *   <li>residual (wrap): the input layer's weight and bias and every block's two biases; with a
 *       positively homogeneous activation every block then maps c·x to c·(its output);</li>
 *   <li>SIREN (spherical harmonics): the last (linear) layer's weight and bias, always exact.</li>
 * </ul>
 *
 * <p>Optimiser moments: the handed-over Adam moments of a scaled tensor are scaled with it, the
 * first by c and the second by c² (the moments keep their size relative to the tensor). Adam's
 * step m/√v is unchanged by any such common factor; what the factor sets is how fast the
 * fine-tuning gradients take over from the history, i.e. the effective step size of the rescaled
 * tensors in the first fine-tuning epochs. On a validation split of the GeoNames pool (default
 * pipeline, 5% country labels, 3 seeds) m·c, v·c² fine-tuned best: 86.8% top-1, against 86.0%
 * with the moments left as they are and 83.3% with m/c, v/c² (the scaling of the gradient of a
 * scale-invariant loss, which shrinks those steps by c² and nearly freezes the output layer).
 */
public final class EmbeddingRescale {

    /** Metadata of the pre-trained model: the untrained encoder's mean embedding norm (the target). */
    public static final String UNTRAINED_NORM = "pretrain.embedding_norm_untrained";
    /** Metadata: the pre-trained encoder's mean embedding norm before the rescale. */
    public static final String TRAINED_NORM = "pretrain.embedding_norm_trained";
    /** Metadata: the factor applied (1 when nothing was scaled) or why the stack was left as it is. */
    public static final String FACTOR = "pretrain.embedding_scale";

    private static final int CHUNK = 4096;

    private EmbeddingRescale() {
    }

    /**
     * The reference names of the tensors whose multiplication by c multiplies the embedding by c
     * exactly, or an empty list when the stack has none (an FFN or residual stack with an activation
     * that is not positively homogeneous).
     */
    public static List<String> scaledTensors(GeoModel model) {
        LocationStack stack = model.network().locationEncoder().stack();
        Map<String, Parameter> names = model.network().referenceParameters();
        List<Parameter> scaled = new ArrayList<>();
        if (stack instanceof FeedForwardStack f) {
            if (homogeneous(stack.spec().activation())) {
                FeedForwardStack.Layer last = f.layers().get(f.layers().size() - 1);
                scaled.add(last.linear().weight());
                scaled.add(last.linear().bias());
            }
        } else if (stack instanceof ResidualStack r) {
            if (homogeneous(stack.spec().activation())) {
                scaled.add(r.inputLayer().weight());
                scaled.add(r.inputLayer().bias());
                for (ResidualStack.ResBlock b : r.blocks()) {
                    scaled.add(b.w1().bias());
                    scaled.add(b.w2().bias());
                }
            }
        } else if (stack instanceof SirenStack s) {
            scaled.add(s.lastLayer().weight());
            scaled.add(s.lastLayer().bias());
        }
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Parameter> e : names.entrySet()) {
            if (scaled.stream().anyMatch(p -> p == e.getValue())) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    /** Whether act(c·z) = c·act(z) for every c &gt; 0. */
    static boolean homogeneous(Activation a) {
        return a == Activation.RELU || a == Activation.LEAKYRELU;
    }

    /**
     * The factor that brings a mean norm to the target: target / current, or 1 when either is not
     * a positive finite number (nothing to scale to).
     */
    public static double factor(double target, double current) {
        if (!(target > 0) || !(current > 0) || !Double.isFinite(target) || !Double.isFinite(current)) {
            return 1;
        }
        return target / current;
    }

    /**
     * The mean L2 norm of the model's embeddings (eval mode: no dropout) of the dataset's locations.
     */
    public static double meanNorm(GeoModel model, GeoDataset rows) {
        double[] lon = rows.lonDegArray();
        double[] lat = rows.latDegArray();
        int n = lon.length;
        if (n == 0) {
            return Double.NaN;
        }
        double sum = 0;
        try (NDManager m = GeoRuntime.manager(model.device())) {
            for (int from = 0; from < n; from += CHUNK) {
                int to = Math.min(n, from + CHUNK);
                double[] flat = new double[2 * (to - from)];
                for (int i = from; i < to; i++) {
                    flat[2 * (i - from)] = lon[i];
                    flat[2 * (i - from) + 1] = lat[i];
                }
                try (NDManager step = m.newSubManager()) {
                    NDArray e = model.embed(step.create(flat).reshape(to - from, 2));
                    sum += e.norm(new int[] {1}).toType(ai.djl.ndarray.types.DataType.FLOAT64, false).sum()
                            .getDouble();
                }
            }
        }
        return sum / n;
    }

    /**
     * The mean embedding norm of an untrained encoder of the spec and seed (the encoder a new run
     * with that seed starts from, its position encoder fitted to the rows as pre-training does)
     * over the rows.
     */
    public static double untrainedNorm(ModelSpec spec, long seed, GeoDataset rows) {
        try (GeoModel fresh = GeoModel.create(spec, seed)) {
            fresh.network().locationEncoder().positionEncoder().fitToData(rows.lonDegArray(), rows.latDegArray(),
                    seed);
            return meanNorm(fresh, rows);
        }
    }

    /**
     * Multiplies the scaled tensors ({@link #scaledTensors}) by c in place and their handed-over
     * optimiser moments too (first by c, second by c²); other tensors and moments are unchanged.
     *
     * @return the names of the scaled tensors (empty when the stack has none)
     */
    public static List<String> apply(GeoModel model, double c) {
        if (!(c > 0) || !Double.isFinite(c)) {
            throw new IllegalArgumentException("the embedding scale must be positive and finite, got " + c);
        }
        List<String> names = scaledTensors(model);
        Map<String, Parameter> params = model.network().referenceParameters();
        // in place on leaves that require gradients: with autograd off, and not while another
        // thread's training step (DJL's gradient collector is JVM-wide) is running
        try {
            TrainingLock.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrainingCancelledException("interrupted before rescaling the embedding");
        }
        try (GradMode g = GradMode.disabled()) {
            for (String name : names) {
                params.get(name).getArray().muli((float) c);
            }
        } finally {
            TrainingLock.release();
        }
        Map<String, NDArray> state = model.optimizerState();
        if (!state.isEmpty() && !names.isEmpty()) {
            Map<String, NDArray> moved = new LinkedHashMap<>();
            try (NDManager tmp = model.manager().newSubManager()) {
                for (Map.Entry<String, NDArray> e : state.entrySet()) {
                    String key = e.getKey();
                    NDArray a = e.getValue();
                    String name = key.substring(2);
                    if (names.contains(name) && key.startsWith("m/")) {
                        a = a.mul((float) c);
                        a.attach(tmp);
                    } else if (names.contains(name) && key.startsWith("v/")) {
                        a = a.mul((float) (c * c));
                        a.attach(tmp);
                    }
                    moved.put(key, a);
                }
                model.setOptimizerState(moved); // copies
            }
        }
        return names;
    }

    /**
     * Rescales a pre-trained model to the target norm over the rows and records the norms and the
     * factor in its metadata.
     *
     * @return a one-line account for the run's messages
     */
    public static String rescale(GeoModel model, double target, GeoDataset rows) {
        List<String> names = scaledTensors(model);
        if (names.isEmpty()) {
            String why = "not rescaled: the last activation " + model.spec().stack().activation().referenceName()
                    + " of the " + model.spec().stack().kind().name().toLowerCase(Locale.ROOT)
                    + " stack is not positively homogeneous";
            model.setSpec(model.spec().withMetadata(UNTRAINED_NORM, format(target)).withMetadata(FACTOR, why));
            return "embedding " + why;
        }
        double now = meanNorm(model, rows);
        double c = factor(target, now);
        if (c != 1) {
            apply(model, c);
        }
        model.setSpec(model.spec().withMetadata(UNTRAINED_NORM, format(target))
                .withMetadata(TRAINED_NORM, format(now)).withMetadata(FACTOR, format(c)));
        return String.format(Locale.ROOT,
                "embedding rescaled by %.4f: mean norm %.3f over the %d training locations to the untrained encoder's %.3f",
                c, now, rows.size(), target);
    }

    private static String format(double v) {
        return Double.toString(v);
    }
}
