package org.geocsp.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.geocsp.core.data.BatchAssembler;
import org.geocsp.core.data.GeoDataset;
import org.geocsp.core.geo.LocationSampler;
import org.geocsp.core.geo.Samplers;
import org.geocsp.core.geo.TrainingLocationSampler;
import org.geocsp.core.loss.ContrastiveBatch;
import org.geocsp.core.loss.EmbeddingQueue;
import org.geocsp.core.loss.InfoNce;
import org.geocsp.core.loss.LogitScaleBlock;
import org.geocsp.core.loss.LossTerms;
import org.geocsp.core.loss.McLoss;
import org.geocsp.core.loss.MseLoss;
import org.geocsp.core.loss.Objective;
import org.geocsp.core.loss.PretrainingLoss;
import org.geocsp.core.model.GeoModel;
import org.geocsp.core.nn.GeoNetwork;
import org.geocsp.core.nn.LinearLayer;

/**
 * Contrastive pre-training of the location encoder against locked image embeddings (CSP):
 * only the location encoder and the image projection (and task extras: a learnable temperature,
 * the MSE decoder) are trained. One step embeds the batch locations, their second dropout pass
 * and the random negatives in ONE forward pass of the location encoder (concatenated), which is
 * both faster and gives independent dropout masks per copy.
 */
final class PretrainTask implements TrainingTask {

    private final GeoModel model;
    private final GeoNetwork net;
    private final PretrainSettings settings;
    private final PretrainingLoss contrastive;
    private final MseLoss mse;
    private final LinearLayer locDecoder;
    private final LogitScaleBlock logitScale;
    private final EmbeddingQueue queue;
    /** The contrastive batch of the current step, handed to the queue after the update. */
    private ContrastiveBatch lastBatch;
    private GeoDataset trainRows;
    private LocationSampler sampler;

    PretrainTask(GeoModel model, PretrainSettings settings) {
        this.model = model;
        this.net = model.network();
        this.settings = settings;
        Objective obj = settings.objective();
        NDManager m = model.manager();
        EmbeddingQueue q = null;
        if (obj == Objective.L2REGRESS) {
            contrastive = null;
            mse = new MseLoss();
            locDecoder = LinearLayer.torchDefault(net.embeddingDim(), model.spec().imageDim(), true);
            org.geocsp.core.nn.SeededInitializer.seedAll(locDecoder, settings.trainer().seed() ^ 0x10CDECL);
            locDecoder.initialize(m, DataType.FLOAT32, new Shape(1, net.embeddingDim()));
        } else {
            mse = null;
            locDecoder = null;
            q = settings.queueSize() > 0 ? new EmbeddingQueue(m, settings.queueSize()) : null;
            contrastive = obj.create(settings.tauInBatch(), settings.tauRandom(), settings.tauSimcse(),
                    settings.drawsNegatives() ? settings.randomWeight() : 0,
                    settings.usesSecondPass() ? settings.simcseWeight() : 0, settings.learnableTemperature(),
                    settings.falseNegativeKm(), q);
        }
        queue = q;
        if (settings.learnableTemperature()) {
            logitScale = new LogitScaleBlock();
            logitScale.initialize(m, DataType.FLOAT32, new Shape(1));
        } else {
            logitScale = null;
        }
    }

    @Override
    public boolean needsEmbeddings() {
        return true;
    }

    @Override
    public boolean needsLabels() {
        return false;
    }

    @Override
    public Map<String, Parameter> parameters() {
        Map<String, Parameter> out = new LinkedHashMap<>(net.referenceParameters());
        out.putAll(extraParameters());
        return out;
    }

