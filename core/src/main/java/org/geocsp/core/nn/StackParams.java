package org.geocsp.core.nn;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.geocsp.core.settings.Param;

/**
 * The declarations of the trainable stack's settings ({@link StackSpec}). Their defaults are the
 * CSP stack ({@link StackSpec#csp()}); a new model without explicit values takes the published
 * stack of its encoder ({@link DefaultStacks}).
 */
public final class StackParams {

    public static final Param KIND = Param.choice("stack_kind", "Network kind", null,
            "ffn, residual or siren.", "ffn",
            Arrays.stream(StackKind.values()).map(k -> k.name().toLowerCase(Locale.ROOT)).toList());
    public static final Param HIDDEN_LAYERS = Param.integer("hidden_layers", "Hidden layers", "--hidden-layers",
            "Hidden layers (or residual blocks) of the stack.", 1, 0, 100);
    public static final Param HIDDEN_DIM = Param.integer("hidden_dim", "Hidden dimension", "--hidden-dim",
            "Width of the hidden layers.", 512, 1, 65536);
    public static final Param EMBEDDING_DIM = Param.integer("embedding_dim", "Embedding dimension", "--output-dim",
            "Width of the location embedding.", 256, 1, 65536);
    public static final Param ACTIVATION = Param.choice("activation", "Activation", "--activation",
            "Activation of the stack.", Activation.LEAKYRELU.referenceName(),
            Arrays.stream(Activation.values()).map(Activation::referenceName).toList());
    public static final Param DROPOUT = Param.real("dropout", "Dropout", "--dropout",
            "Dropout probability (0 = none).", 0.5, 0, false, 0.999999);
    public static final Param LAYER_NORM = Param.bool("layer_norm", "Layer normalisation", null,
            "LayerNorm after each hidden layer.", true);
    public static final Param SKIP = Param.bool("skip_connection", "Skip connections", null,
            "Residual skip on hidden layers whose widths agree.", true);
    public static final Param SIREN_W0_INITIAL = Param.real("siren_w0_initial", "SIREN w0 of the first layer", null,
            "Frequency factor w0 of the first SIREN layer.", 30, 0, true, 1e9);
    public static final Param SIREN_W0 = Param.real("siren_w0", "SIREN w0", null,
            "Frequency factor w0 of the other SIREN layers.", 1, 0, true, 1e9);

    /** Every stack declaration in dialog order. */
    public static final List<Param> ALL = List.of(KIND, HIDDEN_LAYERS, HIDDEN_DIM, EMBEDDING_DIM, ACTIVATION, DROPOUT,
            LAYER_NORM, SKIP, SIREN_W0_INITIAL, SIREN_W0);

    private StackParams() {
    }
}
