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
 *
 * <p>As in {@code torch.optim.Adam}, every parameter has its own step count, which starts when it
 * first receives a gradient: a parameter that joins a run later (a new class head on a
 * pre-trained encoder whose moments were carried over, see {@link #carryOver}) gets the usual
 * bias correction of its first steps, while the carried parameters continue their own counts.
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
    private final Map<String, Long> steps = new LinkedHashMap<>();
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
                long t = steps.merge(e.getKey(), 1L, Long::sum);
                double coef1 = 1.0 - Math.pow(settings.beta1(), t);
                double coef2 = 1.0 - Math.pow(settings.beta2(), t);
                float lrCorrected = (float) (learningRate * Math.sqrt(coef2) / coef1);
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

    /** The number of updates a parameter has received (0 if none). */
    public long step(String name) {
        return steps.getOrDefault(name, 0L);
    }

    /**
     * The state as named arrays ({@code m/NAME}, {@code v/NAME} and the per-parameter step count
     * {@code s/NAME}, a float64 scalar of shape (1)), for checkpoints and model files. The
     * arrays belong to the optimizer.
     */
    public Map<String, NDArray> state() {
        Map<String, NDArray> out = new LinkedHashMap<>();
        means.forEach((k, a) -> out.put("m/" + k, a));
        variances.forEach((k, a) -> out.put("v/" + k, a));
        steps.forEach((k, t) -> out.put("s/" + k, manager.create(new double[] {t})));
        return out;
    }

    /**
     * Restores a state saved with {@link #state()} and its step count; arrays are copied. A state
     * without per-parameter counts (checkpoints of older versions) gives every parameter {@code stepCount}.
     */
    public void restore(Map<String, NDArray> state, long stepCount) {
        clear();
        load(state, k -> true, stepCount);
        this.step = stepCount;
    }

    /**
     * Continues the moments of another run (the pre-training of a model that is now fine-tuned,
     * as the CSP reference keeps one Adam across both stages) for the parameters named in
     * {@code keep} whose shapes match; other parameters start fresh. The run's own step count
     * starts at 0.
     *
     * @return the names of the parameters whose moments were carried over
     */
    public java.util.List<String> carryOver(Map<String, NDArray> state, Map<String, Parameter> keep) {
        clear();
        load(state, k -> {
            Parameter p = keep.get(k);
            NDArray m = state.get("m/" + k);
            return p != null && p.isInitialized() && m != null && m.getShape().equals(p.getArray().getShape());
        }, 0);
        step = 0;
        return java.util.List.copyOf(means.keySet());
    }

    private void clear() {
        means.values().forEach(NDArray::close);
        variances.values().forEach(NDArray::close);
        means.clear();
        variances.clear();
        steps.clear();
    }

    private void load(Map<String, NDArray> state, java.util.function.Predicate<String> accept, long defaultStep) {
        for (Map.Entry<String, NDArray> e : state.entrySet()) {
            String key = e.getKey();
            if (key.length() < 2 || key.charAt(1) != '/' || "mvs".indexOf(key.charAt(0)) < 0) {
                throw new IllegalArgumentException("unexpected optimizer state entry '" + key + "'");
            }
            String name = key.substring(2);
            if (!accept.test(name)) {
                continue;
            }
            switch (key.charAt(0)) {
                case 'm', 'v' -> {
                    NDArray copy = e.getValue().duplicate();
                    copy.attach(manager);
                    (key.charAt(0) == 'm' ? means : variances).put(name, copy);
                }
                default -> {
                    NDArray a = e.getValue();
                    double t = a.getDataType() == ai.djl.ndarray.types.DataType.FLOAT64 ? a.toDoubleArray()[0]
                            : a.toFloatArray()[0];
                    steps.put(name, Math.round(t));
                }
            }
        }
        for (String name : means.keySet()) {
            if (!variances.containsKey(name)) {
                throw new IllegalArgumentException("optimizer state has a first moment but no second moment for '"
                        + name + "'");
            }
            steps.putIfAbsent(name, defaultStep);
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
