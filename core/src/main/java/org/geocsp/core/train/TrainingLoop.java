package org.geocsp.core.train;

import org.geocsp.core.model.EpochStats;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.geocsp.core.data.BatchAssembler;
import org.geocsp.core.data.ClassBalancedSampler;
import org.geocsp.core.data.EpochSampler;
import org.geocsp.core.data.GeoDataset;
import org.geocsp.core.data.UniformShuffle;
import org.geocsp.core.loss.LossTerms;
import org.geocsp.core.model.GeoModel;
import org.geocsp.core.runtime.GeoRuntime;
import org.geocsp.core.runtime.GradMode;
import org.geocsp.core.runtime.TrainingLock;

/**
 * The epoch/step loop shared by pre-training and fine-tuning.
 *
 * <p>Determinism: the row order of an epoch depends on (seed, epoch), the random negatives and
 * the dropout masks of a step on (seed, global step): the engine's RNG is re-seeded at the start
 * of every step while the JVM-wide {@link TrainingLock} is held. Hence the same seed gives
 * bit-identical models on the CPU, a resumed run continues exactly like an uninterrupted one, and
 * two trainings in parallel threads do not disturb each other's randomness.
 */
public final class TrainingLoop {

    private final GeoModel model;
    private final TrainingTask task;
    private final TrainerSettings settings;
    private final TrainingListener listener;

    public TrainingLoop(GeoModel model, TrainingTask task, TrainerSettings settings, TrainingListener listener) {
        this.model = model;
        this.task = task;
        this.settings = settings;
        this.listener = listener == null ? TrainingListener.NONE : listener;
    }

