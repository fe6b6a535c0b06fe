package org.geocsp.core.nn;

import java.util.Locale;

/**
 * The stack each encoder was published with: wrap uses the residual network of Mac Aodha et al.
 * (as in CSP's {@code geo_net} and SINR), spherical harmonics the SIREN of SatCLIP, every other
 * encoder the CSP feed-forward network.
 */
public final class DefaultStacks {

    private DefaultStacks() {}

    /**
     * The default stack for an encoder.
     *
     * @param canonicalEncoderName the encoder's canonical name; compared case-insensitively with
     *     '-', '_' and spaces ignored, so "spherical_harmonics" and "SphericalHarmonics" both match
     */
    public static StackSpec forEncoder(String canonicalEncoderName) {
        String k = canonicalEncoderName == null ? ""
                : canonicalEncoderName.toLowerCase(Locale.ROOT).replaceAll("[-_ ]", "");
        return switch (k) {
            // models.FCNet: Linear(4, 256) → ReLU, 4 ResLayers with Dropout(0.5).
            case "wrap", "geonet" -> new StackSpec(StackKind.RESIDUAL, 4, 256, 256, Activation.RELU, 0.5, false,
                    false, StackSpec.DEFAULT_SIREN_W0_INITIAL, StackSpec.DEFAULT_SIREN_W0);
            // SatCLIP get_neural_network("siren"): num_layers 2, dim_hidden 256, embed_dim 256,
            // w0_initial 30, w0 1, dropout=True (F.dropout's default p = 0.5) in the hidden layers.
            case "sphericalharmonics" -> new StackSpec(StackKind.SIREN, 2, 256, 256, null, 0.5, false, false,
                    StackSpec.DEFAULT_SIREN_W0_INITIAL, StackSpec.DEFAULT_SIREN_W0);
            default -> StackSpec.csp();
        };
    }
}
