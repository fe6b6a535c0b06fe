package org.geocsp.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import org.geocsp.core.geo.GreatCircle;

/** Differentiable building blocks shared by the losses (package-private). */
final class LossMath {

    /** The reference's epsilon inside {@code -log(p + eps)}. */
    static final double BCE_EPS = 1e-5;
    /**
     * Floor of the L2 norm. The reference divides by the norm with no epsilon; the floor only
     * matters for an all-zero embedding (NaN in the reference) and changes no golden value.
     */
    static final double NORM_FLOOR = 1e-12;

    private LossMath() {}

    /**
     * A 0-dim constant in {@code like}'s dtype and manager. Needed because a {@code Number}
     * operand becomes a float64 0-dim array in DJL, and PyTorch promotes 0-dim float32 ⊗ 0-dim
     * float64 to float64 (it does not for ≥1-dim float32 arrays).
     */
    static NDArray constant(NDArray like, double value) {
        return like.getManager().create(value).toType(like.getDataType(), false);
    }

    /**
     * x·w for a (possibly 0-dim) x, keeping x's dtype. Never write {@code x.mul(w)} with a Java
     * number on arrays that need gradients: DJL wraps the number in an array backed by a direct
     * buffer and closes it right after the op, but autograd keeps that array for the backward
     * pass, which then reads freed memory (NaN gradients at random steps). The constant here
     * lives in x's manager until the step's manager closes.
     */
    static NDArray times(NDArray x, double w) {
        return x.mul(constant(x, w));
    }

    /** x/d, keeping x's dtype; see {@link #times(NDArray, double)} for why not {@code x.div(d)}. */
    static NDArray divide(NDArray x, double d) {
        return x.div(constant(x, d));
    }

    /** Row-wise x/‖x‖₂ of a (N, d) array. */
    static NDArray l2Normalize(NDArray x) {
        // linalg norm, not sqrt(sum(x^2)): its backward is defined (0) at a zero row, where
        // sqrt's backward is 0/0 = NaN even behind the floor
        NDArray norm = x.norm(new int[] {1}, true);
        norm = norm.maximum(constant(norm, NORM_FLOOR));
        return x.div(norm);
    }

    /** Row-wise dot product of two (N, d) arrays, shape (N). */
    static NDArray rowDot(NDArray a, NDArray b) {
        return a.mul(b).sum(new int[] {1});
    }

    /** −log(p + 1e-5), the reference's binary cross-entropy of a probability. */
    static NDArray bce(NDArray p) {
        return p.add(BCE_EPS).log().neg();
    }

    /** {@link InfoNce#inBatch(NDArray)}. */
    static NDArray crossEntropyDiagonal(NDArray logits) {
        return InfoNce.inBatch(logits);
    }

    /** Mean over rows of the cross-entropy with label 0: logits (N, M). */
    static NDArray crossEntropyFirstColumn(NDArray logits) {
        return logits.logSoftmax(1).get(":, 0").mean().neg();
    }

    /** Replaces the logits where {@code mask} is true by −∞ (excluded from the softmax). */
    static NDArray maskOut(NDArray logits, NDArray mask) {
        NDArray negInf = logits.getManager().full(logits.getShape(), Float.NEGATIVE_INFINITY, logits.getDataType());
        return NDArrays.where(mask, negInf, logits);
    }

    /**
     * Boolean (A, B) mask of pairs within {@code radiusKm} (great-circle, inclusive). With
     * {@code excludeDiagonal} the pairs (i, i) are never masked (A must equal B then).
     */
    static NDArray nearMask(NDArray lonLatA, NDArray lonLatB, double radiusKm, boolean excludeDiagonal) {
        NDArray near = GreatCircle.pairwiseKm(lonLatA, lonLatB).lte(radiusKm);
        if (excludeDiagonal) {
            long n = lonLatA.getShape().get(0);
            NDArray eye = near.getManager().eye((int) n).toType(ai.djl.ndarray.types.DataType.BOOLEAN, false);
            near = near.logicalAnd(eye.logicalNot());
        }
        return near;
    }

    /** Concatenates along axis 1. */
    static NDArray concatColumns(NDArray a, NDArray b) {
        return NDArrays.concat(new NDList(a, b), 1);
    }

    static void requireMatrix(NDArray a, String what) {
        Shape s = a.getShape();
        if (s.dimension() != 2) {
            throw new IllegalArgumentException(what + " must be a matrix (rows, columns); got shape " + s);
        }
    }
}
