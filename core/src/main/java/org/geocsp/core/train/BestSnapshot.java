package org.geocsp.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.geocsp.core.runtime.Tensors;

/** A copy of the parameters of the best validated epoch, restored at the end of a run. */
final class BestSnapshot implements AutoCloseable {

    private final NDManager manager;
    private final Map<String, NDArray> arrays = new LinkedHashMap<>();
    private int epoch;
    private double metric = Double.NEGATIVE_INFINITY;

    BestSnapshot(NDManager parent) {
        this.manager = parent.newSubManager();
    }

    /** Keeps a copy if {@code value} beats the best so far (NaN never does); returns whether it did. */
    boolean offer(Map<String, Parameter> params, int epochNumber, double value) {
        if (!(value > metric) && epoch != 0) {
            return false;
        }
        if (Double.isNaN(value) && epoch != 0) {
            return false;
        }
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            NDArray src = e.getValue().getArray();
            NDArray dst = arrays.get(e.getKey());
            if (dst == null) {
                dst = manager.zeros(src.getShape(), src.getDataType(), src.getDevice());
                arrays.put(e.getKey(), dst);
            }
            Tensors.assign(dst, src);
        }
        epoch = epochNumber;
        metric = value;
        return true;
    }

    /** Copies the kept values back into the parameters (in place, so parameter stores stay valid). */
    void restoreInto(Map<String, Parameter> params) {
        if (epoch == 0) {
            return;
        }
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            NDArray kept = arrays.get(e.getKey());
            if (kept != null) {
                Tensors.assign(e.getValue().getArray(), kept);
            }
        }
    }

    /** Re-creates a snapshot read from a checkpoint. */
    void restoreFrom(Map<String, NDArray> saved, int epochNumber, double value) {
        for (Map.Entry<String, NDArray> e : saved.entrySet()) {
            NDArray copy = e.getValue().duplicate();
            copy.attach(manager);
            NDArray old = arrays.put(e.getKey(), copy);
            if (old != null) {
                old.close();
            }
        }
        epoch = epochNumber;
        metric = value;
    }

    /** 1-based epoch of the snapshot, 0 if none. */
    int epoch() {
        return epoch;
    }

    double metric() {
        return metric;
    }

    Map<String, NDArray> arrays() {
        return arrays;
    }

    @Override
    public void close() {
        manager.close();
    }
}
