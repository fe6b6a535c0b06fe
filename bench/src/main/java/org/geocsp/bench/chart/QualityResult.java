package org.geocsp.bench.chart;

/**
 * One evaluation result for {@link QualityChart}: the top-1 accuracy of {@code method} on
 * {@code task} when fine-tuned with a fraction {@code labelRatio} of the labels.
 *
 * @param task the prediction task, e.g. "country" or "admin1"
 * @param labelRatio fraction of labelled training rows used, in (0, 1] (0.05 = 5%)
 * @param method the method's name, e.g. "CSP (sphereM+)" or "no pre-training"
 * @param top1Location top-1 accuracy in [0, 1] from the location alone; NaN if not measured
 * @param top1Combined top-1 accuracy in [0, 1] from location combined with image
 *     probabilities; NaN if not measured
 */
public record QualityResult(String task, double labelRatio, String method, double top1Location, double top1Combined) {
}
