package org.geocsp.core.encode;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.geocsp.core.settings.Param;
import org.geocsp.core.settings.Problems;

/**
 * The settings of a position encoder: its canonical (paper) name and every hyper-parameter of
 * the reference code. Each encoder reads the ones it uses; {@link EncoderRegistry} says which.
 * Defaults are those of the CSP run scripts (S = 32, r_min = 0.1, r_max = 360, geometric).
 *
 * @param name canonical encoder name (see {@link EncoderRegistry#names()})
 * @param frequencyNum S, the number of scales
 * @param minRadius r_min (degrees for the degree-based encoders)
 * @param maxRadius r_max
 * @param freqInit frequency schedule
 * @param legendrePolys L, the number of Legendre polynomials of the spherical harmonics (L² features)
 * @param kernelSize σ of rbf (degrees) and rff
 * @param numAnchors number of rbf anchor points
 * @param tileSizeDeg cell size of tile_ffn in degrees
 * @param shConvention spherical-harmonics convention
 * @param seed seed of random frequencies, rff weights and anchor sampling
 */
public record EncoderSpec(String name, int frequencyNum, double minRadius, double maxRadius, FrequencyInit freqInit,
        int legendrePolys, double kernelSize, int numAnchors, double tileSizeDeg, ShConvention shConvention,
        long seed) {

    public static final int DEFAULT_FREQUENCY_NUM = EncoderParams.FREQUENCY_NUM.defaultInt();
    public static final double DEFAULT_MIN_RADIUS = EncoderParams.MIN_RADIUS.defaultDouble();
    public static final double DEFAULT_MAX_RADIUS = EncoderParams.MAX_RADIUS.defaultDouble();
    public static final int DEFAULT_LEGENDRE_POLYS = EncoderParams.LEGENDRE_POLYS.defaultInt();
    public static final double DEFAULT_KERNEL_SIZE = EncoderParams.KERNEL_SIZE.defaultDouble();
    public static final int DEFAULT_NUM_ANCHORS = EncoderParams.NUM_ANCHORS.defaultInt();
    public static final double DEFAULT_TILE_SIZE_DEG = EncoderParams.TILE_SIZE.defaultDouble();

    public EncoderSpec {
        Problems p = new Problems();
        if (name == null || name.isBlank()) {
            p.add(null, "encoder name is empty");
        }
        p.check(EncoderParams.FREQUENCY_NUM, frequencyNum);
        p.check(EncoderParams.MIN_RADIUS, minRadius).check(EncoderParams.MAX_RADIUS, maxRadius);
        if (minRadius > 0 && maxRadius < minRadius) {
            p.add(EncoderParams.MAX_RADIUS, "max_radius (" + maxRadius + ") must not be smaller than min_radius ("
                    + minRadius + ")");
        }
        p.check(EncoderParams.FREQ_INIT, freqInit == null ? null : freqInit.name().toLowerCase(Locale.ROOT));
        p.check(EncoderParams.LEGENDRE_POLYS, legendrePolys);
        p.check(EncoderParams.KERNEL_SIZE, kernelSize);
        p.check(EncoderParams.NUM_ANCHORS, numAnchors);
        p.check(EncoderParams.TILE_SIZE, tileSizeDeg);
        p.check(EncoderParams.SH_CONVENTION, shConvention == null ? null : shConvention.name().toLowerCase(Locale.ROOT));
        p.throwIfAny();
    }

    /** The defaults for an encoder name (canonical or alias; resolved to the canonical name). */
    public static EncoderSpec of(String name) {
        return new EncoderSpec(EncoderRegistry.canonicalName(name), DEFAULT_FREQUENCY_NUM, DEFAULT_MIN_RADIUS,
                DEFAULT_MAX_RADIUS, FrequencyInit.parse(EncoderParams.FREQ_INIT.defaultString()),
                DEFAULT_LEGENDRE_POLYS, DEFAULT_KERNEL_SIZE, DEFAULT_NUM_ANCHORS, DEFAULT_TILE_SIZE_DEG,
                ShConvention.parse(EncoderParams.SH_CONVENTION.defaultString()),
                EncoderParams.ENCODER_SEED.defaultLong());
    }

    public EncoderSpec withFrequencyNum(int v) {
        return new EncoderSpec(name, v, minRadius, maxRadius, freqInit, legendrePolys, kernelSize, numAnchors,
                tileSizeDeg, shConvention, seed);
    }

    public EncoderSpec withRadii(double min, double max) {
        return new EncoderSpec(name, frequencyNum, min, max, freqInit, legendrePolys, kernelSize, numAnchors,
                tileSizeDeg, shConvention, seed);
    }

    public EncoderSpec withFreqInit(FrequencyInit v) {
        return new EncoderSpec(name, frequencyNum, minRadius, maxRadius, v, legendrePolys, kernelSize, numAnchors,
                tileSizeDeg, shConvention, seed);
    }

    public EncoderSpec withLegendrePolys(int v) {
        return new EncoderSpec(name, frequencyNum, minRadius, maxRadius, freqInit, v, kernelSize, numAnchors,
                tileSizeDeg, shConvention, seed);
    }

    public EncoderSpec withKernelSize(double v) {
        return new EncoderSpec(name, frequencyNum, minRadius, maxRadius, freqInit, legendrePolys, v, numAnchors,
                tileSizeDeg, shConvention, seed);
    }

    public EncoderSpec withNumAnchors(int v) {
        return new EncoderSpec(name, frequencyNum, minRadius, maxRadius, freqInit, legendrePolys, kernelSize, v,
                tileSizeDeg, shConvention, seed);
    }

    public EncoderSpec withTileSizeDeg(double v) {
        return new EncoderSpec(name, frequencyNum, minRadius, maxRadius, freqInit, legendrePolys, kernelSize,
                numAnchors, v, shConvention, seed);
    }

    public EncoderSpec withShConvention(ShConvention v) {
        return new EncoderSpec(name, frequencyNum, minRadius, maxRadius, freqInit, legendrePolys, kernelSize,
                numAnchors, tileSizeDeg, v, seed);
    }

    public EncoderSpec withSeed(long v) {
        return new EncoderSpec(name, frequencyNum, minRadius, maxRadius, freqInit, legendrePolys, kernelSize,
                numAnchors, tileSizeDeg, shConvention, v);
    }

    /** The angular frequencies of this spec's schedule. */
    public double[] frequencies() {
        return Frequencies.of(freqInit, frequencyNum, minRadius, maxRadius, seed);
    }

    /**
     * The value of each declaration of {@link EncoderParams#ALL} in declaration order (the encoder
     * name is not one of them), as the declarations check and format them; the one place that maps
     * this spec to its declarations (run records derive from it).
     */
    public Map<Param, Object> values() {
        Map<Param, Object> m = new LinkedHashMap<>();
        m.put(EncoderParams.FREQUENCY_NUM, frequencyNum);
        m.put(EncoderParams.MIN_RADIUS, minRadius);
        m.put(EncoderParams.MAX_RADIUS, maxRadius);
        m.put(EncoderParams.FREQ_INIT, freqInit.name().toLowerCase(Locale.ROOT));
        m.put(EncoderParams.LEGENDRE_POLYS, legendrePolys);
        m.put(EncoderParams.KERNEL_SIZE, kernelSize);
        m.put(EncoderParams.NUM_ANCHORS, numAnchors);
        m.put(EncoderParams.TILE_SIZE, tileSizeDeg);
        m.put(EncoderParams.SH_CONVENTION, shConvention.name().toLowerCase(Locale.ROOT));
        m.put(EncoderParams.ENCODER_SEED, seed);
        return m;
    }
}
