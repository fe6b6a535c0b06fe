package org.geocsp.cli;

import org.geocsp.core.io.OutputPreflight;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.geocsp.bench.FalsePositiveMap;
import org.geocsp.bench.PlacesExperiment;
import org.geocsp.bench.QualityBenchmark;
import org.geocsp.core.eval.DistanceMetrics;
import org.geocsp.core.model.GeoModel;
import org.geocsp.core.model.ModelFile;
import org.geocsp.core.predict.ProbabilityMap;
import org.geocsp.core.sample.SamplePlaces;
import org.geocsp.core.train.Pretrainer;
import org.geocsp.core.nn.StackSpec;
import org.geocsp.core.train.PretrainSettings;
import org.geocsp.core.train.FineTuneSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code geocsp demo}: the whole CSP story on the embedded GeoNames places in a few minutes:
 * pre-train without labels, fine-tune on 5% of the country labels, compare with supervised-only,
 * geolocate place names, draw a map.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs CSP end to end on the embedded GeoNames places (the place name stands in for the image):"
                + " pre-trains a location encoder on the places without labels, fine-tunes it on 5%% of the country"
                + " labels, prints top-1/top-3 against a supervised-only baseline and the image-to-location error,"
                + " and writes the models, a loss curve and a map of P(country | location)."})
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--output-dir", defaultValue = "geocsp-out/demo", paramLabel = "DIR",
            description = "Where the models and PNGs go (default ${DEFAULT-VALUE}).")
    Path outputDir;

    @Option(names = "--map-country", defaultValue = "FR", paramLabel = "ISO2",
            description = "Country of the P(country | location) map (default ${DEFAULT-VALUE}).")
    String mapCountry;

    @Option(names = "--label-ratio", defaultValue = "0.05", description = "Share of country labels for fine-tuning (default ${DEFAULT-VALUE}).")
    double labelRatio;

    @Option(names = "--max-places", defaultValue = "0", hidden = true, description = "Use a subsample of the places (0 = all).")
    int maxPlaces;

    @Option(names = "--pretrain-rows", defaultValue = "40000", hidden = true, description = "Pre-train on at most this many pool rows.")
    int pretrainRows;

    @Option(names = "--epochs", hidden = true, description = "Pre-training epochs at most (default: the pretrain default).")
    Integer epochs;

    @Option(names = "--finetune-steps", hidden = true,
            description = "Target fine-tuning steps instead of the finetune defaults (early stopping).")
    Integer finetuneSteps;

    @Option(names = "--embedding-width", defaultValue = "256", hidden = true, description = "Name-embedding width.")
    int width;

    @Option(names = "--hidden-dim", hidden = true, description = "Hidden width of the CSP stack (default: the CSP stack's).")
    Integer hiddenDim;

    @Option(names = "--geolocate-queries", defaultValue = "2000", hidden = true, description = "Test places to geolocate.")
    int geolocateQueries;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private String pretrainOutcome = "";

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        PrintWriter out = spec.commandLine().getOut();
        OutputPreflight.create().outputFolder("--output-dir", outputDir).check();
        Files.createDirectories(outputDir);
        SamplePlaces places = SamplePlaces.load();
        if (!places.countryCodes().contains(mapCountry)) {
            throw new IllegalArgumentException("--map-country '" + mapCountry + "' is not one of the "
                    + places.countryCodes().size() + " country codes in the data, e.g. FR, US, BR");
        }
        PlacesExperiment.Config cfg = PlacesExperiment.Config.defaults().withMaxPlaces(maxPlaces)
                .withEmbeddingWidth(width).withMaxPretrainRows(pretrainRows).withWorkDir(outputDir);
        StackSpec stack = hiddenDim == null ? StackSpec.csp() : BenchQualityCommand.stack(hiddenDim);
        QualityBenchmark.Plan plan = new QualityBenchmark.Plan(List.of(SamplePlaces.Label.COUNTRY),
                new double[] {labelRatio}, stack, epochs == null ? 1 : epochs, 1024, 256,
                finetuneSteps == null ? 1 : finetuneSteps, 40, 0);
        // the product's defaults on both sides: what a user gets from geocsp pretrain and finetune
        PretrainSettings pretrainSettings = PretrainSettings.defaults();
        if (epochs != null) {
            pretrainSettings = pretrainSettings.withTrainer(pretrainSettings.trainer().withEpochs(epochs));
        }
        Path pretrainedFile = outputDir.resolve("csp-pretrained.geocsp");
        Path finetunedFile = outputDir.resolve("csp-finetuned-country.geocsp");
        Path lossCurve = outputDir.resolve("pretrain-loss.png");
        Path map = outputDir.resolve("map-" + mapCountry + ".png");
        try (PlacesExperiment exp = PlacesExperiment.prepare(places, cfg, m -> System.err.println("geocsp demo: " + m))) {
            SamplePlaces.Label task = SamplePlaces.Label.COUNTRY;
            Pretrainer.Result pre;
            try (ProgressReporter p = new ProgressReporter("pretrain (no labels)")) {
                pre = exp.pretrain(QualityBenchmark.CSP_ENCODER, plan.stack(), pretrainSettings, p);
            }
            pretrainOutcome = pre.training().message();
            try (GeoModel pretrained = pre.model()) {
                ModelFile.save(pretrained, pretrainedFile);
                PretrainCommand.writeLossCurve(pre.training().history(), "CSP pre-training loss (demo)", lossCurve);
                int n = exp.labelledRows(task, labelRatio).length;
                PlacesExperiment.Scores csp;
                PlacesExperiment.Scores sup;
                FalsePositiveMap.Result cspFp;
                FalsePositiveMap.Result supFp;
                try (PlacesExperiment.FineTuned ft = fineTune(exp, pretrained, task, plan, n, "finetune CSP",
                        finetuneSteps == null)) {
                    csp = exp.evaluate(ft);
                    cspFp = exp.falsePositives(ft);
                    ModelFile.save(ft.model(), finetunedFile);
                    if (!ft.model().spec().classLabels().contains(mapCountry)) {
                        throw new IllegalArgumentException("--map-country '" + mapCountry + "' has no place in the"
                                + " pre-training pool of this subsample; choose another country");
                    }
                    double[][] pts = exp.poolLocations(task, mapCountry, ft.labelledRows());
                    ProbabilityMap.builder(ft.model(), mapCountry).modelName("CSP demo, " + pct(labelRatio) + " labels")
                            .trainingPoints(pts[0], pts[1]).build().writePng(map);
                }
                try (GeoModel fresh = PlacesExperiment.newModel(QualityBenchmark.CSP_ENCODER, plan.stack(), 0);
                        PlacesExperiment.FineTuned ft = fineTune(exp, fresh, task, plan, n, "finetune supervised-only",
                                finetuneSteps == null)) {
                    sup = exp.evaluate(ft);
                    supFp = exp.falsePositives(ft);
                }
                DistanceMetrics geo = exp.geolocate(pretrained, geolocateQueries);
                printTable(out, exp, csp, sup, geo);
                printFalsePositives(out, cspFp, supFp);
            }
        }
        out.println();
        out.println("outputs in " + outputDir.toAbsolutePath() + ":");
        out.println("  pre-trained model   " + pretrainedFile.getFileName());
        out.println("  fine-tuned model    " + finetunedFile.getFileName());
        out.println("  loss curve          " + lossCurve.getFileName());
        out.println("  map                 " + map.getFileName() + "  (P(" + mapCountry + " | location))");
        out.println(String.format(Locale.ROOT, "done in %.0f s", (System.nanoTime() - start) / 1e9));
        out.flush();
        return 0;
    }

    private static PlacesExperiment.FineTuned fineTune(PlacesExperiment exp, GeoModel encoder, SamplePlaces.Label task,
            QualityBenchmark.Plan plan, int n, String name, boolean defaults) {
        try (ProgressReporter p = new ProgressReporter(name)) {
            return exp.fineTune(encoder, task, plan.ratios()[0],
                    defaults ? FineTuneSettings.defaults() : QualityBenchmark.fineTuneSettings(plan, n), p);
        }
    }

    private void printTable(PrintWriter out, PlacesExperiment exp, PlacesExperiment.Scores csp,
            PlacesExperiment.Scores sup, DistanceMetrics geo) {
        out.println();
        out.println(String.format(Locale.ROOT, "Country of %d test places (%d classes); fine-tuned on %d labelled places"
                + " (%s of the pool's labels); pre-trained on %d places without labels.", csp.testRows(),
                exp.numClasses(SamplePlaces.Label.COUNTRY), csp.labelledRows(), pct(labelRatio),
                exp.pretrainingData().size()));
        out.println("Pre-training and fine-tuning: the geocsp pretrain and finetune defaults on both sides"
                + (epochs == null && finetuneSteps == null ? "" : " (budget changed by hidden options)")
                + "; pre-training " + pretrainOutcome + ".");
        out.println();
        String f = "%-34s %10s %10s %11s %11s %12s %12s%n";
        out.printf(Locale.ROOT, f, "method", "top-1 loc", "top-3 loc", "top-1 comb", "top-3 comb", "top-1 comb*",
                "top-3 comb*");
        out.printf(Locale.ROOT, f, "supervised only (Space2Vec-grid)", p(sup.top1Location()), p(sup.top3Location()),
                p(sup.top1Combined()), p(sup.top3Combined()), p(sup.top1CombinedSoftmax()),
                p(sup.top3CombinedSoftmax()));
        out.printf(Locale.ROOT, f, "CSP pre-trained (MC B+L+D)", p(csp.top1Location()), p(csp.top3Location()),
                p(csp.top1Combined()), p(csp.top3Combined()), p(csp.top1CombinedSoftmax()),
                p(csp.top3CombinedSoftmax()));
        out.printf(Locale.ROOT, f, "name classifier only (image)", "", "", p(csp.top1Image()), "", "", "");
        out.printf(Locale.ROOT, f, "majority class (" + csp.majorityClass() + ")", p(csp.majorityRate()), "", "", "",
                "", "");
        out.println();
        out.println("loc = P(country | location) alone; comb = CSP's product with the place-name classifier's"
                + " probabilities, location as sigmoid(logit) (reference); comb* = the same product with a softmax over"
                + " the location logits (--score-mode softmax), which keeps saturated sigmoids from handing the choice"
                + " to the weak name classifier.");
        out.println(String.format(Locale.ROOT,
                "Image-to-location (name embedding -> nearest of %d pool locations, %d test places): median error"
                        + " %.0f km, within 25 km %.1f%%, within 200 km %.1f%%, within 750 km %.1f%%.",
                exp.pretrainingData().size(), geo.count(), geo.medianKm(), 100 * geo.shareWithin(25),
                100 * geo.shareWithin(200), 100 * geo.shareWithin(750)));
    }

    private static void printFalsePositives(PrintWriter out, FalsePositiveMap.Result csp, FalsePositiveMap.Result sup) {
        out.println(String.format(Locale.ROOT, "Map false positives (mean P(country | location) over land cells farther"
                + " than %.0f km from the country's training places, %d largest countries; at most %.2f is the target):"
                + " CSP %.4f, supervised only %.4f; worst for CSP: %s.", FalsePositiveMap.FAR_KM,
                csp.countries().size(), FalsePositiveMap.TARGET, csp.meanProbability(), sup.meanProbability(),
                worst(csp)));
    }

    private static String worst(FalsePositiveMap.Result r) {
        return r.countries().stream().sorted((a, b) -> Double.compare(b.meanProbability(), a.meanProbability())).limit(3)
                .map(c -> String.format(Locale.ROOT, "%s %.3f", c.country(), c.meanProbability()))
                .reduce((a, b) -> a + ", " + b).orElse("-");
    }

    static String p(double share) {
        return Double.isNaN(share) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }

    static String pct(double ratio) {
        return QualityBenchmark.percent(ratio);
    }
}
