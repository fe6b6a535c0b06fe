package org.geocsp.cli;

import org.geocsp.core.io.OutputPreflight;
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
import org.geocsp.core.settings.Problems;
import org.geocsp.core.train.FineTuneParams;
import org.geocsp.core.train.FineTuneSettings;
import org.geocsp.core.train.FineTuner;
import org.geocsp.core.train.TrainerSettings;
import org.geocsp.core.train.TrainingResult;
import picocli.CommandLine.Command;
import org.geocsp.core.train.TrainingPreset;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code geocsp finetune}: supervised fine-tuning of a (pre-trained) location encoder on labelled locations. */
@Command(name = "finetune", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fine-tune a location encoder with a class head on labelled locations (CSP protocol).",
            "LABELLED.csv has lon,lat (degrees) and the label column; its image-embedding columns are used only with"
                    + " --image-classifier."})
final class FinetuneCommand implements Callable<Integer>, SettingsCommand {

    @Option(names = "--model", paramLabel = "PRETRAINED", description = "Model file to start from (pre-trained, or a fresh encoder).")
    Path model;

    @Option(names = "--encoder", paramLabel = "NAME", description = "Instead of --model: start from a new, untrained encoder"
            + " of this architecture (e.g. Space2Vec-grid, wrap, sphereC+, spherical_harmonics), the supervised-only baseline;"
            + " the encoder and stack options below shape it, --seed initialises it.")
    String encoderName;

    @Mixin
    EncoderOptions encoderOptions;

    @Mixin
    StackOptions stackOptions;

    @Option(names = "--input", required = true, paramLabel = "LABELLED.csv", description = "Labelled locations.")
    Path input;

    @Option(names = "--label-column", required = true, paramLabel = "NAME", description = "Column holding the class labels (text).")
    String labelColumn;

    @Option(names = "--output", required = true, paramLabel = "MODEL", description = "Model file to write.")
    Path output;

    @Option(names = "--label-ratio", paramLabel = "R")
    double labelRatio;

    @Option(names = "--loss")
    String loss;

    @Option(names = "--random-weight")
    double randomWeight;

    @Option(names = "--sampler")
    String sampler;

    /** Read before parsing (it changes the defaults, see DeclaredOptions.selectPreset); declared for help and checks. */
    @Option(names = "--preset")
    String preset;

    @Option(names = "--freeze")
    String freeze;

    @Option(names = "--image-classifier")
    boolean imageClassifier;

    @Mixin
    TableOptions table;

    @Mixin
    TrainerOptions trainer;

    @Option(names = "--resume", paramLabel = "DIR", description = "Continue the run whose checkpoints are in DIR (same settings and data).")
    Path resume;

    @Option(names = "--loss-curve", paramLabel = "PNG", description = "Also write the loss curve as a PNG.")
    Path lossCurve;

    /** The settings of the options, checked completely before any input is read. */
    FineTuneSettings settings() {
        Problems p = new Problems();
        TrainerSettings t0 = p.collect(trainer::settings);
        TrainerSettings t = t0 != null && resume != null
                ? t0.withCheckpointDir(trainer.checkpointDir != null ? trainer.checkpointDir : resume) : t0;
        FineTuneSettings.LossKind l = p.collect(FineTuneParams.LOSS, () -> FineTuneSettings.LossKind.parse(loss));
        Samplers.Kind k = p.collect(FineTuneParams.SAMPLER, () -> Samplers.parse(sampler));
        FreezeMode f = p.collect(FineTuneParams.FREEZE, () -> FreezeMode.parse(freeze));
        if (resume == null && (model == null) == (encoderName == null)) {
            p.add(null, model == null
                    ? "give the model to fine-tune: --model FILE (e.g. pre-trained), or --encoder NAME for a new untrained encoder"
                    : "give either --model or --encoder, not both");
        } else if (resume == null && encoderName != null) {
            encoderOptions.encoder = encoderName;
            p.collect(() -> stackOptions.spec(encoderOptions.spec().name()));
        }
        FineTuneSettings d = FineTuneSettings.defaults();
        FineTuneSettings s = p.collect(() -> new FineTuneSettings(l == null ? d.loss() : l, randomWeight,
                k == null ? d.sampler() : k, labelRatio, f == null ? d.freeze() : f, t == null ? d.trainer() : t,
                imageClassifier));
        p.throwIfAny();
        return s;
    }

    @Override
    public Object checkSettings() {
        Problems p = new Problems();
        p.collect(TrainingPreset.PARAM, () -> TrainingPreset.parse(preset));
        p.collect(this::settings);
        p.throwIfAny();
        return null;
    }

    /** The model to start from: the --model file, or a new encoder of --encoder (exactly one of them). */
    private GeoModel startModel() throws java.io.IOException {
        var device = GeoRuntime.resolveDevice(DeviceChoice.parse(trainer.device));
        if (model != null) {
            return ModelFile.load(model, device);
        }
        encoderOptions.encoder = encoderName;
        var enc = encoderOptions.spec();
        return GeoModel.create(org.geocsp.core.model.ModelSpec.of(enc, stackOptions.spec(enc.name())), device, trainer.seed);
    }

    @Override
    public Integer call() throws Exception {
        FineTuneSettings s = settings();
        OutputPreflight.create().input("--input", input).input("--model", model).outputFile("--output", output)
                .outputFile("--loss-curve", lossCurve).outputFolder("--checkpoint-dir", trainer.checkpointDir)
                .outputFolder("--resume", trainer.checkpointDir == null ? resume : null).check();
        CsvTableReader.Result read = table.reader(imageClassifier).labelColumn(labelColumn).read(input);
        try (GeoDataset data = read.dataset()) {
            System.err.println("geocsp finetune: " + read.summary());
            FineTuner.Result r;
            try (ProgressReporter progress = new ProgressReporter("finetune")) {
                if (resume != null) {
                    r = FineTuner.resume(resume, data, s, progress);
                } else {
                    try (GeoModel start = startModel()) {
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
