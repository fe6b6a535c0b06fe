package org.geocsp.cli;

import org.geocsp.core.nn.Activation;
import org.geocsp.core.nn.DefaultStacks;
import org.geocsp.core.nn.StackSpec;
import picocli.CommandLine.Option;

/** Options of the trainable stack on top of the position encoder (defaults: the encoder's published stack). */
final class StackOptions {

    @Option(names = "--hidden-layers", paramLabel = "N", description = "Hidden layers of the stack (default: the encoder's stack; CSP: 1).")
    Integer hiddenLayers;

    @Option(names = "--hidden-dim", paramLabel = "D", description = "Hidden width (default: the encoder's stack; CSP: 512).")
    Integer hiddenDim;

    @Option(names = "--output-dim", paramLabel = "K", description = "Embedding width (default: the encoder's stack; CSP: 256).")
    Integer outputDim;

    @Option(names = "--activation", paramLabel = "A", description = "leakyrelu, relu, gelu, tanh, sigmoid (default: the encoder's stack; CSP: leakyrelu).")
    String activation;

    @Option(names = "--dropout", paramLabel = "P", description = "Dropout probability (default: the encoder's stack; CSP: 0.5).")
    Double dropout;

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
