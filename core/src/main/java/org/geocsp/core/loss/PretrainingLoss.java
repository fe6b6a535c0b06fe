package org.geocsp.core.loss;

/** A pre-training loss computed from one {@link ContrastiveBatch}. */
public interface PretrainingLoss {

    /** The reference name of the objective (see {@link Objective}). */
    String name();

    /** The loss of one batch; differentiable with respect to every input embedding. */
    LossTerms compute(ContrastiveBatch batch);
}