    @Override
    public Map<String, Parameter> extraParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        if (logitScale != null) {
            out.put(LogitScaleBlock.PARAMETER, logitScale.parameter());
        }
        if (locDecoder != null) {
            out.put("loc_dec.weight", locDecoder.weight());
            out.put("loc_dec.bias", locDecoder.bias());
        }
        return out;
    }

    @Override
    public void prepare(GeoDataset train, long seed) {
        net.locationEncoder().positionEncoder().fitToData(train.lonDegArray(), train.latDegArray(), seed);
    }

    /** The training rows, for the {@code training} negative sampler (also needed on resume). */
    void setTrainRows(GeoDataset train) {
        this.trainRows = train;
    }

    @Override
    public LossTerms loss(BatchAssembler.Batch batch, ParameterStore ps, NDManager step, long globalStep) {
        int b = batch.size();
        NDArray coords = batch.coordinates();
        NDList parts = new NDList(coords);
        boolean second = settings.usesSecondPass() && contrastive != null;
        boolean negatives = settings.drawsNegatives() && contrastive != null;
        int k = settings.negativesPerRow();
        if (second) {
            parts.add(coords);
        }
        if (negatives) {
            parts.add(negativeSampler(globalStep).sample(step, k * b));
        }
        NDArray all = parts.size() == 1 ? coords : NDArrays.concat(parts, 0);
        NDArray emb = net.embedLocations(ps, all, true);
        NDArray e = emb.get(new NDIndex("0:{}", b));
        NDArray v = net.projectImages(ps, batch.embeddings(), true);
        if (mse != null) {
            return mse.compute(locDecoder.apply(ps, e, true), batch.embeddings());
        }
        ContrastiveBatch cb = ContrastiveBatch.of(e, v).withCoordinates(coords);
        int offset = b;
        if (second) {
            cb = cb.withSecondPass(emb.get(new NDIndex("{}:{}", offset, offset + b)));
            offset += b;
        }
        if (negatives) {
            cb = cb.withRandomEmbeddings(emb.get(new NDIndex("{}:", offset)));
        }
        if (logitScale != null) {
            cb = cb.withLogitScale(logitScale.value(ps, coords.getDevice(), true));
        }
        lastBatch = cb;
        return contrastive.compute(cb);
    }

    /** The negative sampler, re-seeded from (run seed, global step) so that every step is reproducible. */
    private LocationSampler negativeSampler(long globalStep) {
        long seed = new SplittableRandom(settings.trainer().seed() ^ (0x5DEECE66DL * (globalStep + 1))).nextLong();
        if (sampler == null) {
            sampler = settings.sampler() == Samplers.Kind.TRAINING
                    ? Samplers.training(seed, trainRows.lonDegArray(), trainRows.latDegArray(),
                            settings.samplerJitterKm(), TrainingLocationSampler.Jitter.HALF_NORMAL)
                    : Samplers.create(settings.sampler(), seed);
        }
        sampler.reseed(seed);
        return sampler;
    }

    @Override
    public void afterStep(BatchAssembler.Batch batch, LossTerms terms) {
        if (queue != null && lastBatch != null && contrastive instanceof McLoss mc) {
            mc.enqueue(lastBatch);
        }
        lastBatch = null;
    }

    @Override
    public Validation validate(GeoDataset validation, ParameterStore ps, int batchSize) {
        int chunk = Math.min(batchSize, 1024);
        BatchAssembler assembler = new BatchAssembler(validation, chunk, true, false, BatchAssembler.Mode.COPY);
        int[] order = new int[validation.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        double lossSum = 0;
        long hits = 0;
        long rows = 0;
        for (int from = 0; from < order.length; from += chunk) {
            int to = Math.min(order.length, from + chunk);
            if (to - from < 2) {
                break;
            }
            try (NDManager step = model.manager().newSubManager()) {
                BatchAssembler.Batch batch = assembler.assemble(order, from, to, step);
                NDArray e = net.embedLocations(ps, batch.coordinates(), false);
                NDArray query;
                NDArray keys;
                if (locDecoder != null) {
                    query = normalize(locDecoder.apply(ps, e, false));
                    keys = normalize(batch.embeddings());
                    lossSum += mse.compute(locDecoder.apply(ps, e, false), batch.embeddings()).total().getFloat()
                            * (to - from);
                } else {
                    query = normalize(e);
                    keys = normalize(net.projectImages(ps, batch.embeddings(), false));
                }
                NDArray sim = query.matMul(keys.transpose()); // (n, n): location i vs image j
                if (locDecoder == null) {
                    double scale = logitScale != null
                            ? Math.exp(Math.min(logitScale.parameter().getArray().getFloat(0), LogitScaleBlock.MAX))
                            : 1.0 / settings.tauInBatch();
                    lossSum += InfoNce.inBatch(sim.mul((float) scale)).getFloat() * (to - from);
                }
                long[] argmax = sim.argMax(1).toLongArray();
                for (int i = 0; i < argmax.length; i++) {
                    if (argmax[i] == i) {
                        hits++;
                    }
                }
                rows += to - from;
            }
        }
        return new Validation(rows == 0 ? Double.NaN : lossSum / rows, rows == 0 ? Double.NaN : hits / (double) rows);
    }

    private static NDArray normalize(NDArray x) {
        return x.div(x.norm(new int[] {1}, true).maximum(1e-12f));
    }

    @Override
    public Map<String, NDArray> state() {
        if (queue == null || queue.isEmpty()) {
            return Map.of();
        }
        Map<String, NDArray> out = new LinkedHashMap<>();
        out.put("queue.embeddings", queue.embeddings());
        if (queue.hasCoordinates()) {
            out.put("queue.coordinates", queue.coordinates());
        }
        return out;
    }

    @Override
    public void restoreState(Map<String, NDArray> state) {
        if (queue != null && state.containsKey("queue.embeddings")) {
            queue.clear();
            NDArray c = state.get("queue.coordinates");
            queue.enqueue(state.get("queue.embeddings"), c);
        }
    }

    @Override
    public boolean handsOverOptimizerState() {
        return true;
    }

    @Override
    public String metricName() {
        return "validation location-to-image retrieval top-1";
    }

    @Override
    public void close() {
        if (queue != null) {
            queue.close();
        }
    }
}
