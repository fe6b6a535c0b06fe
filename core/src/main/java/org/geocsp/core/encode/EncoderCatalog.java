package org.geocsp.core.encode;

import java.util.List;

/** The list of built-in encoders, registered into {@link EncoderRegistry} in this order. */
final class EncoderCatalog {

    private static final List<String> MULTI_SCALE = List.of("frequency_num", "min_radius", "max_radius", "freq_init");

    private EncoderCatalog() {}

    static void registerAll() {
        EncoderRegistry.register(new EncoderRegistry.Entry("Space2Vec-grid", List.of("gridcell", "grid"),
                "Space2Vec grid cell: sin/cos of lon and lat in degrees at S geometric scales (4S features); CSP's choice",
                MULTI_SCALE, GridCellEncoder::new));
        EncoderRegistry.register(new EncoderRegistry.Entry("Space2Vec-theory", List.of("theory"),
                "Space2Vec theory: sin/cos of the projections on three unit vectors 120° apart, in degrees, at S scales"
                        + " (6S features)",
                MULTI_SCALE, TheoryEncoder::new));
        EncoderRegistry.register(new EncoderRegistry.Entry("wrap", List.of("geo_net"),
                "wrap: sin/cos of lon/180·π and lat/90·π (4 features), followed by a residual network",
                List.of(), WrapEncoder::new));
        EncoderRegistry.register(new EncoderRegistry.Entry("wrap_ffn", List.of("geo_net_fft"),
                "wrap+ffn: the 4 wrap features followed by a plain feed-forward network",
                List.of(), WrapEncoder::new));
        EncoderRegistry.register(new EncoderRegistry.Entry("xyz", List.of(),
                "xyz: the point on the unit sphere (3 features)",
                List.of(), XyzEncoder::new));
        EncoderRegistry.register(new EncoderRegistry.Entry("NeRF", List.of("nerf"),
                "NeRF: sin/cos of x, y, z on the unit sphere at frequencies π·2^l, l < S (6S features)",
                List.of("frequency_num"), NerfEncoder::new));
        EncoderRegistry.register(new EncoderRegistry.Entry("Sphere2Vec-sphereC", List.of("sphere", "sphereC"),
                "Sphere2Vec sphereC: the unit-sphere point at S scaled angles (3S features)",
                MULTI_SCALE, SphereCEncoder::new));
        EncoderRegistry.register(new EncoderRegistry.Entry("Sphere2Vec-sphereC+", List.of("spheregrid", "sphereC+"),
                "Sphere2Vec sphereC+: sphereC plus sin/cos of the scaled lon and lat (6S features)",
                MULTI_SCALE, SphereCPlusEncoder::new));
        EncoderRegistry.register(new EncoderRegistry.Entry("Sphere2Vec-sphereM", List.of("spheremixscale", "sphereM"),
                "Sphere2Vec sphereM: unit-sphere terms mixing scaled and unscaled angles (5S features)",
                MULTI_SCALE, SphereMEncoder::new));
        EncoderRegistry.register(new EncoderRegistry.Entry("Sphere2Vec-sphereM+",
                List.of("spheregridmixscale", "sphereM+"),
                "Sphere2Vec sphereM+: sphereM plus sin/cos of the scaled lon and lat (8S features)",
                MULTI_SCALE, SphereMPlusEncoder::new));
        EncoderRegistry.register(new EncoderRegistry.Entry("Sphere2Vec-dfs", List.of("dft", "dfs"),
                "Sphere2Vec dfs: double Fourier sphere, all products of scaled lon and lat sin/cos (4S²+4S features;"
                        + " large)",
                MULTI_SCALE, DfsEncoder::new));
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
