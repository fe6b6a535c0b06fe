package org.geocsp.core.train;

import java.util.Map;

/**
 * Progress after one step.
 *
 * @param epoch 0-based epoch
 * @param epochs number of epochs planned
 * @param step 0-based step within the epoch
 * @param stepsPerEpoch steps in an epoch
 * @param loss the step's total loss
 * @param terms the unweighted loss components (e.g. L_B, L_L, L_D)
 * @param learningRate the rate used for the step
 * @param samplesPerSecond training throughput over the run so far
 * @param etaSeconds estimated seconds to the end of the run (training steps only)
 */
public record StepProgress(int epoch, int epochs, long step, long stepsPerEpoch, double loss, Map<String, Double> terms,
        double learningRate, double samplesPerSecond, double etaSeconds) {

    /** Fraction of the whole run done, in [0, 1]. */
    public double fractionDone() {
        double total = (double) epochs * stepsPerEpoch;
        return total <= 0 ? 1 : Math.min(1, (epoch * (double) stepsPerEpoch + step + 1) / total);
    }
}
