package org.geocsp.core.encode;

import java.util.Locale;

/**
 * Normalisation and sign convention of the real spherical harmonics.
 * GeoCSP's default is the textbook orthonormal form; SatCLIP's generated functions differ by
 * (−1)^m for m ≠ 0 and by a factor π for m = 0 (an operator-precedence slip in its generator),
 * and are offered so that SatCLIP weights can be used.
 */
public enum ShConvention {
    /** Orthonormal real spherical harmonics with the Condon–Shortley phase (default). */
    ORTHONORMAL,
    /** SatCLIP's default ("analytic"): no Condon–Shortley phase, m = 0 terms scaled by π. */
    SATCLIP;

    public static ShConvention parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("spherical-harmonics convention '" + text
                    + "' is not valid: use orthonormal or satclip");
        }
    }
}
