package org.geocsp.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.Map;
import org.geocsp.core.data.BatchAssembler;
import org.geocsp.core.data.GeoDataset;
import org.geocsp.core.loss.LossTerms;

/**
 * What a {@link TrainingLoop} optimises: pre-training (contrastive) or fine-tuning (classes).
 * The loop owns epochs, batching, seeding, the step lock, the optimiser, clipping, validation
 * bookkeeping, early stopping, checkpoints and progress; a task only says how a batch becomes a
 * loss and how the model is validated.
 */
public interface TrainingTask extends AutoCloseable {

    /** Whether batches need the image embeddings. */
    boolean needsEmbeddings();

    /** Whether batches need the labels. */
    boolean needsLabels();

    /**
     * Every parameter the optimiser may update, under stable names (the model's reference names
     * plus task-owned extras such as a learnable temperature). Frozen parameters may be included;
     * the optimiser skips them.
     */
    Map<String, Parameter> parameters();

    /** The task-owned parameters (not part of the model file), a subset of {@link #parameters()}. */
    default Map<String, Parameter> extraParameters() {
        return Map.of();
    }

    /** Called once before the first step of a fresh run (e.g. to fit rbf anchors); not on resume. */
    default void prepare(GeoDataset train, long seed) {}

    /**
     * The loss of one training batch, computed inside the gradient collector.
     *
     * @param globalStep 0-based step over the whole run (seeds the random negatives)
     */
    LossTerms loss(BatchAssembler.Batch batch, ParameterStore ps, NDManager step, long globalStep);

    /** Called after a successful update, outside the step lock (e.g. to fill a queue). */
    default void afterStep(BatchAssembler.Batch batch, LossTerms terms) {}

    /**
     * Validation in eval mode with autograd off.
     *
     * @return loss and metric (higher is better) on the validation rows
     */
    Validation validate(GeoDataset validation, ParameterStore ps, int batchSize);

    /** Task state beyond parameters that a checkpoint must keep (e.g. a negative queue). */
    default Map<String, NDArray> state() {
        return Map.of();
    }

    /** Restores {@link #state()} from a checkpoint. */
    default void restoreState(Map<String, NDArray> state) {}

    /**
     * Whether the trained model keeps the optimiser moments of this run (see
     * {@link org.geocsp.core.model.GeoModel#optimizerState()}) for a later run to continue:
     * pre-training does, so that fine-tuning continues them as in the CSP reference; otherwise
     * the model leaves with none (a fine-tuned model stays lean for prediction).
     */
    default boolean handsOverOptimizerState() {
        return false;
    }

    /** The name of the validation metric, for tables (e.g. "retrieval top-1"). */
    String metricName();

    @Override
    default void close() {}

    /**
     * A validation result.
     *
     * @param loss mean loss
     * @param metric higher-is-better metric
     */
    record Validation(double loss, double metric) {}
}
