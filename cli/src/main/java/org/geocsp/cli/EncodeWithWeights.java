package org.geocsp.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import org.geocsp.core.encode.EncoderSpec;
import org.geocsp.core.model.GeoModel;
import org.geocsp.core.model.ModelFile;
import org.geocsp.core.model.ModelSpec;
import org.geocsp.core.nn.Activation;
import org.geocsp.core.nn.DefaultStacks;
import org.geocsp.core.nn.StackKind;
import org.geocsp.core.nn.StackSpec;

/**
 * The {@code --weights} path of {@code geocsp encode}: the location encoder e(x) built from the
 * encoder options and the stack options, with its parameters imported from a safetensors file
 * under reference names, evaluated in eval mode (no dropout).
 */
final class EncodeWithWeights {

    private EncodeWithWeights() {}

    /**
     * The stack of the options: the encoder's published stack ({@link DefaultStacks}: the CSP FFN
     * with LayerNorm and skip connections; the residual network for wrap; SIREN for
     * spherical_harmonics) with the sizes given. Unset options keep the published stack's values;
     * for the residual network the output dimension defaults to the hidden dimension (it keeps its
     * width); SIREN ignores the activation (it uses sine), but the name must still be valid.
     * Dropout keeps the published value; it has no effect in eval mode.
     */
    static StackSpec stackSpec(EncoderSpec encoder, EncodeCommand.StackWeights o) {
        StackSpec base = DefaultStacks.forEncoder(encoder.name());
        int layers = o.hiddenLayers != null ? o.hiddenLayers : base.hiddenLayers();
        int hidden = o.hiddenDim != null ? o.hiddenDim : base.hiddenDim();
        int out = o.outputDim != null ? o.outputDim : base.kind() == StackKind.RESIDUAL ? hidden : base.outputDim();
        Activation act = o.activation != null ? Activation.parse(o.activation) : base.activation();
        if (base.kind() == StackKind.SIREN) {
            act = base.activation();
        }
        return new StackSpec(base.kind(), layers, hidden, out, act, base.dropout(), base.layerNorm(),
                base.skipConnection(), base.sirenW0Initial(), base.sirenW0());
    }

    /**
     * Builds the location encoder and imports its parameters.
     *
     * @throws IOException naming every missing, unexpected or mismatched tensor
     */
    static EncodeCommand.Encoder encoder(EncoderSpec encoderSpec, StackSpec stack, Path weightsFile,
            NDManager manager) throws IOException {
        GeoModel model = GeoModel.create(ModelSpec.of(encoderSpec, stack), manager.getDevice(), 0);
        try {
            ModelFile.importSafetensors(model, weightsFile);
        } catch (IOException | RuntimeException e) {
            model.close();
            throw new IOException("--weights " + weightsFile.getFileName() + " does not fit " + encoderSpec.name()
                    + " with a " + describe(stack) + " stack: " + e.getMessage(), e);
        }
        return new EncodeCommand.Encoder() {
            @Override
            public int dim() {
                return model.network().embeddingDim();
            }

            @Override
            public NDArray apply(NDArray lonLat, NDManager step) {
                return model.embed(lonLat);
            }

            @Override
            public void close() {
                model.close();
            }
        };
    }

    static String describe(StackSpec s) {
        return switch (s.kind()) {
            case FFN -> "FFN (" + s.hiddenLayers() + " hidden layer(s) of " + s.hiddenDim() + ", output "
                    + s.outputDim() + ", " + s.activation().referenceName() + ")";
            case RESIDUAL -> "residual (" + s.hiddenLayers() + " block(s) of width " + s.hiddenDim() + ", "
                    + s.activation().referenceName() + ")";
            case SIREN -> "SIREN (" + s.hiddenLayers() + " sine layer(s) of " + s.hiddenDim() + ", output "
                    + s.outputDim() + ")";
        };
    }
}
