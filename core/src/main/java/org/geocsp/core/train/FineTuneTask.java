package org.geocsp.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.geocsp.core.data.BatchAssembler;
import org.geocsp.core.data.GeoDataset;
import org.geocsp.core.geo.LocationSampler;
import org.geocsp.core.geo.Samplers;
import org.geocsp.core.loss.LossTerms;
import org.geocsp.core.loss.PresenceAbsenceLoss;
import org.geocsp.core.loss.SoftmaxCrossEntropy;
import org.geocsp.core.model.GeoModel;
import org.geocsp.core.model.ModelStage;
import org.geocsp.core.nn.GeoNetwork;

/**
 * Supervised training of the class head (and, unless frozen, the location encoder) on labelled
 * locations. With the presence-absence loss each step also embeds one random background location
 * per row, in the same forward pass as the batch. With an image classifier its softmax
 * cross-entropy on the rows' image embeddings is added as the term {@code L_img}; it shares no
 * parameter with the location side, so the sum trains both as if separately. Validation then
 * scores the combined prediction p_img ⊙ p_loc, the one the model will be used for.
 */
final class FineTuneTask implements TrainingTask {

    private final GeoModel model;
    private final GeoNetwork net;
    private final FineTuneSettings settings;
    private final PresenceAbsenceLoss presenceAbsence;
    private final SoftmaxCrossEntropy softmax;
    private final SoftmaxCrossEntropy imageLoss;
    private LocationSampler sampler;

    FineTuneTask(GeoModel model, FineTuneSettings settings) {
        this.model = model;
        this.net = model.network();
        this.settings = settings;
        int c = model.spec().numClasses();
        if (settings.loss() == FineTuneSettings.LossKind.PRESENCE_ABSENCE) {
            presenceAbsence = PresenceAbsenceLoss.reference(c, settings.randomWeight());
            softmax = null;
        } else {
            presenceAbsence = null;
            softmax = new SoftmaxCrossEntropy();
        }
        imageLoss = net.imageClassifier() != null ? new SoftmaxCrossEntropy() : null;
        net.freeze(settings.freeze());
    }

    @Override
    public boolean needsEmbeddings() {
        return imageLoss != null;
    }

    @Override
    public boolean needsLabels() {
        return true;
    }

    @Override
    public Map<String, Parameter> parameters() {
        return net.referenceParameters();
    }

    @Override
    public void prepare(GeoDataset train, long seed) {
        if (model.spec().stage() == ModelStage.INITIALISED) {
            // a fresh encoder (supervised-only baseline): data-dependent encoders fit here
            net.locationEncoder().positionEncoder().fitToData(train.lonDegArray(), train.latDegArray(), seed);
        }
    }

    private boolean drawsBackground() {
        return presenceAbsence != null && settings.randomWeight() > 0;
    }

    @Override
    public LossTerms loss(BatchAssembler.Batch batch, ParameterStore ps, NDManager step, long globalStep) {
        int b = batch.size();
        NDArray coords = batch.coordinates();
        NDArray all = coords;
        if (drawsBackground()) {
            all = NDArrays.concat(new NDList(coords, backgroundSampler(globalStep).sample(step, b)), 0);
        }
        NDArray logits = net.classLogits(ps, net.embedLocations(ps, all, true), true);
        LossTerms location;
        if (presenceAbsence == null) {
            location = softmax.compute(logits, batch.labels());
        } else {
            NDArray observed = drawsBackground() ? logits.get(new NDIndex("0:{}", b)) : logits;
            NDArray background = drawsBackground() ? logits.get(new NDIndex("{}:", b)) : null;
            location = presenceAbsence.compute(observed, batch.labels(), background);
        }
        if (imageLoss == null) {
            return location;
        }
        NDArray image = imageLoss.compute(net.imageClassLogits(ps, batch.embeddings(), true), batch.labels()).total();
        Map<String, NDArray> parts = new LinkedHashMap<>(location.components());
        parts.put(LossTerms.L_IMG, image);
        return new LossTerms(location.total().add(image), parts);
    }

    private LocationSampler backgroundSampler(long globalStep) {
        long seed = new SplittableRandom(settings.trainer().seed() ^ (0x2545F4914F6CDD1DL * (globalStep + 1))).nextLong();
        if (sampler == null) {
            sampler = Samplers.create(settings.sampler(), seed);
        }
        sampler.reseed(seed);
        return sampler;
    }

    @Override
    public Validation validate(GeoDataset validation, ParameterStore ps, int batchSize) {
        BatchAssembler assembler = new BatchAssembler(validation, batchSize, imageLoss != null, true,
                BatchAssembler.Mode.COPY);
        int[] order = new int[validation.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        double lossSum = 0;
        long hits = 0;
        for (int from = 0; from < order.length; from += batchSize) {
            int to = Math.min(order.length, from + batchSize);
            try (NDManager step = model.manager().newSubManager()) {
                BatchAssembler.Batch batch = assembler.assemble(order, from, to, step);
                NDArray logits = net.classLogits(ps, net.embedLocations(ps, batch.coordinates(), false), false);
                LossTerms t = presenceAbsence != null
                        ? PresenceAbsenceLoss.reference(model.spec().numClasses(), 0).compute(logits, batch.labels(), null)
                        : softmax.compute(logits, batch.labels());
                lossSum += t.total().getFloat() * (to - from);
                NDArray scores = logits;
                if (imageLoss != null) {
                    // argmax of p_img ⊙ p_loc = argmax of log p_img + log p_loc
                    NDArray logLoc = presenceAbsence != null ? Activation.softPlus(logits.neg()).neg()
                            : logits.logSoftmax(1);
                    scores = net.imageClassLogits(ps, batch.embeddings(), false).logSoftmax(1).add(logLoc);
                }
                long[] pred = scores.argMax(1).toLongArray();
                long[] truth = batch.labels().toLongArray();
                for (int i = 0; i < pred.length; i++) {
                    if (pred[i] == truth[i]) {
                        hits++;
                    }
                }
            }
        }
        int n = order.length;
        return new Validation(lossSum / Math.max(n, 1), hits / (double) Math.max(n, 1));
    }

    @Override
    public String metricName() {
        return imageLoss != null ? "validation top-1 accuracy of the combined (image × location) prediction"
                : "validation top-1 accuracy";
    }
}
