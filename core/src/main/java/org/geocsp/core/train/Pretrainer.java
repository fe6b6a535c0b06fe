package org.geocsp.core.train;

import ai.djl.Device;
import com.google.gson.Gson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.geocsp.core.data.GeoDataset;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.model.GeoModel;
import org.geocsp.core.model.ModelSpec;
import org.geocsp.core.model.ModelStage;
import org.geocsp.core.model.PretrainingRecord;
import org.geocsp.core.model.ModelTransfer;
import org.geocsp.core.runtime.GeoRuntime;

/**
 * Contrastive spatial pre-training (CSP) of a location encoder against locked image embeddings.
 * The entry point of the Contrastive Pretrainer node and {@code geocsp pretrain}.
 */
public final class Pretrainer {

    private Pretrainer() {}

    /**
     * The pre-trained model and how the run went.
     *
     * @param model the trained model (a new object when the input lacked an image projection or
     *     lived on another device; the caller owns it)
     * @param training epochs, status and message
     */
    public record Result(GeoModel model, TrainingResult training) implements AutoCloseable {
        /** Closes the model. */
        @Override
        public void close() {
            model.close();
        }
    }

    /**
     * Pre-trains. If the model has no image projection yet (a freshly created encoder), one of
     * the data's embedding width is added; the location encoder's parameters are carried over.
     *
     * @throws InvalidInputException naming the problem when the data do not fit the model or settings
     */
    public static Result run(GeoModel model, GeoDataset data, PretrainSettings settings, TrainingListener listener) {
        GeoModel target = prepareModel(model, data, settings);
        try {
            recordRun(settings.trainer(), RunRecord.of(settings, data, target.spec()));
            GeoDataset.Split split = split(data, settings.trainer());
            if (settings.embeddingRescale()) {
                // measured before training and kept with the model (and its checkpoints, for a resume)
                double untrained = EmbeddingRescale.untrainedNorm(target.spec(), settings.trainer().seed(),
                        split.train());
                target.setSpec(target.spec().withMetadata(EmbeddingRescale.UNTRAINED_NORM,
                        Double.toString(untrained)));
            }
            return train(target, split, settings, listener, null);
        } catch (RuntimeException e) {
            if (target != model) {
                target.close(); // a model derived here belongs to nobody else
            }
            throw e;
        }
    }

    /**
     * Continues a run from its checkpoint folder (written with the same settings and data); the
     * result is identical to the uninterrupted run.
     */
    public static Result resume(Path checkpointDir, GeoDataset data, PretrainSettings settings,
            TrainingListener listener) throws IOException {
        Device device = GeoRuntime.resolveDevice(settings.trainer().device());
        GeoModel model = Checkpoints.loadModel(checkpointDir, device);
        try {
            RunRecord.check(checkpointDir, RunRecord.of(settings, data, model.spec()));
            Checkpoints.State state = Checkpoints.read(checkpointDir, model.manager());
            return train(model, split(data, settings.trainer()), settings, listener, state);
        } catch (RuntimeException | IOException e) {
            model.close();
            throw e;
        }
    }

    /** Writes what the run was started with beside its checkpoints, for {@link RunRecord#check}. */
    static void recordRun(TrainerSettings t, java.util.Map<String, String> run) {
        if (t.checkpointDir() != null) {
            try {
                RunRecord.write(t.checkpointDir(), run);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot write " + t.checkpointDir().resolve(RunRecord.FILE)
                        + ": " + e.getMessage(), e);
            }
        }
    }

    private static Result train(GeoModel model, GeoDataset.Split split, PretrainSettings settings,
            TrainingListener listener, Checkpoints.State resume) {
        try (PretrainTask task = new PretrainTask(model, settings)) {
            task.setTrainRows(split.train());
            if (resume != null) {
                Checkpoints.restoreExtraParameters(resume, task);
            }
            TrainingResult r = new TrainingLoop(model, task, settings.trainer(), listener)
                    .run(split.train(), split.validation(), resume);
            if (settings.embeddingRescale()) {
                String stored = model.spec().metadata().get(EmbeddingRescale.UNTRAINED_NORM);
                double untrained = stored != null ? Double.parseDouble(stored)
                        : EmbeddingRescale.untrainedNorm(model.spec(), settings.trainer().seed(), split.train());
                String account = EmbeddingRescale.rescale(model, untrained, split.train());
                if (listener != null) {
                    listener.onMessage(account);
                }
            }
            ModelSpec spec = model.spec();
            model.setSpec(spec.withStage(ModelStage.PRETRAINED).withProvenance(spec.provenance().withPretraining(
                    new PretrainingRecord(settings.objective(), r.status().name(), r.bestEpoch(), r.history()))));
            return new Result(model, r);
        }
    }

    static GeoDataset.Split split(GeoDataset data, TrainerSettings t) {
        if (t.validationFraction() > 0) {
            GeoDataset.Split s = data.split(t.validationFraction(), t.seed());
            if (s.train().size() < 2) {
                throw new InvalidInputException("only " + s.train().size() + " training row(s) remain after holding out "
                        + t.validationFraction() + " for validation; add rows or lower the validation fraction");
            }
            return s;
        }
        int[] all = new int[data.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return new GeoDataset.Split(data, null, all, new int[0]);
    }

    private static GeoModel prepareModel(GeoModel model, GeoDataset data, PretrainSettings settings) {
        if (!data.hasFeatures()) {
            throw new InvalidInputException("pre-training needs an image-embedding column; the table has none");
        }
        if (data.size() < 2) {
            throw new InvalidInputException("pre-training needs at least 2 rows, the table has " + data.size());
        }
        ModelSpec spec = model.spec();
        if (spec.imageDim() != 0 && spec.imageDim() != data.featureDim()) {
            throw new InvalidInputException("the model's image projection expects embeddings of width " + spec.imageDim()
                    + " but the image-embedding column has width " + data.featureDim());
        }
        Device device = GeoRuntime.resolveDevice(settings.trainer().device());
        if (spec.imageDim() == data.featureDim() && device.equals(model.device())) {
            return model;
        }
        ModelSpec withImages = spec.imageDim() == 0 ? spec.withImageDim(data.featureDim(), List.of()) : spec;
        return ModelTransfer.derive(model, withImages, device, settings.trainer().seed());
    }
}
