package org.geocsp.core.loss;

import ai.djl.ndarray.NDArray;

/**
 * The in-batch InfoNCE loss, written once: the mean over rows of the cross-entropy whose label
 * for row i is column i. Used by the MC loss's in-batch term, the pre-training validation loss
 * and the runtime self-test.
 */
public final class InfoNce {

    private InfoNce() {
    }

    /**
     * Mean cross-entropy with label i for row i of {@code logits} (N, M), M ≥ N. Picks the
     * diagonal rather than multiplying by a one-hot matrix, so −∞ entries (masked logits) never
     * meet a 0 and produce NaN.
     */
    public static NDArray inBatch(NDArray logits) {
        return logits.logSoftmax(1).diagonal().mean().neg();
    }
}
