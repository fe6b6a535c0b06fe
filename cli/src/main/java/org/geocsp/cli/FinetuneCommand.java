package org.geocsp.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.geocsp.cli.io.CsvTableReader;
import org.geocsp.core.data.GeoDataset;
import org.geocsp.core.geo.Samplers;
import org.geocsp.core.model.GeoModel;
import org.geocsp.core.model.ModelFile;
import org.geocsp.core.nn.FreezeMode;
import org.geocsp.core.runtime.DeviceChoice;
import org.geocsp.core.runtime.GeoRuntime;
import org.geocsp.core.train.FineTuneSettings;
import org.geocsp.core.train.FineTuner;
import org.geocsp.core.train.LearningRateSchedule;
import org.geocsp.core.train.TrainerSettings;
import org.geocsp.core.train.TrainingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code geocsp finetune}: supervised fine-tuning of a (pre-trained) location encoder on labelled locations. */
@Command(name = "finetune", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fine-tune a location encoder with a class head on labelled locations (CSP protocol).",
            "LABELLED.csv has lon,lat (degrees) and the label column; its image-embedding columns are used only with"
                    + " --image-classifier."})
final class FinetuneCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "PRETRAINED", description = "Model file to start from (pre-trained, or a fresh encoder for a supervised-only baseline).")
    Path model;

    @Option(names = "--input", required = true, paramLabel = "LABELLED.csv", description = "Labelled locations.")
    Path input;

    @Option(names = "--label-column", required = true, paramLabel = "NAME", description = "Column holding the class labels (text).")
    String labelColumn;

    @Option(names = "--output", required = true, paramLabel = "MODEL", description = "Model file to write.")
    Path output;

    @Option(names = "--label-ratio", defaultValue = "1", paramLabel = "R", description = "Share of labelled rows kept per class, at least one (default ${DEFAULT-VALUE}).")
    double labelRatio;

    @Option(names = "--loss", defaultValue = "presence-absence", description = "presence-absence (reference) or softmax (default ${DEFAULT-VALUE}).")
    String loss;

    @Option(names = "--random-weight", defaultValue = "1", description = "Weight of the background term at random locations (default ${DEFAULT-VALUE}).")
    double randomWeight;

    @Option(names = "--sampler", defaultValue = "area-uniform", description = "Background sampler: area-uniform, uniform-box, sphericalold (default ${DEFAULT-VALUE}).")
    String sampler;

    @Option(names = "--freeze", defaultValue = "none", description = "none (whole encoder trains, reference), encoder (linear probe), position-encoder (default ${DEFAULT-VALUE}).")
    String freeze;

    @Option(names = "--image-classifier", description = "Also learn P(class | image embedding) from the table's image-embedding"
            + " columns (--embedding-prefix / --embedding-column) on the same labelled rows, so that `geocsp predict"
            + " --image-embedding-prefix` combines location and image without a separate image classifier; its"
            + " temperature is fitted on the validation rows so that its probabilities are calibrated.")
    boolean imageClassifier;

    @Mixin
    TableOptions table;

    @Mixin
    TrainerOptions trainer;

    @Option(names = "--resume", paramLabel = "DIR", description = "Continue the run whose checkpoints are in DIR (same settings and data).")
    Path resume;

    @Option(names = "--loss-curve", paramLabel = "PNG", description = "Also write the loss curve as a PNG.")
    Path lossCurve;

    static FreezeMode parseFreeze(String s) {
        return switch (s.trim().toLowerCase(java.util.Locale.ROOT).replace('_', '-')) {
            case "none" -> FreezeMode.NONE;
            case "encoder", "location-encoder" -> FreezeMode.LOCATION_ENCODER;
            case "position-encoder", "pe" -> FreezeMode.POSITION_ENCODER;
            default -> throw new IllegalArgumentException("--freeze '" + s + "' is not valid: use none, encoder or position-encoder");
        };
    }

    @Override
    public Integer call() throws Exception {
        CsvTableReader.Result read = table.reader(imageClassifier).labelColumn(labelColumn).read(input);
        try (GeoDataset data = read.dataset()) {
            System.err.println("geocsp finetune: " + read.summary());
            TrainerSettings t = trainer.settings(0.001, LearningRateSchedule.Kind.EXPONENTIAL, 0);
            if (resume != null) {
                t = t.withCheckpointDir(trainer.checkpointDir != null ? trainer.checkpointDir : resume);
            }
            FineTuneSettings s = new FineTuneSettings(FineTuneSettings.LossKind.parse(loss), randomWeight,
                    Samplers.parse(sampler), labelRatio, parseFreeze(freeze), t, imageClassifier);
            FineTuner.Result r;
            try (ProgressReporter progress = new ProgressReporter("finetune")) {
                if (resume != null) {
                    r = FineTuner.resume(resume, data, s, progress);
                } else {
                    try (GeoModel start = ModelFile.load(model, GeoRuntime.resolveDevice(DeviceChoice.parse(trainer.device)))) {
                        r = FineTuner.run(start, data, s, progress);
                    }
                }
            }
            try (r) {
                ModelFile.save(r.model(), output);
                System.err.println("geocsp finetune: " + r.labelledRowsUsed() + " labelled rows used ("
                        + data.numClasses() + " classes)");
                PretrainCommand.report(r.training(), output);
                if (lossCurve != null) {
                    PretrainCommand.writeLossCurve(r.training().history(), "Fine-tuning loss", lossCurve);
                    System.err.println("geocsp finetune: loss curve -> " + lossCurve);
                }
            }
            return r.training().status() == TrainingResult.Status.DIVERGED ? 3 : 0;
        }
    }
}
