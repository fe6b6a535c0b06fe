package org.geocsp.core.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.nio.Buffer;

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

    /**
     * Copies {@code source} into {@code target} in place (same shape; moved to the target's device
     * and type when they differ). The one way GeoCSP overwrites an existing array: DJL's
     * {@code NDArray.set(Buffer)} and {@code copyTo} run under libtorch's deprecated
     * {@code AutoNonVariableTypeMode}, which prints a warning line on stderr in every process
     * (and {@code set(Buffer)} has the memory hazard above); an indexed assignment over the whole
     * array ({@code index_put_}) does neither.
     */
    public static void assign(NDArray target, NDArray source) {
        NDArray s = source;
        if (!s.getDevice().equals(target.getDevice())) {
            s = s.toDevice(target.getDevice(), true);
        }
        if (s.getDataType() != target.getDataType()) {
            NDArray t = s.toType(target.getDataType(), true);
            if (s != source) {
                s.close();
            }
            s = t;
        }
        try (GradMode noGrad = GradMode.disabled()) { // a copy, not a step of the graph (parameters are leaves)
            target.set(ALL, s);
        }
        if (s != source) {
            s.close();
        }
    }

    /** Copies {@code values} (in the target's element type and row-major order) into {@code target} in place. */
    public static void assign(NDArray target, Buffer values) {
        try (NDManager tmp = target.getManager().newSubManager(target.getDevice())) {
            assign(target, tmp.create(values, target.getShape(), target.getDataType()));
        }
    }

    private static final NDIndex ALL = new NDIndex("...");
}
