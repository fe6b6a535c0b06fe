package org.geocsp.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adam, or AdamW with decoupled weight decay, over named DJL parameters, using PyTorch's fused
 * update. Unlike DJL's optimizers its state (first and second moments and the step count) is
 * accessible, so checkpoints can save it and a resumed run continues bit-identically.
 * Parameters that do not require a gradient (frozen) are skipped. The update zeroes the gradients.
 */
public final class AdamOptimizer implements AutoCloseable {

    /**
     * @param decoupled AdamW (true) or Adam with L2 weight decay (false)
     * @param weightDecay decay factor (0 = none)
     * @param beta1 first-moment decay (0.9)
     * @param beta2 second-moment decay (0.999)
     * @param epsilon denominator guard (1e-8)
     */
    public record Settings(boolean decoupled, double weightDecay, double beta1, double beta2, double epsilon) {
        public Settings {
            if (weightDecay < 0 || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(epsilon > 0)) {
                throw new IllegalArgumentException("Adam settings out of range: weight decay >= 0, betas in [0, 1), epsilon > 0");
            }
        }

        public static Settings adam(double weightDecay) {
            return new Settings(false, weightDecay, 0.9, 0.999, 1e-8);
        }

        public static Settings adamW(double weightDecay) {
            return new Settings(true, weightDecay, 0.9, 0.999, 1e-8);
        }
    }

    private final Settings settings;
    private final NDManager manager;
    private final Map<String, NDArray> means = new LinkedHashMap<>();
    private final Map<String, NDArray> variances = new LinkedHashMap<>();
    private long step;

    /** @param parent manager on the parameters' device; the state lives in a sub-manager of it */
    public AdamOptimizer(Settings settings, NDManager parent) {
        this.settings = settings;
        this.manager = parent.newSubManager();
    }

    /** Number of updates applied so far. */
    public long step() {
        return step;
    }

    /**
     * Applies one update to every parameter that requires a gradient and has one.
     *
     * @param params parameters by a stable name
     * @param learningRate the rate for this step
     */
    public void update(Map<String, Parameter> params, double learningRate) {
        step++;
        double coef1 = 1.0 - Math.pow(settings.beta1(), step);
        double coef2 = 1.0 - Math.pow(settings.beta2(), step);
        float lrCorrected = (float) (learningRate * Math.sqrt(coef2) / coef1);
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            Parameter p = e.getValue();
            if (!p.requiresGradient() || !p.isInitialized()) {
                continue;
            }
            NDArray w = p.getArray();
            if (!w.hasGradient()) {
                continue;
            }
            NDArray grad = w.getGradient();
            try {
                NDArray m = means.computeIfAbsent(e.getKey(), k -> zerosLike(w));
                NDArray v = variances.computeIfAbsent(e.getKey(), k -> zerosLike(w));
                w.getNDArrayInternal().adamUpdate(new NDList(w, grad, m, v), new NDList(w), (float) learningRate,
                        lrCorrected, (float) settings.weightDecay(), 1f, -1f, (float) settings.beta1(),
                        (float) settings.beta2(), (float) settings.epsilon(), true, settings.decoupled());
            } finally {
                grad.close();
            }
        }
    }

    private NDArray zerosLike(NDArray w) {
        return manager.zeros(w.getShape(), w.getDataType(), w.getDevice());
    }

    /** The state as named arrays ({@code m/NAME}, {@code v/NAME}), for checkpoints. */
    public Map<String, NDArray> state() {
        Map<String, NDArray> out = new LinkedHashMap<>();
        means.forEach((k, a) -> out.put("m/" + k, a));
        variances.forEach((k, a) -> out.put("v/" + k, a));
        return out;
    }

    /** Restores a state saved with {@link #state()} and its step count; arrays are copied. */
    public void restore(Map<String, NDArray> state, long stepCount) {
        means.values().forEach(NDArray::close);
        variances.values().forEach(NDArray::close);
        means.clear();
        variances.clear();
        for (Map.Entry<String, NDArray> e : state.entrySet()) {
            NDArray copy = e.getValue().duplicate();
            copy.attach(manager);
            if (e.getKey().startsWith("m/")) {
                means.put(e.getKey().substring(2), copy);
            } else if (e.getKey().startsWith("v/")) {
                variances.put(e.getKey().substring(2), copy);
            } else {
                copy.close();
                throw new IllegalArgumentException("unexpected optimizer state entry '" + e.getKey() + "'");
            }
        }
        this.step = stepCount;
    }

    @Override
    public void close() {
        manager.close();
    }
}
