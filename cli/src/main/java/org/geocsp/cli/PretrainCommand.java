package org.geocsp.cli;

import org.geocsp.core.io.OutputPreflight;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.geocsp.cli.io.CsvTableReader;
import org.geocsp.core.data.GeoDataset;
import org.geocsp.core.encode.EncoderParams;
import org.geocsp.core.geo.Samplers;
import org.geocsp.core.loss.Objective;
import org.geocsp.core.model.GeoModel;
import org.geocsp.core.model.ModelFile;
import org.geocsp.core.model.ModelSpec;
import org.geocsp.bench.chart.EpochLosses;
import org.geocsp.bench.chart.LossCurveChart;
import org.geocsp.core.runtime.GeoRuntime;
import org.geocsp.core.settings.Problems;
import org.geocsp.core.model.EpochStats;
import org.geocsp.core.nn.StackParams;
import org.geocsp.core.train.PretrainParams;
import org.geocsp.core.train.PretrainSettings;
import org.geocsp.core.train.Pretrainer;
import org.geocsp.core.train.TrainerSettings;
import org.geocsp.core.train.TrainingResult;
import org.geocsp.core.train.RunRecord;
import picocli.CommandLine.Command;
import org.geocsp.core.train.TrainingPreset;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code geocsp pretrain}: contrastive spatial pre-training on a CSV of locations and image embeddings. */
@Command(name = "pretrain", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Contrastive spatial pre-training (CSP) of a location encoder against image embeddings.",
            "TABLE.csv has lon,lat (degrees) and the image embedding either as columns f0..fN or as one column of"
                    + " space-separated numbers."})
final class PretrainCommand implements Callable<Integer>, SettingsCommand {

