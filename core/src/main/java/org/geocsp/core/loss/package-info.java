/**
 * Training losses as pure functions on DJL NDArrays, differentiable inside a
 * {@code GradientCollector}: the CSP pre-training objectives ({@link org.geocsp.core.loss.Objective}),
 * the fine-tuning presence–absence loss and a softmax alternative. Every loss returns
 * {@link org.geocsp.core.loss.LossTerms}: the scalar total plus named, unweighted components.
 *
 * <p>No loss copies data to Java arrays; all intermediate arrays attach to the manager of the
 * inputs, so callers should pass inputs that live in a per-step sub-manager.
 */
package org.geocsp.core.loss;
