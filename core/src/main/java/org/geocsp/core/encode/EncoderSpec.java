package org.geocsp.core.encode;

import java.util.ArrayList;
import java.util.List;
import org.geocsp.core.geo.InvalidInputException;

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

    public static final int DEFAULT_FREQUENCY_NUM = 32;
    public static final double DEFAULT_MIN_RADIUS = 0.1;
    public static final double DEFAULT_MAX_RADIUS = 360;
    public static final int DEFAULT_LEGENDRE_POLYS = 10;
    public static final double DEFAULT_KERNEL_SIZE = 1.0;
    public static final int DEFAULT_NUM_ANCHORS = 200;
    public static final double DEFAULT_TILE_SIZE_DEG = 1.0;

    public EncoderSpec {
        List<String> problems = new ArrayList<>();
        if (name == null || name.isBlank()) {
            problems.add("encoder name is empty");
        }
        if (frequencyNum < 1) {
            problems.add("frequency_num must be at least 1, got " + frequencyNum);
        }
        if (!(minRadius > 0) || !Double.isFinite(minRadius)) {
            problems.add("min_radius must be a positive number, got " + minRadius);
        }
        if (!(maxRadius > 0) || !Double.isFinite(maxRadius)) {
            problems.add("max_radius must be a positive number, got " + maxRadius);
        } else if (minRadius > 0 && maxRadius < minRadius) {
            problems.add("max_radius (" + maxRadius + ") must not be smaller than min_radius (" + minRadius + ")");
        }
        if (freqInit == null) {
            problems.add("frequency init is missing");
        }
        if (legendrePolys < 1 || legendrePolys > 100) {
            problems.add("legendre_polys must be between 1 and 100, got " + legendrePolys);
        }
        if (!(kernelSize > 0) || !Double.isFinite(kernelSize)) {
            problems.add("kernel_size must be a positive number, got " + kernelSize);
        }
        if (numAnchors < 1) {
            problems.add("num_anchors must be at least 1, got " + numAnchors);
        }
        if (!(tileSizeDeg > 0) || tileSizeDeg > 180) {
            problems.add("tile_size must be in (0, 180] degrees, got " + tileSizeDeg);
        }
        if (shConvention == null) {
            problems.add("spherical-harmonics convention is missing");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    /** The defaults for an encoder name (canonical or alias; resolved to the canonical name). */
    public static EncoderSpec of(String name) {
        return new EncoderSpec(EncoderRegistry.canonicalName(name), DEFAULT_FREQUENCY_NUM, DEFAULT_MIN_RADIUS,
                DEFAULT_MAX_RADIUS, FrequencyInit.GEOMETRIC, DEFAULT_LEGENDRE_POLYS, DEFAULT_KERNEL_SIZE,
                DEFAULT_NUM_ANCHORS, DEFAULT_TILE_SIZE_DEG, ShConvention.ORTHONORMAL, 42L);
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
}
