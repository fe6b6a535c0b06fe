package org.geocsp.core.geo;

import java.util.SplittableRandom;

/**
 * The reference {@code sphericalold} sampler, used by both CSP run scripts, reproduced with its
 * quirk: z, u ~ U(−1, 1), θ = (u + 1)π, lon = 180·√(1−z²)·cos θ, lat = 90·√(1−z²)·sin θ. That
 * is the (x, y) of a uniform point on the unit sphere stretched into the ellipse
 * (lon/180)² + (lat/90)² ≤ 1: latitude (and longitude) are each marginally uniform, points
 * never reach the corners of the lon/lat box (e.g. |lon| &gt; 150 with |lat| &gt; 60), and the
 * distribution is not uniform on the sphere. Use it to reproduce CSP runs; otherwise prefer
 * {@link AreaUniformSampler}.
 */
public final class SphericalOldSampler extends SeededLocationSampler {

    public SphericalOldSampler(long seed) {
        super(seed);
    }

    @Override
    public String name() {
        return Samplers.Kind.SPHERICAL_OLD.canonicalName();
    }

    @Override
    protected void next(SplittableRandom rng, double[] out) {
        double z = 2 * rng.nextDouble() - 1;
        double u = 2 * rng.nextDouble() - 1;
        double theta = (u + 1) * Math.PI;
        double r = Math.sqrt(1 - z * z);
        out[0] = 180 * r * Math.cos(theta);
        out[1] = 90 * r * Math.sin(theta);
    }
}