    /**
     * Runs (or, with {@code resume}, continues) the training.
     *
     * @param train training rows
     * @param validation validation rows, or null
     * @param resume a checkpoint state to continue from, or null for a fresh run
     * @throws TrainingCancelledException if the listener cancelled; the model then holds the
     *     parameters of the last completed step and no checkpoint is half-written
     */
    public TrainingResult run(GeoDataset train, GeoDataset validation, Checkpoints.State resume) {
        long started = System.nanoTime();
        Engine engine = GeoRuntime.engine();
        Map<String, Parameter> params = task.parameters();
        EpochSampler sampler = settings.rowSampling() == TrainerSettings.RowSampling.CLASS_BALANCED
                ? ClassBalancedSampler.of(train, settings.maxPerClass())
                : new UniformShuffle(train.size());
        int epochSize = sampler.order(settings.seed(), 0).length;
        long stepsPerEpoch = Math.max(1, (epochSize + settings.batchSize() - 1) / settings.batchSize());
        long totalSteps = stepsPerEpoch * settings.epochs();
        AdamOptimizer.Settings adam = settings.optimizer() == TrainerSettings.OptimizerKind.ADAMW
                ? AdamOptimizer.Settings.adamW(settings.weightDecay())
                : AdamOptimizer.Settings.adam(settings.weightDecay());
        List<EpochStats> history = new ArrayList<>();
        ParameterStore ps = new ParameterStore(model.manager(), false);
        BatchAssembler assembler = new BatchAssembler(train, settings.batchSize(), task.needsEmbeddings(),
                task.needsLabels(), BatchAssembler.Mode.COPY); // owned tensors: see FastDropout on aliasing
        try (AdamOptimizer optimizer = new AdamOptimizer(adam, model.manager());
                BestSnapshot best = new BestSnapshot(model.manager())) {
            int startEpoch = 0;
            long globalStep = 0;
            int stale = 0;
            if (resume != null) {
                optimizer.restore(resume.optimizerState(), resume.optimizerStep());
                task.restoreState(resume.taskState());
                if (!resume.bestParameters().isEmpty()) {
                    best.restoreFrom(resume.bestParameters(), resume.bestEpoch(), resume.bestMetric());
                }
                history.addAll(resume.history());
                startEpoch = resume.epochsDone();
                globalStep = resume.globalStep();
                stale = resume.epochsWithoutImprovement();
            } else {
                task.prepare(train, settings.seed());
                if (!model.optimizerState().isEmpty()) {
                    // the CSP reference fine-tunes with the Adam of its pre-training: a fresh Adam
                    // would move every pre-trained weight by about lr in its first steps
                    List<String> carried = optimizer.carryOver(model.optimizerState(), params);
                    if (!carried.isEmpty()) {
                        listener.onMessage("continuing the optimiser moments of the model's previous training for "
                                + carried.size() + " of " + params.size() + " parameters");
                    }
                }
            }
            long trainedSamples = 0;
            double trainedSeconds = 0;
            for (int epoch = startEpoch; epoch < settings.epochs(); epoch++) {
                long epochStart = System.nanoTime();
                int[] order = sampler.order(settings.seed(), epoch);
                double plateau = plateauFactor(history, settings.patience());
                Map<String, Double> termSums = new LinkedHashMap<>();
                double lossSum = 0;
                long steps = 0;
                long epochSamples = 0;
                double lr = 0;
                for (int from = 0; from < order.length; from += settings.batchSize()) {
                    int to = Math.min(order.length, from + settings.batchSize());
                    if (to - from < 2) {
                        break; // a single row has no in-batch negatives
                    }
                    if (listener.isCancelled()) {
                        throw new TrainingCancelledException("training cancelled at epoch " + (epoch + 1)
                                + ", step " + (steps + 1));
                    }
                    long stepStart = System.nanoTime();
                    lr = settings.schedule().at(epoch, globalStep, totalSteps) * plateau;
                    Map<String, Double> values;
                    double total;
                    try (NDManager step = model.manager().newSubManager()) {
                        BatchAssembler.Batch batch = assembler.assemble(order, from, to, step);
                        LossTerms terms;
                        TrainingLock.acquire();
                        try {
                            engine.setRandomSeed(stepSeed(settings.seed(), globalStep));
                            try (GradientCollector gc = engine.newGradientCollector()) {
                                terms = task.loss(batch, ps, step, globalStep);
                                values = terms.values();
                                total = values.remove(LossTerms.TOTAL);
                                if (!Double.isFinite(total)) {
                                    values.put(LossTerms.TOTAL, total);
                                    return diverged(epoch, steps, values, best, history, globalStep, started,
                                            "the loss is not finite");
                                }
                                gc.backward(terms.total());
                            }
                            double gradNorm = clipGradients(params, step);
                            if (!Double.isFinite(gradNorm)) {
                                String where = nonFiniteGradients(params);
                                zeroGradients(params);
                                values.put(LossTerms.TOTAL, total);
                                return diverged(epoch, steps, values, best, history, globalStep, started,
                                        "the gradient is not finite in " + where);
                            }
                            optimizer.update(params, lr);
                        } finally {
                            TrainingLock.release();
                        }
                        task.afterStep(batch, terms);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new TrainingCancelledException("training interrupted at epoch " + (epoch + 1));
                    }
                    steps++;
                    globalStep++;
                    epochSamples += to - from;
                    lossSum += total;
                    values.forEach((k, v) -> termSums.merge(k, v, Double::sum));
                    trainedSamples += to - from;
                    trainedSeconds += (System.nanoTime() - stepStart) / 1e9;
                    double rate = trainedSamples / Math.max(trainedSeconds, 1e-9);
                    long remainingSamples = (totalSteps - globalStep) * (long) settings.batchSize();
                    listener.onStep(new StepProgress(epoch, settings.epochs(), steps - 1, stepsPerEpoch,
                            total, values, lr, rate, remainingSamples / rate));
                }
                double trainSeconds = (System.nanoTime() - epochStart) / 1e9;
                TrainingTask.Validation val = new TrainingTask.Validation(Double.NaN, Double.NaN);
                boolean isBest = false;
                if (validation != null && validation.size() > 1) {
                    try (GradMode g = GradMode.disabled()) {
                        val = task.validate(validation, ps, settings.batchSize());
                    }
                    if (best.offer(params, epoch + 1, val.metric())) {
                        isBest = true;
                        stale = 0;
                    } else {
                        stale++;
                    }
                }
                Map<String, Double> means = new LinkedHashMap<>();
                long n = Math.max(steps, 1);
                termSums.forEach((k, v) -> means.put(k, v / n));
                EpochStats stats = new EpochStats(epoch + 1, lossSum / n, means, val.loss(), val.metric(), lr,
                        epochSamples / Math.max(trainSeconds, 1e-9), (System.nanoTime() - epochStart) / 1e9, isBest);
                history.add(stats);
                listener.onEpoch(stats);
                boolean stop = settings.patience() > 0 && stale >= settings.patience();
                if (settings.checkpointDir() != null) {
                    writeCheckpoint(epoch + 1, globalStep, stale, optimizer, best, history);
                }
                if (stop) {
                    best.restoreInto(params);
                    handOver(optimizer);
                    String msg = "stopped early after epoch " + (epoch + 1) + ": " + task.metricName()
                            + " did not improve for " + settings.patience() + " epochs; kept epoch " + best.epoch();
                    listener.onMessage(msg);
                    return new TrainingResult(TrainingResult.Status.EARLY_STOPPED, msg, history, best.epoch(),
                            globalStep, seconds(started));
                }
            }
            handOver(optimizer);
            int kept = history.isEmpty() ? 0 : history.get(history.size() - 1).epoch();
            String msg = "completed " + settings.epochs() + " epochs";
            if (best.epoch() > 0) {
                best.restoreInto(params);
                kept = best.epoch();
                msg += "; kept epoch " + kept + " (best " + task.metricName() + ")";
            }
            return new TrainingResult(TrainingResult.Status.COMPLETED, msg, history, kept, globalStep,
                    seconds(started));
        }
    }

