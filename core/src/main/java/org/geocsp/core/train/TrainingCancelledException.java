package org.geocsp.core.train;

/** Thrown when the caller cancelled a training; no half-written file is left behind. */
public class TrainingCancelledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TrainingCancelledException(String message) {
        super(message);
    }
}
