package org.geocsp.core.geo;

import java.util.SplittableRandom;

/**
 * The reference {@code uniform} sampler: lon ~ U(−180, 180), lat ~ U(−90, 90), uniform in the
 * lon/lat box, so the poles are over-represented by area (1/3 of the points have |lat| &gt; 60°).
 */
public final class UniformBoxSampler extends SeededLocationSampler {

    public UniformBoxSampler(long seed) {
        super(seed);
    }

    @Override
    public String name() {
        return Samplers.Kind.UNIFORM_BOX.canonicalName();
    }

    @Override
    protected void next(SplittableRandom rng, double[] out) {
        out[0] = 360 * rng.nextDouble() - 180;
        out[1] = 180 * rng.nextDouble() - 90;
    }
}
