package org.geocsp.core.train;

/**
 * Thrown when a loss became NaN or infinite. The message names the epoch and step; the model
 * keeps the parameters of the last good state (the best validated epoch, or the state before the
 * failing step).
 */
public class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int epoch;
    private final long step;

    public TrainingDivergedException(int epoch, long step, String detail) {
        super("training diverged at epoch " + (epoch + 1) + ", step " + (step + 1) + ": " + detail
                + ". The model keeps its last good parameters. Try a lower learning rate, gradient clipping,"
                + " or a higher temperature.");
        this.epoch = epoch;
        this.step = step;
    }

    /** 0-based epoch of the failing step. */
    public int epoch() {
        return epoch;
    }

    /** 0-based step within the epoch. */
    public long step() {
        return step;
    }
}
