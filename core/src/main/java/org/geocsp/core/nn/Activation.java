package org.geocsp.core.nn;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.geocsp.core.io.InvalidInputException;

/**
 * The activations of the reference FFN ({@code main/module.py::get_activation_function}), with
 * the reference's parameters: LeakyReLU has negative slope 0.2 and GELU is the exact erf form
 * (PyTorch's default, not the tanh approximation).
 */
public enum Activation {
    LEAKYRELU("leakyrelu"),
    RELU("relu"),
    GELU("gelu"),
    TANH("tanh"),
    SIGMOID("sigmoid");

    /** Negative slope of {@link #LEAKYRELU}, as in the reference. */
    public static final float LEAKY_SLOPE = 0.2f;

    private final String referenceName;

    Activation(String referenceName) {
        this.referenceName = referenceName;
    }

    /** The name the reference code (and its command-line flag {@code --spa_f_act}) uses. */
    public String referenceName() {
        return referenceName;
    }

    /** Applies the activation element-wise. */
    public NDArray apply(NDArray x) {
        return switch (this) {
            case LEAKYRELU -> x.getNDArrayInternal().leakyRelu(LEAKY_SLOPE);
            case RELU -> x.getNDArrayInternal().relu();
            case GELU -> x.getNDArrayInternal().gelu();
            case TANH -> x.tanh();
            case SIGMOID -> x.getNDArrayInternal().sigmoid();
        };
    }

    /**
     * The activation of a name, case-insensitive ("leakyrelu", "leaky_relu", "LeakyReLU", ...).
     *
     * @throws InvalidInputException naming the bad value and listing the valid names
     */
    public static Activation parse(String name) {
        if (name != null) {
            String k = name.trim().toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
            for (Activation a : values()) {
                if (a.referenceName.equals(k)) {
                    return a;
                }
            }
        }
        List<String> valid = new ArrayList<>();
        for (Activation a : values()) {
            valid.add(a.referenceName);
        }
        throw new InvalidInputException("activation '" + name + "' is not known; valid activations: "
                + String.join(", ", valid));
    }
}
