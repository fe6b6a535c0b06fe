package org.geocsp.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.geocsp.cli.io.CsvTableReader;
import org.geocsp.core.data.GeoDataset;
import org.geocsp.core.geo.Samplers;
import org.geocsp.core.loss.Objective;
import org.geocsp.core.model.GeoModel;
import org.geocsp.core.model.ModelFile;
import org.geocsp.core.model.ModelSpec;
import org.geocsp.bench.chart.EpochLosses;
import org.geocsp.bench.chart.LossCurveChart;
import org.geocsp.core.runtime.GeoRuntime;
import org.geocsp.core.train.EpochStats;
import org.geocsp.core.train.LearningRateSchedule;
import org.geocsp.core.train.PretrainSettings;
import org.geocsp.core.train.Pretrainer;
import org.geocsp.core.train.TrainerSettings;
import org.geocsp.core.train.TrainingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code geocsp pretrain}: contrastive spatial pre-training on a CSV of locations and image embeddings. */
@Command(name = "pretrain", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Contrastive spatial pre-training (CSP) of a location encoder against image embeddings.",
            "TABLE.csv has lon,lat (degrees) and the image embedding either as columns f0..fN or as one column of"
                    + " space-separated numbers."})
final class PretrainCommand implements Callable<Integer> {

    @Option(names = "--input", required = true, paramLabel = "TABLE.csv", description = "Locations and image embeddings.")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "MODEL", description = "Model file to write (.geocsp).")
    Path output;

    @Option(names = "--model", paramLabel = "MODEL", description = "Start from this model file instead of a new encoder.")
    Path startModel;

    @Option(names = "--encoder", defaultValue = "Space2Vec-grid", description = "Position encoder of a new model (default ${DEFAULT-VALUE}).")
    String encoderName;

    @Mixin
    EncoderOptions encoderOptions;

    @Mixin
    StackOptions stackOptions;

    @Mixin
    TableOptions table;

    @Option(names = "--image-hidden", split = ",", paramLabel = "D1,D2", description = "Hidden widths of a small MLP on the (locked) image embeddings before the projection (default: none, a single linear projection as CSP).")
    List<Integer> imageHidden;

    @Option(names = "--objective", defaultValue = "contsoftmax", description = "contsoftmax, contsoftmaxsym, imgcontloss, imgcontlosssimcse, imgcontlossnolocneg, l2regress (default ${DEFAULT-VALUE}).")
    String objective;

    @Option(names = "--temperatures", split = ",", paramLabel = "TB,TL,TD", description = "Temperatures tau_b, tau_l, tau_d (default 20,1,1 as the CSP iNat script).")
    double[] temperatures;

    @Option(names = "--random-weight", defaultValue = "1", description = "Weight of the random-location term L (default ${DEFAULT-VALUE}).")
    double randomWeight;

    @Option(names = "--simcse-weight", defaultValue = "1", description = "Weight of the SimCSE dropout term D (default ${DEFAULT-VALUE}; 0 = off).")
    double simcseWeight;

    @Option(names = "--negatives", defaultValue = "1", description = "Random negative locations per row K (default ${DEFAULT-VALUE}).")
    int negatives;

    @Option(names = "--sampler", defaultValue = "area-uniform", description = "Negative sampler: area-uniform, uniform-box, sphericalold, training (default ${DEFAULT-VALUE}).")
    String sampler;

    @Option(names = "--sampler-jitter-km", defaultValue = "50", description = "Jitter of the training sampler in km (default ${DEFAULT-VALUE}).")
    double jitterKm;

    @Option(names = "--learnable-temperature", description = "Learn the in-batch temperature (CLIP style, initial 0.07).")
    boolean learnableTemperature;

    @Option(names = "--queue-size", defaultValue = "0", description = "Recent location embeddings as extra negatives (needs contsoftmaxsym; default ${DEFAULT-VALUE}).")
    int queueSize;

    @Option(names = "--false-negative-km", defaultValue = "-1", description = "Mask in-batch pairs closer than this many km (negative = off, default ${DEFAULT-VALUE}).")
    double falseNegativeKm;

    @Mixin
    TrainerOptions trainer;

    @Option(names = "--resume", paramLabel = "DIR", description = "Continue the run whose checkpoints are in DIR (same settings and data).")
    Path resume;

    @Option(names = "--loss-curve", paramLabel = "PNG", description = "Also write the loss curve as a PNG.")
    Path lossCurve;

    @Override
    public Integer call() throws Exception {
        encoderOptions.encoder = encoderName;
        CsvTableReader.Result read = table.reader(true).read(input);
        try (GeoDataset data = read.dataset()) {
            System.err.println("geocsp pretrain: " + read.summary());
            TrainerSettings t = trainer.settings(0.0005, LearningRateSchedule.Kind.CONSTANT, 0);
            if (resume != null) {
                t = t.withCheckpointDir(trainer.checkpointDir != null ? trainer.checkpointDir : resume);
            }
            double[] tau = temperatures != null ? temperatures : new double[] {20, 1, 1};
            if (tau.length != 3) {
                throw new IllegalArgumentException("--temperatures takes three values tau_b,tau_l,tau_d");
            }
            PretrainSettings s = PretrainSettings.csp(t).withObjective(Objective.parse(objective))
                    .withTemperatures(tau[0], tau[1], tau[2]).withWeights(randomWeight, simcseWeight)
                    .withNegatives(negatives, Samplers.parse(sampler), jitterKm)
                    .withLearnableTemperature(learnableTemperature).withQueue(queueSize)
                    .withFalseNegativeKm(falseNegativeKm);
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
