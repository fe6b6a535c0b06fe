package org.geocsp.core.train;

import ai.djl.Device;
import com.google.gson.Gson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.geocsp.core.data.FewShotSelector;
import org.geocsp.core.data.GeoDataset;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.model.GeoModel;
import org.geocsp.core.model.FineTuningRecord;
import org.geocsp.core.model.ModelSpec;
import org.geocsp.core.model.ModelStage;
import org.geocsp.core.model.ModelTransfer;
import org.geocsp.core.runtime.GeoRuntime;

/**
 * Supervised fine-tuning of a (pre-trained or fresh) location encoder with a class head: the
 * entry point of the Fine-Tuner node and {@code geocsp finetune}. The class labels (strings, in the
 * data's order) become part of the model.
 *
 * <p>Protocol: first the few-shot subset is drawn (per class round(n·ratio), at least one,
 * seeded, as CSP), then it is split into training and validation rows, stratified, with classes
 * of a single row kept in training.
 */
public final class FineTuner {

    private FineTuner() {}

    /**
     * The fine-tuned model and how the run went.
     *
     * @param model the new model with its class head (the caller owns it)
     * @param training epochs, status and message
     * @param labelledRowsUsed rows kept by the label ratio (training + validation)
     */
    public record Result(GeoModel model, TrainingResult training, int labelledRowsUsed) implements AutoCloseable {
        @Override
        public void close() {
            model.close();
        }
    }

    /** Fine-tunes; the input model is not changed. */
    public static Result run(GeoModel encoder, GeoDataset labelled, FineTuneSettings settings,
            TrainingListener listener) {
        checkData(labelled, settings);
        GeoDataset selected = fewShot(labelled, settings);
        GeoDataset.Split split = Pretrainer.split(selected, settings.trainer());
        Device device = GeoRuntime.resolveDevice(settings.trainer().device());
        ModelSpec spec = encoder.spec().withClassLabels(labelled.labelNames())
                .withImageClassifier(settings.imageClassifier() ? labelled.featureDim() : 0);
        GeoModel model = ModelTransfer.derive(encoder, spec, device, settings.trainer().seed());
        try {
            Pretrainer.recordRun(settings.trainer(), RunRecord.of(settings, labelled, model.spec()));
            return train(model, split, settings, listener, null, selected.size());
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** Continues a fine-tuning run from its checkpoint folder (same settings and data). */
    public static Result resume(Path checkpointDir, GeoDataset labelled, FineTuneSettings settings,
            TrainingListener listener) throws IOException {
        checkData(labelled, settings);
        GeoDataset selected = fewShot(labelled, settings);
        GeoModel model = Checkpoints.loadModel(checkpointDir, GeoRuntime.resolveDevice(settings.trainer().device()));
        try {
            if (model.spec().hasImageClassifier() != settings.imageClassifier()) {
                throw new InvalidInputException("setting 'image classifier' is " + (settings.imageClassifier() ? "on" : "off")
                        + " but the run in " + checkpointDir + " was started with it " + (settings.imageClassifier() ? "off" : "on")
                        + "; resume with the settings of the original run");
            }
            RunRecord.check(checkpointDir, RunRecord.of(settings, labelled, model.spec()));
            Checkpoints.State state = Checkpoints.read(checkpointDir, model.manager());
            return train(model, Pretrainer.split(selected, settings.trainer()), settings, listener, state,
                    selected.size());
        } catch (RuntimeException | IOException e) {
            model.close();
            throw e;
        }
    }

    private static Result train(GeoModel model, GeoDataset.Split split, FineTuneSettings settings,
            TrainingListener listener, Checkpoints.State resume, int used) {
        try (FineTuneTask task = new FineTuneTask(model, settings)) {
            TrainingResult r = new TrainingLoop(model, task, settings.trainer(), listener)
                    .run(split.train(), split.validation(), resume);
            model.network().freeze(org.geocsp.core.nn.FreezeMode.NONE);
            Double temperature = null;
            if (model.network().imageClassifier() != null) {
                GeoDataset val = split.validation();
                if (val != null && val.size() >= 2 && r.status() != TrainingResult.Status.DIVERGED) {
                    double t = TemperatureScaling.calibrate(model, val, settings.trainer().batchSize(),
                            settings.trainer().seed());
                    temperature = t;
                    (listener == null ? TrainingListener.NONE : listener).onMessage(String.format(java.util.Locale.ROOT,
                            "image classifier calibrated on %d validation rows: temperature %.3f", val.size(), t));
                }
            }
            ModelSpec spec = model.spec();
            String loss = settings.loss() == FineTuneSettings.LossKind.SOFTMAX ? FineTuningRecord.SOFTMAX
                    : FineTuningRecord.PRESENCE_ABSENCE;
            model.setSpec(spec.withStage(ModelStage.FINETUNED).withProvenance(spec.provenance().withFineTuning(
                    new FineTuningRecord(loss, settings.labelRatio(), used, settings.imageClassifier(), temperature,
                            r.status().name(), r.bestEpoch(), r.history()))));
            return new Result(model, r, used);
        }
    }

    /** The labelled rows kept by the label ratio (all of them at ratio 1), seeded by the run seed. */
    private static GeoDataset fewShot(GeoDataset labelled, FineTuneSettings settings) {
        return settings.labelRatio() < 1
                ? new FewShotSelector(settings.labelRatio()).select(labelled, settings.trainer().seed())
                : labelled;
    }

    private static void checkData(GeoDataset labelled, FineTuneSettings settings) {
        if (settings.imageClassifier() && !labelled.hasFeatures()) {
            throw new InvalidInputException("setting 'image classifier' needs an image-embedding column to learn"
                    + " P(class | image) from; the table has none (choose one, or turn the image classifier off)");
        }
        if (!labelled.hasLabels()) {
            throw new InvalidInputException("fine-tuning needs a label column; the table has none");
        }
        if (labelled.size() < 2) {
            throw new InvalidInputException("fine-tuning needs at least 2 labelled rows, the table has "
                    + labelled.size());
        }
        if (labelled.numClasses() < 2) {
            throw new InvalidInputException("fine-tuning needs at least 2 classes; the label column holds only "
                    + List.copyOf(labelled.labelNames()));
        }
    }
}
