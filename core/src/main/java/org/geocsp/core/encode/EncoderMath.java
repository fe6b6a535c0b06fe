package org.geocsp.core.encode;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;

/**
 * Tensor plumbing shared by the position encoders. Every helper works on float64 arrays on the
 * input's device and never leaves NDArray land.
 */
final class EncoderMath {

    /** π/180 as one constant: {@code deg * DEG_TO_RAD} is how numpy's deg2rad rounds. */
    static final double DEG_TO_RAD = Math.PI / 180.0;

    private EncoderMath() {}

    /** The frequencies as a float64 array of the given shape, on the device of {@code like}. */
    static NDArray frequencies(NDArray like, double[] w, long... shape) {
        return like.getManager().create(w).toDevice(like.getDevice(), false).reshape(shape);
    }

    /** Splits (B, 2) into its (B, 1) longitude and latitude columns. */
    static NDList lonLat(NDArray lonLat) {
        return lonLat.split(2, 1);
    }

    /**
     * Degrees to radians as the Sphere2Vec reference writes it, {@code x·π/180}: a multiplication
     * by π followed by a division by 180 (two roundings, unlike {@link #DEG_TO_RAD}).
     */
    static NDArray piOver180(NDArray deg) {
        return deg.mul(Math.PI).div(180.0);
    }

    /** Stacks same-shaped arrays along a new last axis. */
    static NDArray stackLast(NDArray... parts) {
        return NDArrays.stack(new NDList(parts), parts[0].getShape().dimension());
    }
}