    @Option(names = "--input", required = true, paramLabel = "TABLE.csv", description = "Locations and image embeddings.")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "MODEL", description = "Model file to write (.geocsp).")
    Path output;

    @Option(names = "--model", paramLabel = "MODEL", description = "Start from this model file instead of a new encoder.")
    Path startModel;

    @Option(names = "--encoder", defaultValue = EncoderParams.DEFAULT_ENCODER, description = "Position encoder of a new model (default ${DEFAULT-VALUE}).")
    String encoderName;

    @Mixin
    EncoderOptions encoderOptions;

    @Mixin
    StackOptions stackOptions;

    @Mixin
    TableOptions table;

    @Option(names = "--image-hidden", split = ",", paramLabel = "D1,D2", description = "Hidden widths of a small MLP on the (locked) image embeddings before the projection (default: none, a single linear projection as CSP).")
    List<Integer> imageHidden;

    @Option(names = "--objective")
    String objective;

    @Option(names = "--temperatures", split = ",", paramLabel = "tau_b,tau_l,tau_d", hideParamSyntax = true)
    double[] temperatures;

    @Option(names = "--random-weight")
    double randomWeight;

    @Option(names = "--simcse-weight")
    double simcseWeight;

    @Option(names = "--negatives")
    int negatives;

    @Option(names = "--sampler")
    String sampler;

    /** Read before parsing (it changes the defaults, see DeclaredOptions.selectPreset); declared for help and checks. */
    @Option(names = "--preset")
    String preset;

    @Option(names = "--sampler-jitter-km")
    double jitterKm;

    @Option(names = "--learnable-temperature")
    boolean learnableTemperature;

    @Option(names = "--queue-size")
    int queueSize;

    @Option(names = "--false-negative-km")
    double falseNegativeKm;

    // fallbackValue: with a default of true picocli would otherwise toggle the positive form to false
    @Option(names = "--embedding-rescale", negatable = true, fallbackValue = "true")
    boolean embeddingRescale;

    @Mixin
    TrainerOptions trainer;

    @Option(names = "--resume", paramLabel = "DIR", description = "Continue the run whose checkpoints are in DIR (same settings and data).")
    Path resume;

    @Option(names = "--loss-curve", paramLabel = "PNG", description = "Also write the loss curve as a PNG.")
    Path lossCurve;

    @Override
    public Object checkSettings() {
        Problems p = new Problems();
        p.collect(TrainingPreset.PARAM, () -> TrainingPreset.parse(preset));
        p.collect(this::settings);
        p.throwIfAny();
        return null;
    }

    @Override
    public Integer call() throws Exception {
        OutputPreflight.create().input("--input", input).input("--model", startModel).outputFile("--output", output)
                .outputFile("--loss-curve", lossCurve).outputFolder("--checkpoint-dir", trainer.checkpointDir)
                .outputFolder("--resume", trainer.checkpointDir == null ? resume : null).check();
        encoderOptions.encoder = encoderName;
        PretrainSettings s = settings();
        CsvTableReader.Result read = table.reader(true).read(input);
        try (GeoDataset data = read.dataset()) {
            System.err.println("geocsp pretrain: " + read.summary());
            Pretrainer.Result r;
            try (ProgressReporter progress = new ProgressReporter("pretrain")) {
                if (resume != null) {
                    r = Pretrainer.resume(resume, data, s, progress);
                } else {
                    GeoModel start = startModel(data);
                    try {
                        r = Pretrainer.run(start, data, s, progress);
                    } catch (RuntimeException e) {
                        start.close();
                        throw e;
                    }
                    if (r.model() != start) {
                        start.close();
                    }
                }
            }
            try (GeoModel trained = r.model()) {
                ModelFile.save(trained, output);
                report(r.training(), output);
                if (lossCurve != null) {
                    writeLossCurve(r.training().history(), "Pre-training loss", lossCurve);
                    System.err.println("geocsp pretrain: loss curve -> " + lossCurve);
                }
            }
            return r.training().status() == TrainingResult.Status.DIVERGED ? 3 : 0;
        }
    }

    /**
     * The settings of the options, checked completely (every problem at once) before any input
     * is read; with {@code --resume} the checkpoint folder defaults to the resumed one.
     */
    PretrainSettings settings() {
        Problems p = new Problems();
        TrainerSettings t0 = p.collect(trainer::settings);
        TrainerSettings t = t0 != null && resume != null
                ? t0.withCheckpointDir(trainer.checkpointDir != null ? trainer.checkpointDir : resume) : t0;
        Objective o = p.collect(PretrainParams.OBJECTIVE, () -> Objective.parse(objective));
        Samplers.Kind k = p.collect(PretrainParams.SAMPLER, () -> Samplers.parse(sampler));
        if (startModel == null && resume == null) {
            p.collect(() -> stackOptions.spec(encoderOptions.spec().name()));
        } else if (resume != null && startModel == null) {
            p.collect(() -> checkResumedModel());
        }
        if (!p.isEmpty()) {
            // the rules of the pre-training record too, with placeholders for what is already reported
            PretrainSettings d = PretrainSettings.defaults();
            p.collect(() -> settings(o == null ? d.objective() : o, k == null ? d.sampler() : k, d.trainer()));
            p.throwIfAny();
        }
        return settings(o, k, t);
    }

    /**
     * Refuses encoder and stack options that differ from the resumed run's (the model comes from
     * the checkpoint; a silently ignored {@code --hidden-dim} would mislead).
     */
    private Void checkResumedModel() {
        var enc = encoderOptions.spec();
        Map<String, String> m = RunRecord.model(ModelSpec.of(enc, stackOptions.spec(enc.name())));
        Set<String> stack = new HashSet<>();
        StackParams.ALL.forEach(prm -> stack.add(prm.key()));
        m.keySet().removeIf(k -> stack.contains(k) && !stackOptions.givenKeys().contains(k));
        try {
            RunRecord.check(resume, m);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return null;
    }

    private PretrainSettings settings(Objective o, Samplers.Kind k, TrainerSettings t) {
        // a wrong count is reported by DeclaredOptions, which runs first
        double[] tau = temperatures != null && temperatures.length == 3 ? temperatures : DeclaredOptions.defaults(
                List.of(PretrainParams.TAU_IN_BATCH, PretrainParams.TAU_RANDOM, PretrainParams.TAU_SIMCSE));
        return new PretrainSettings(o, tau[0], tau[1], tau[2], randomWeight, simcseWeight,
                negatives, k, jitterKm, learnableTemperature, queueSize, falseNegativeKm, embeddingRescale, t);
    }

    private GeoModel startModel(GeoDataset data) throws Exception {
        if (startModel != null) {
            return ModelFile.load(startModel, GeoRuntime.resolveDevice(org.geocsp.core.runtime.DeviceChoice.parse(trainer.device)));
        }
        var enc = encoderOptions.spec();
        ModelSpec spec = ModelSpec.of(enc, stackOptions.spec(enc.name())).withImageDim(data.featureDim(),
                imageHidden == null ? List.of() : imageHidden);
        return GeoModel.create(spec, GeoRuntime.resolveDevice(org.geocsp.core.runtime.DeviceChoice.parse(trainer.device)),
                trainer.seed);
    }

    static void report(TrainingResult r, Path output) {
        System.err.println(String.format(Locale.ROOT, "%s (%d steps, %.1f s); model -> %s", r.message(), r.steps(),
                r.seconds(), output.toAbsolutePath()));
    }

    static void writeLossCurve(List<EpochStats> history, String title, Path png) throws java.io.IOException {
        List<EpochLosses> rows = new ArrayList<>();
        for (EpochStats e : history) {
            rows.add(new EpochLosses(e.epoch(), e.trainLoss(), e.validationLoss(), e.trainTerms()));
        }
        LossCurveChart.of(title, rows).writePng(png, 900, 500);
    }
}
