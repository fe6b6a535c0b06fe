package org.geocsp.core.loss;

import ai.djl.ndarray.NDArray;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The result of a loss: the scalar total to differentiate and its named components (each a
 * scalar NDArray, <em>unweighted</em>, e.g. {@code L_B}, {@code L_L}, {@code L_D}) for progress
 * reporting. Components stay part of the autograd graph; read them with {@link #values()}.
 */
public final class LossTerms {

    /** Key of the total in {@link #values()}. */
    public static final String TOTAL = "total";
    /** In-batch term (CSP "B"). */
    public static final String L_B = "L_B";
    /** Random-location term (CSP "L"). */
    public static final String L_L = "L_L";
    /** SimCSE / second-dropout-pass term (CSP "D"). */
    public static final String L_D = "L_D";
    /** Mean squared error (l2regress). */
    public static final String MSE = "MSE";
    /** Presence–absence loss at the observed locations. */
    public static final String L_OBS = "L_obs";
    /** Presence–absence background term at random locations. */
    public static final String L_RAND = "L_rand";
    /** Softmax cross-entropy. */
    public static final String CE = "CE";
    /** Image-classifier cross-entropy of fine-tuning with an image classifier. */
    public static final String L_IMG = "L_img";

    private final NDArray total;
    private final Map<String, NDArray> components;

    public LossTerms(NDArray total, Map<String, NDArray> components) {
        this.total = Objects.requireNonNull(total, "total");
        this.components = Collections.unmodifiableMap(new LinkedHashMap<>(components));
    }

    /** The scalar loss to call {@code backward} on. */
    public NDArray total() {
        return total;
    }

    /** Named unweighted components in computation order. */
    public Map<String, NDArray> components() {
        return components;
    }

    /** One component, or null if this loss did not compute it. */
    public NDArray component(String name) {
        return components.get(name);
    }

    /**
     * The total (key {@link #TOTAL}) and every component as doubles. This copies from the
     * device, so call it at reporting intervals, not per operation.
     */
    public Map<String, Double> values() {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put(TOTAL, scalar(total));
        components.forEach((k, v) -> out.put(k, scalar(v)));
        return out;
    }

    private static double scalar(NDArray a) {
        return a.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray()[0];
    }

    @Override
    public String toString() {
        return "LossTerms" + values();
    }
}
