package org.geocsp.core.nn;

import java.util.ArrayList;
import java.util.List;
import org.geocsp.core.geo.InvalidInputException;

/**
 * The settings of the trainable stack after the position encoder.
 *
 * <ul>
 *   <li>{@link StackKind#FFN}: {@code hiddenLayers} layers in→hidden→…→hidden, then hidden→out
 *       (0 hidden layers: one layer in→out), each Linear → activation → dropout (→ skip → LayerNorm on
 *       the hidden layers).
 *   <li>{@link StackKind#RESIDUAL}: Linear(in, hidden) → activation, then {@code hiddenLayers}
 *       residual blocks; the output dimension equals the hidden dimension. LayerNorm and skip do not
 *       apply.
 *   <li>{@link StackKind#SIREN}: {@code hiddenLayers} (at least 1) sine layers in→hidden, hidden→hidden,
 *       then a linear layer hidden→out; {@code activation} is not used (sine) and may be null.
 * </ul>
 *
 * @param kind the network kind
 * @param hiddenLayers number of hidden layers (FFN, SIREN) or residual blocks (RESIDUAL)
 * @param hiddenDim width of the hidden layers
 * @param outputDim dimension of the location embedding
 * @param activation activation of FFN and RESIDUAL
 * @param dropout dropout probability in [0, 1); 0 means no dropout
 * @param layerNorm LayerNorm after each hidden FFN layer
 * @param skipConnection residual skip on FFN hidden layers whose input and output widths agree
 * @param sirenW0Initial ω₀ of the first SIREN layer
 * @param sirenW0 ω₀ of the other SIREN layers
 */
public record StackSpec(StackKind kind, int hiddenLayers, int hiddenDim, int outputDim, Activation activation,
        double dropout, boolean layerNorm, boolean skipConnection, double sirenW0Initial, double sirenW0) {

    public static final double DEFAULT_SIREN_W0_INITIAL = 30;
    public static final double DEFAULT_SIREN_W0 = 1;

    public StackSpec {
        List<String> problems = new ArrayList<>();
        if (kind == null) {
            problems.add("network kind is missing (valid kinds: FFN, RESIDUAL, SIREN)");
        }
        int minLayers = kind == StackKind.SIREN ? 1 : 0;
        if (hiddenLayers < minLayers || hiddenLayers > 100) {
            problems.add("number of hidden layers must be between " + minLayers + " and 100"
                    + (kind == StackKind.SIREN ? " for a SIREN" : "") + ", got " + hiddenLayers);
        }
        if (hiddenDim < 1 || hiddenDim > 65536) {
            problems.add("hidden dimension must be between 1 and 65536, got " + hiddenDim);
        }
        if (outputDim < 1 || outputDim > 65536) {
            problems.add("embedding (output) dimension must be between 1 and 65536, got " + outputDim);
        }
        if (kind == StackKind.RESIDUAL && outputDim != hiddenDim) {
            problems.add("a residual network keeps its width: embedding dimension (" + outputDim
                    + ") must equal the hidden dimension (" + hiddenDim + ")");
        }
        if (activation == null && kind != StackKind.SIREN) {
            problems.add("activation is missing (valid: leakyrelu, relu, gelu, tanh, sigmoid)");
        }
        if (!(dropout >= 0 && dropout < 1)) {
            problems.add("dropout must be in [0, 1), got " + dropout);
        }
        if (!(sirenW0Initial > 0) || !Double.isFinite(sirenW0Initial)) {
            problems.add("SIREN w0 of the first layer must be a positive number, got " + sirenW0Initial);
        }
        if (!(sirenW0 > 0) || !Double.isFinite(sirenW0)) {
            problems.add("SIREN w0 must be a positive number, got " + sirenW0);
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    /**
     * The CSP configuration of both run scripts: FFN, 1 hidden layer of 512, 256-d embedding,
     * LeakyReLU(0.2), dropout 0.5, LayerNorm and skip connections.
     */
    public static StackSpec csp() {
        return new StackSpec(StackKind.FFN, 1, 512, 256, Activation.LEAKYRELU, 0.5, true, true,
                DEFAULT_SIREN_W0_INITIAL, DEFAULT_SIREN_W0);
    }

    public StackSpec withHiddenLayers(int v) {
        return new StackSpec(kind, v, hiddenDim, outputDim, activation, dropout, layerNorm, skipConnection,
                sirenW0Initial, sirenW0);
    }

    public StackSpec withHiddenDim(int v) {
        return new StackSpec(kind, hiddenLayers, v, outputDim, activation, dropout, layerNorm, skipConnection,
                sirenW0Initial, sirenW0);
    }

    public StackSpec withOutputDim(int v) {
        return new StackSpec(kind, hiddenLayers, hiddenDim, v, activation, dropout, layerNorm, skipConnection,
                sirenW0Initial, sirenW0);
    }

    public StackSpec withActivation(Activation v) {
        return new StackSpec(kind, hiddenLayers, hiddenDim, outputDim, v, dropout, layerNorm, skipConnection,
                sirenW0Initial, sirenW0);
    }

    public StackSpec withDropout(double v) {
        return new StackSpec(kind, hiddenLayers, hiddenDim, outputDim, activation, v, layerNorm, skipConnection,
                sirenW0Initial, sirenW0);
    }

    public StackSpec withLayerNorm(boolean v) {
        return new StackSpec(kind, hiddenLayers, hiddenDim, outputDim, activation, dropout, v, skipConnection,
                sirenW0Initial, sirenW0);
    }

    public StackSpec withSkipConnection(boolean v) {
        return new StackSpec(kind, hiddenLayers, hiddenDim, outputDim, activation, dropout, layerNorm, v,
                sirenW0Initial, sirenW0);
    }

    public StackSpec withSirenW0(double initial, double other) {
        return new StackSpec(kind, hiddenLayers, hiddenDim, outputDim, activation, dropout, layerNorm,
                skipConnection, initial, other);
    }
}
