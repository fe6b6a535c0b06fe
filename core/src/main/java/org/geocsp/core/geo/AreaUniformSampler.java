package org.geocsp.core.geo;

import java.util.SplittableRandom;

/**
 * Uniform by area on the sphere (the default): lon = 360u₁ − 180, lat = 90 − deg(arccos(2u₂ − 1)),
 * so sin(lat) is uniform on [−1, 1]. This is what the reference {@code spherical} sampler intends
 * (SINR's {@code rand_samples('spherical')}); the CSP version's north-east-quadrant bug is not
 * reproduced.
 */
public final class AreaUniformSampler extends SeededLocationSampler {

    public AreaUniformSampler(long seed) {
        super(seed);
    }

    @Override
    public String name() {
        return Samplers.Kind.AREA_UNIFORM.canonicalName();
    }

    @Override
    protected void next(SplittableRandom rng, double[] out) {
        out[0] = 360 * rng.nextDouble() - 180;
        out[1] = 90 - Math.toDegrees(Math.acos(2 * rng.nextDouble() - 1));
    }
}
