package org.geocsp.cli;

import org.geocsp.core.encode.EncoderSpec;
import org.geocsp.core.encode.FrequencyInit;
import org.geocsp.core.encode.ShConvention;
import picocli.CommandLine.Option;

/** The position-encoder options shared by every command that builds an encoder. */
final class EncoderOptions {

    /** Set by the command from its own {@code --encoder} option (required in some commands, defaulted in others). */
    String encoder = "Space2Vec-grid";

    @Option(names = "--frequency-num", description = "Number of scales S (default 32).")
    Integer frequencyNum;

    @Option(names = "--min-radius", description = "Smallest scale r_min (default 0.1).")
    Double minRadius;

    @Option(names = "--max-radius", description = "Largest scale r_max (default 360).")
    Double maxRadius;

    @Option(names = "--freq-init", description = "Frequency schedule: geometric (default), nerf, random.")
    String freqInit;

    @Option(names = "--legendre-polys", description = "Legendre polynomials L of spherical_harmonics (L^2 features, default 10).")
    Integer legendrePolys;

    @Option(names = "--kernel-size", description = "Kernel size sigma of rbf (degrees) and rff (default 1.0).")
    Double kernelSize;

    @Option(names = "--num-anchors", description = "Number of rbf anchor points (default 200).")
    Integer numAnchors;

    @Option(names = "--tile-size", description = "Cell size of tile_ffn in degrees (default 1.0).")
    Double tileSize;

    @Option(names = "--sh-convention", description = "Spherical-harmonics convention: orthonormal (default) or satclip.")
    String shConvention;

    @Option(names = "--encoder-seed", description = "Seed of random frequencies, rff weights and rbf anchors (default 42).")
    Long seed;

    /** The spec: the encoder's defaults overridden by the options given. */
    EncoderSpec spec() {
        EncoderSpec s = EncoderSpec.of(encoder);
        if (frequencyNum != null) {
            s = s.withFrequencyNum(frequencyNum);
        }
        if (minRadius != null || maxRadius != null) {
            s = s.withRadii(minRadius != null ? minRadius : s.minRadius(), maxRadius != null ? maxRadius : s.maxRadius());
        }
        if (freqInit != null) {
            s = s.withFreqInit(FrequencyInit.parse(freqInit));
        }
        if (legendrePolys != null) {
            s = s.withLegendrePolys(legendrePolys);
        }
        if (kernelSize != null) {
            s = s.withKernelSize(kernelSize);
        }
        if (numAnchors != null) {
            s = s.withNumAnchors(numAnchors);
        }
        if (tileSize != null) {
            s = s.withTileSizeDeg(tileSize);
        }
        if (shConvention != null) {
            s = s.withShConvention(ShConvention.parse(shConvention));
        }
        if (seed != null) {
            s = s.withSeed(seed);
        }
        return s;
    }
}
