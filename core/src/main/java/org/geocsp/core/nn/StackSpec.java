package org.geocsp.core.nn;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.geocsp.core.settings.Param;
import org.geocsp.core.settings.Problems;

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

    public static final double DEFAULT_SIREN_W0_INITIAL = StackParams.SIREN_W0_INITIAL.defaultDouble();
    public static final double DEFAULT_SIREN_W0 = StackParams.SIREN_W0.defaultDouble();

    public StackSpec {
        Problems p = new Problems();
        if (kind == null) {
            p.add(StackParams.KIND, "network kind is missing (valid kinds: FFN, RESIDUAL, SIREN)");
        }
        p.check(StackParams.HIDDEN_LAYERS, hiddenLayers);
        if (kind == StackKind.SIREN && hiddenLayers < 1) {
            p.add(StackParams.HIDDEN_LAYERS, "a SIREN needs at least 1 hidden layer, got " + hiddenLayers);
        }
        p.check(StackParams.HIDDEN_DIM, hiddenDim);
        p.check(StackParams.EMBEDDING_DIM, outputDim);
        if (kind == StackKind.RESIDUAL && outputDim != hiddenDim) {
            p.add(StackParams.EMBEDDING_DIM, "a residual network keeps its width: embedding dimension (" + outputDim
                    + ") must equal the hidden dimension (" + hiddenDim + ")");
        }
        if (activation == null && kind != StackKind.SIREN) {
            p.add(StackParams.ACTIVATION, "activation is missing (valid: leakyrelu, relu, gelu, tanh, sigmoid)");
        }
        p.check(StackParams.DROPOUT, dropout);
        p.check(StackParams.SIREN_W0_INITIAL, sirenW0Initial).check(StackParams.SIREN_W0, sirenW0);
        p.throwIfAny();
    }

    /**
     * The CSP configuration of both run scripts: FFN, 1 hidden layer of 512, 256-d embedding,
     * LeakyReLU(0.2), dropout 0.5, LayerNorm and skip connections.
     */
    public static StackSpec csp() {
        return new StackSpec(StackKind.valueOf(StackParams.KIND.defaultString().toUpperCase(Locale.ROOT)),
                StackParams.HIDDEN_LAYERS.defaultInt(), StackParams.HIDDEN_DIM.defaultInt(),
                StackParams.EMBEDDING_DIM.defaultInt(), Activation.parse(StackParams.ACTIVATION.defaultString()),
                StackParams.DROPOUT.defaultDouble(), StackParams.LAYER_NORM.defaultBoolean(),
                StackParams.SKIP.defaultBoolean(), DEFAULT_SIREN_W0_INITIAL, DEFAULT_SIREN_W0);
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

    /**
     * The value of each declaration of {@link StackParams#ALL} in declaration order, as the
     * declarations check and format them (a SIREN without activation: {@code none}); the one place
     * that maps this spec to its declarations (run records derive from it).
     */
    public Map<Param, Object> values() {
        Map<Param, Object> m = new LinkedHashMap<>();
        m.put(StackParams.KIND, kind.name().toLowerCase(Locale.ROOT));
        m.put(StackParams.HIDDEN_LAYERS, hiddenLayers);
        m.put(StackParams.HIDDEN_DIM, hiddenDim);
        m.put(StackParams.EMBEDDING_DIM, outputDim);
        m.put(StackParams.ACTIVATION, activation == null ? "none" : activation.referenceName());
        m.put(StackParams.DROPOUT, dropout);
        m.put(StackParams.LAYER_NORM, layerNorm);
        m.put(StackParams.SKIP, skipConnection);
        m.put(StackParams.SIREN_W0_INITIAL, sirenW0Initial);
        m.put(StackParams.SIREN_W0, sirenW0);
        return m;
    }
}