    /**
     * The learning-rate factor of reduce-on-plateau, which comes with early stopping: with
     * patience p > 0 the rate halves after every ceil(p/2) epochs without a better validation
     * metric, so that a run stops only after a lower rate has had its chance to improve. A function
     * of the epoch history, so a resumed run continues identically; 1 without early stopping.
     */
    static double plateauFactor(List<EpochStats> history, int patience) {
        if (patience <= 0) {
            return 1;
        }
        int after = (patience + 1) / 2;
        double factor = 1;
        int stale = 0;
        for (EpochStats e : history) {
            if (e.best()) {
                stale = 0;
            } else if (!Double.isNaN(e.validationMetric()) && ++stale % after == 0) {
                factor *= 0.5;
            }
        }
        return factor;
    }

    /**
     * Leaves the optimiser moments of the model's own parameters with the model if the task hands
     * them over (pre-training, so that fine-tuning continues them), else none. With a kept best
     * epoch they are the moments of the last step: statistics of the gradient scale, not of one
     * epoch's weights.
     */
    private void handOver(AdamOptimizer optimizer) {
        if (!task.handsOverOptimizerState()) {
            model.setOptimizerState(Map.of());
            return;
        }
        Map<String, Parameter> own = model.network().referenceParameters();
        Map<String, NDArray> state = new LinkedHashMap<>();
        optimizer.state().forEach((k, a) -> {
            if (own.containsKey(k.substring(2))) {
                state.put(k, a);
            }
        });
        model.setOptimizerState(state);
    }

    private TrainingResult diverged(int epoch, long step, Map<String, Double> values, BestSnapshot best,
            List<EpochStats> history, long globalStep, long started, String what) {
        String detail = what + " (loss terms " + values + ")";
        String msg = new TrainingDivergedException(epoch, step, detail).getMessage();
        int kept = 0;
        if (best.epoch() > 0) {
            best.restoreInto(task.parameters());
            kept = best.epoch();
            msg += " Kept the best validated epoch " + kept + ".";
        } else {
            msg += " Kept the parameters from before the failing step.";
        }
        listener.onMessage(msg);
        return new TrainingResult(TrainingResult.Status.DIVERGED, msg, history, kept, globalStep, seconds(started));
    }

    private void writeCheckpoint(int epochsDone, long globalStep, int stale, AdamOptimizer optimizer,
            BestSnapshot best, List<EpochStats> history) {
        try {
            Checkpoints.write(settings.checkpointDir(), model, task, optimizer,
                    new Checkpoints.Progress(epochsDone, globalStep, stale, best.epoch(), best.metric(), history),
                    best.arrays());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint of epoch " + epochsDone + " to "
                    + settings.checkpointDir() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The global L2 norm of the gradients, after scaling them so that it is at most the clip
     * setting (when set). A non-finite norm means the step must not be applied.
     */
    private double clipGradients(Map<String, Parameter> params, NDManager step) {
        List<NDArray> grads = new ArrayList<>();
        for (Parameter p : params.values()) {
            if (p.requiresGradient() && p.isInitialized() && p.getArray().hasGradient()) {
                NDArray g = p.getArray().getGradient();
                g.attach(step);
                grads.add(g);
            }
        }
        if (grads.isEmpty()) {
            return 0;
        }
        NDList squares = new NDList();
        for (NDArray g : grads) {
            squares.add(g.square().sum().toType(ai.djl.ndarray.types.DataType.FLOAT64, false).reshape(1));
        }
        double norm = Math.sqrt(NDArrays.concat(squares).sum().getDouble());
        double max = settings.gradientClipNorm();
        if (max > 0 && norm > max && Double.isFinite(norm)) {
            float scale = (float) (max / norm);
            for (NDArray g : grads) {
                g.muli(scale);
            }
        }
        return norm;
    }

    /** The names of the parameters whose gradient holds NaN or infinity (at most five). */
    private static String nonFiniteGradients(Map<String, Parameter> params) {
        List<String> bad = new ArrayList<>();
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            Parameter p = e.getValue();
            if (p.requiresGradient() && p.isInitialized() && p.getArray().hasGradient()) {
                try (NDArray g = p.getArray().getGradient(); NDArray sum = g.sum()) {
                    if (!Double.isFinite(sum.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble())) {
                        bad.add(e.getKey());
                    }
                }
            }
        }
        return bad.size() <= 5 ? String.join(", ", bad) : String.join(", ", bad.subList(0, 5)) + " and " + (bad.size() - 5) + " more";
    }

    /** Zeroes the gradients (they accumulate in libtorch) after a step that is not applied. */
    private static void zeroGradients(Map<String, Parameter> params) {
        for (Parameter p : params.values()) {
            if (p.isInitialized() && p.getArray().hasGradient()) {
                ai.djl.pytorch.jni.JniUtils.zeroGrad((ai.djl.pytorch.engine.PtNDArray) p.getArray());
            }
        }
    }

    /** A well-mixed int seed for the engine RNG from (run seed, global step). */
    static int stepSeed(long seed, long globalStep) {
        long z = seed * 0x9E3779B97F4A7C15L + globalStep;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (int) (z & 0x7FFFFFFF);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
