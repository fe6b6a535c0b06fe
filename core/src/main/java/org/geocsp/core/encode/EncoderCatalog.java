package org.geocsp.core.encode;

import java.util.List;

/** The list of built-in encoders, registered into {@link EncoderRegistry} in this order. */
final class EncoderCatalog {

    private EncoderCatalog() {}

    static void registerAll() {
        EncoderRegistry.register(new EncoderRegistry.Entry("Space2Vec-grid", List.of("gridcell", "grid"),
                "Space2Vec grid cell: sin/cos of lon and lat in degrees at S geometric scales (4S features); CSP's choice",
                List.of("frequency_num", "min_radius", "max_radius", "freq_init"), GridCellEncoder::new));
        EncoderRegistry.register(new EncoderRegistry.Entry("tile_ffn", List.of("tile"),
                "Tile: a trainable embedding per lon/lat cell of tile_size degrees (4·frequency_num features)",
                List.of("tile_size", "frequency_num", "seed"), TileEncoder::new));
        EncoderRegistry.register(new EncoderRegistry.Entry("rbf", List.of(),
                "RBF: Gaussian kernels (σ = kernel_size degrees) around num_anchors anchors sampled from the"
                        + " training locations (num_anchors features)",
                List.of("num_anchors", "kernel_size", "seed"), RbfEncoder::new));
        EncoderRegistry.register(new EncoderRegistry.Entry("rff", List.of(),
                "Random Fourier features of lon/lat scaled to [-1, 1], frequencies with variance kernel_size"
                        + " (frequency_num features)",
                List.of("frequency_num", "kernel_size", "seed"), RffEncoder::new));
        EncoderRegistry.register(new EncoderRegistry.Entry("spherical_harmonics",
                List.of("sphericalharmonics", "SH", "satclip"),
                "Spherical harmonics Y_l^m for l < legendre_polys (legendre_polys² features), as SatCLIP",
                List.of("legendre_polys", "sh_convention"), SphericalHarmonicsEncoder::new));
    }
}
