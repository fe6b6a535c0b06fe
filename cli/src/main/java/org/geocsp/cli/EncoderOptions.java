package org.geocsp.cli;

import org.geocsp.core.encode.EncoderParams;
import org.geocsp.core.encode.EncoderSpec;
import org.geocsp.core.encode.FrequencyInit;
import org.geocsp.core.encode.ShConvention;
import picocli.CommandLine.Option;

/** The position-encoder options shared by every command that builds an encoder. */
final class EncoderOptions {

    /** Set by the command from its own {@code --encoder} option (required in some commands, defaulted in others). */
    String encoder = EncoderParams.DEFAULT_ENCODER;

    @Option(names = "--frequency-num")
    Integer frequencyNum;

    @Option(names = "--min-radius")
    Double minRadius;

    @Option(names = "--max-radius")
    Double maxRadius;

    @Option(names = "--freq-init")
    String freqInit;

    @Option(names = "--legendre-polys")
    Integer legendrePolys;

    @Option(names = "--kernel-size")
    Double kernelSize;

    @Option(names = "--num-anchors")
    Integer numAnchors;

    @Option(names = "--tile-size")
    Double tileSize;

    @Option(names = "--sh-convention")
    String shConvention;

    @Option(names = "--encoder-seed")
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
