package org.geocsp.cli;

import org.geocsp.core.nn.Activation;
import org.geocsp.core.nn.DefaultStacks;
import org.geocsp.core.nn.StackParams;
import org.geocsp.core.nn.StackSpec;
import picocli.CommandLine.Option;

/** Options of the trainable stack on top of the position encoder (defaults: the encoder's published stack). */
final class StackOptions {

    @Option(names = "--hidden-layers", paramLabel = "N")
    Integer hiddenLayers;

    @Option(names = "--hidden-dim", paramLabel = "D")
    Integer hiddenDim;

    @Option(names = "--output-dim", paramLabel = "K")
    Integer outputDim;

    @Option(names = "--activation", paramLabel = "A")
    String activation;

    @Option(names = "--dropout", paramLabel = "P")
    Double dropout;

    /** The declaration keys of the options given (the others follow the encoder's default stack). */
    java.util.Set<String> givenKeys() {
        java.util.Set<String> k = new java.util.HashSet<>();
        if (hiddenLayers != null) {
            k.add(StackParams.HIDDEN_LAYERS.key());
        }
        if (hiddenDim != null) {
            k.add(StackParams.HIDDEN_DIM.key());
        }
        if (outputDim != null) {
            k.add(StackParams.EMBEDDING_DIM.key());
        }
        if (activation != null) {
            k.add(StackParams.ACTIVATION.key());
        }
        if (dropout != null) {
            k.add(StackParams.DROPOUT.key());
        }
        return k;
    }

    /** The stack for an encoder: its default stack overridden by the options given. */
    StackSpec spec(String canonicalEncoderName) {
        StackSpec s = DefaultStacks.forEncoder(canonicalEncoderName);
        if (hiddenLayers != null) {
            s = s.withHiddenLayers(hiddenLayers);
        }
        if (hiddenDim != null) {
            s = s.withHiddenDim(hiddenDim);
        }
        if (outputDim != null) {
            s = s.withOutputDim(outputDim);
        }
        if (activation != null) {
            s = s.withActivation(Activation.parse(activation));
        }
        if (dropout != null) {
            s = s.withDropout(dropout);
        }
        return s;
    }
}
