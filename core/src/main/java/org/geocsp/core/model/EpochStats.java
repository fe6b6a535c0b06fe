package org.geocsp.core.model;

import java.util.Map;

/**
 * The statistics of one epoch, one row of the training-statistics table.
 *
 * @param epoch 1-based epoch number
 * @param trainLoss mean training loss over the epoch's steps
 * @param trainTerms mean of each unweighted loss component
 * @param validationLoss validation loss (NaN without a validation split)
 * @param validationMetric the task's validation metric, higher is better (pre-training:
 *     location-to-image retrieval top-1; fine-tuning: top-1 accuracy), NaN without validation
 * @param learningRate the rate of the epoch's last step
 * @param samplesPerSecond training throughput of the epoch
 * @param seconds wall time of the epoch including validation
 * @param best whether this epoch is the best so far (the kept model)
 */
public record EpochStats(int epoch, double trainLoss, Map<String, Double> trainTerms, double validationLoss,
        double validationMetric, double learningRate, double samplesPerSecond, double seconds, boolean best) {}
