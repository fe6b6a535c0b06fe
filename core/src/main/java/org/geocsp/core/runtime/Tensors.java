package org.geocsp.core.runtime;

import ai.djl.ndarray.NDArray;

/**
 * Memory ownership of NDArrays. DJL's PyTorch engine creates an array from Java data by wrapping a
 * direct {@link java.nio.ByteBuffer} ({@code torch::from_blob}); only the Java wrapper object keeps
 * that buffer alive. Long-lived arrays (parameters, fixed encoder tensors) must not depend on
 * that: {@code NDArray.set(Buffer)} swaps the wrapper's buffer reference while the tensor may
 * keep using the old memory, which the garbage collector then frees (training showed NaN
 * gradients at random steps). Arrays made by {@link #owned(NDArray)} live in memory that
 * libtorch allocated and frees itself.
 */
public final class Tensors {

    private Tensors() {}

    /** A libtorch-owned copy of {@code a}; {@code a} is closed. */
    public static NDArray owned(NDArray a) {
        NDArray copy = a.duplicate(); // PtNDArray.duplicate is torch::clone: fresh libtorch storage
        a.close();
        return copy;
    }
}
