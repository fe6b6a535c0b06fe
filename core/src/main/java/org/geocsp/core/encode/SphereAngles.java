package org.geocsp.core.encode;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * The radian angles of the Sphere2Vec encoders: the single-scale longitude λ and latitude φ, shape
 * (B, 1), and the multi-scale λ_s = λ·ω_s and φ_s = φ·ω_s, shape (B, S), all float64.
 *
 * <p>The reference rounds differently per encoder (only the last ulp differs, but it is cheap to
 * match): sphereC and sphereC+ scale first, (deg·ω)·π/180; sphereM, sphereM+ and dfs convert
 * first, (deg·π/180)·ω. In both, "·π/180" is a multiplication by π followed by a division by 180.
 */
final class SphereAngles {

    final NDArray lon;
    final NDArray lat;
    final NDArray lonS;
    final NDArray latS;

    private SphereAngles(NDArray lon, NDArray lat, NDArray lonS, NDArray latS) {
        this.lon = lon;
        this.lat = lat;
        this.lonS = lonS;
        this.latS = latS;
    }

    /** (deg·ω_s)·π/180; the single-scale angles are not needed and left null. */
    static SphereAngles scaleThenRadians(NDArray lonLatDeg, double[] freqs) {
        long b = lonLatDeg.getShape().get(0);
        NDArray w = EncoderMath.frequencies(lonLatDeg, freqs, 1, 1, freqs.length);
        NDArray scaled = EncoderMath.piOver180(lonLatDeg.reshape(b, 2, 1).mul(w)); // (B, 2, S)
        NDList parts = scaled.split(2, 1);
        return new SphereAngles(null, null, parts.get(0).squeeze(1), parts.get(1).squeeze(1));
    }

    /** (deg·π/180)·ω_s, and the single-scale deg·π/180. */
    static SphereAngles radiansThenScale(NDArray lonLatDeg, double[] freqs) {
        NDArray rad = EncoderMath.piOver180(lonLatDeg); // (B, 2)
        NDList single = EncoderMath.lonLat(rad);
        NDArray w = EncoderMath.frequencies(lonLatDeg, freqs, 1, freqs.length);
        NDArray lon = single.get(0);
        NDArray lat = single.get(1);
        return new SphereAngles(lon, lat, lon.mul(w), lat.mul(w));
    }
}
