package org.geocsp.cli;

import org.geocsp.core.io.AtomicFiles;
import org.geocsp.core.io.OutputPreflight;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.geocsp.bench.PlacesExperiment;
import org.geocsp.bench.QualityBenchmark;
import org.geocsp.bench.QualityBenchmark.McSettings;
import org.geocsp.bench.QualityBenchmark.Row;
import org.geocsp.core.nn.StackSpec;
import org.geocsp.bench.chart.QualityChart;
import org.geocsp.bench.chart.QualityResult;
import org.geocsp.core.sample.SamplePlaces;
import org.geocsp.core.train.TrainingListener;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code geocsp bench quality}: top-1 of supervised-only and CSP-pre-trained location encoders
 * on the embedded places, per task and label ratio, location-only and combined with the
 * place-name classifier. Writes a table, JSON and a chart.
 */
@Command(name = "quality", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"CSP quality benchmark on the embedded GeoNames places: pre-train (no labels) on the pool,"
                + " fine-tune on 1/5/10/20/100%% of the labels, score country and admin-1 top-1 on a fixed 20%% test"
                + " set, location-only and combined with a place-name classifier (the image stand-in).",
            "The full grid takes hours on 2 cores; --quick runs a reduced grid for CI."})
final class BenchQualityCommand implements Callable<Integer> {

    /** The tuning candidates; the reference settings come first. */
    static final List<McSettings> CANDIDATES = List.of(McSettings.REFERENCE, new McSettings(1, 1, 1, 0.001),
            new McSettings(0.1, 1, 1, 0.001), new McSettings(0.1, 0.1, 0.1, 0.001));

    @Option(names = "--json", description = "Print the records as JSON on stdout (the table goes to stderr).")
    boolean json;

    @Option(names = "--quick", description = "Reduced grid for CI (country, 1%% and 10%%, six methods, no tuning, small budget).")
    boolean quick;

    @Option(names = "--output-dir", defaultValue = "geocsp-out/bench-quality", paramLabel = "DIR",
            description = "Where results.json and quality.png go (default ${DEFAULT-VALUE}).")
    Path outputDir;

    @Option(names = "--tasks", split = ",", description = "country, admin1 (default both; --quick: country).")
    List<String> tasks;

    @Option(names = "--ratios", split = ",", description = "Label ratios (default 0.01,0.05,0.1,0.2,1; --quick: 0.01,0.1).")
    double[] ratios;

    @Option(names = "--methods", split = ",", description = "Only these methods (names as in the table; default all).")
    List<String> methods;

    @Option(names = "--no-tune", description = "Skip the MC tuning (no 'tuned' methods).")
    boolean noTune;

    @Option(names = "--defaults", description = "Compare what the product's defaults give on both sides: '"
            + QualityBenchmark.SUPERVISED_DEFAULTS + "' (a new default encoder, geocsp finetune defaults) and '"
            + QualityBenchmark.CSP_DEFAULTS + "' (geocsp pretrain defaults, then the same fine-tuning); no tuning,"
            + " --epochs, --finetune-steps and --hidden-dim do not apply.")
    boolean defaults;

    @Option(names = "--seeds", split = ",", description = "Run every method once per seed (default 0); the table"
            + " gives mean and standard deviation over the seeds.")
    long[] seeds;

    @Option(names = "--max-places", description = "Use a subsample of the places (default all; --quick: 40000).")
    Integer maxPlaces;

    @Option(names = "--pretrain-rows", description = "Pre-train on at most this many pool rows (default all; --quick: 20000).")
    Integer pretrainRows;

    @Option(names = "--epochs", description = "Pre-training epochs (default 10; --quick: 4).")
    Integer epochs;

    @Option(names = "--finetune-steps", description = "Target fine-tuning steps per run (default 600; --quick: 200).")
    Integer finetuneSteps;

    @Option(names = "--embedding-width", defaultValue = "256", description = "Name-embedding width (default ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--hidden-dim", defaultValue = "256", description = "Hidden width of the CSP stack (default ${DEFAULT-VALUE}).")
    int hiddenDim;

    @Option(names = "--probe-budget", description = "Row x class updates per name classifier (default 1e8; --quick: 2e7).")
    Double probeBudget;

    @Option(names = "--no-progress", description = "No training progress bars (for logs).")
    boolean noProgress;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The CSP stack (1 hidden layer, LeakyReLU, dropout 0.5, embedding 256) at a hidden width. */
    static StackSpec stack(int hiddenDim) {
        return StackSpec.csp().withHiddenDim(hiddenDim);
    }

    @Override
    public Integer call() throws Exception {
        OutputPreflight.create().outputFolder("--output-dir", outputDir).check();
        long start = System.nanoTime();
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter table = json ? spec.commandLine().getErr() : stdout;
        Files.createDirectories(outputDir);
        List<SamplePlaces.Label> taskList = new ArrayList<>();
        for (String t : tasks != null ? tasks : (quick ? List.of("country") : List.of("country", "admin1"))) {
            taskList.add(switch (t.trim().toLowerCase(Locale.ROOT)) {
                case "country" -> SamplePlaces.Label.COUNTRY;
                case "admin1", "admin-1" -> SamplePlaces.Label.ADMIN1;
                default -> throw new IllegalArgumentException("--tasks: unknown task '" + t + "', use country or admin1");
            });
        }
        double[] r = ratios != null ? ratios : quick ? new double[] {0.01, 0.1} : new double[] {0.01, 0.05, 0.1, 0.2, 1};
        if (defaults && (quick || epochs != null || finetuneSteps != null || methods != null)) {
            throw new IllegalArgumentException("--defaults runs the two default methods with the product's budgets:"
                    + " drop --quick, --epochs, --finetune-steps and --methods");
        }
        long[] seedList = seeds != null && seeds.length > 0 ? seeds : new long[] {0};
        QualityBenchmark.Plan basePlan = new QualityBenchmark.Plan(taskList, r, stack(hiddenDim),
                or(epochs, quick ? 4 : 10), 1024, 256, or(finetuneSteps, quick ? 200 : 600), 40, seedList[0]);
        PlacesExperiment.Config cfg = PlacesExperiment.Config.defaults().withMaxPlaces(or(maxPlaces, quick ? 40000 : 0))
                .withMaxPretrainRows(or(pretrainRows, quick ? 20000 : 0)).withEmbeddingWidth(width)
                .withProbeBudget(probeBudget != null ? probeBudget : quick ? 2e7 : 1e8).withWorkDir(outputDir);
        java.util.function.Function<String, TrainingListener> listeners = name -> !noProgress
                ? new ProgressReporter(name) : TrainingListener.NONE;
        java.util.function.Consumer<String> log = m -> System.err.println("geocsp bench quality: " + m);

        List<Row> rows;
        McSettings tuned = null;
        List<QualityBenchmark.TuningTrial> trials = List.of();
        try (PlacesExperiment exp = PlacesExperiment.prepare(SamplePlaces.load(), cfg, log)) {
            boolean tune = !quick && !noTune && !defaults;
            QualityBenchmark.Plan plan = basePlan;
            if (tune) {
                trials = QualityBenchmark.tuneMc(exp, plan, CANDIDATES, listeners, log);
                tuned = QualityBenchmark.best(trials).settings();
                log.accept("tuned MC settings: " + tuned.describe());
            }
            List<QualityBenchmark.Method> all = defaults ? QualityBenchmark.defaultMethods(plan)
                    : QualityBenchmark.methods(plan, tuned);
            List<QualityBenchmark.Method> chosen = new ArrayList<>();
            if (methods != null) {
                // in the order given, so that a long run measures the most important methods first
                for (String name : methods) {
                    all.stream().filter(m -> m.name().equals(name.trim())).findFirst().ifPresentOrElse(chosen::add,
                            () -> {
                                throw new IllegalArgumentException("--methods: unknown method '" + name + "'; choose from "
                                        + all.stream().map(QualityBenchmark.Method::name).toList());
                            });
                }
            } else {
                for (QualityBenchmark.Method m : all) {
                    if (!quick || Set.of("supervised wrap", "supervised grid", "CSP-MC-B ref", "CSP-MC-BLD ref",
                            "CSP-NCE", "CSP-MSE").contains(m.name())) {
                        chosen.add(m);
                    }
                }
            }
            if (chosen.isEmpty()) {
                throw new IllegalArgumentException("--methods: no known method named; choose from "
                        + all.stream().map(QualityBenchmark.Method::name).toList());
            }
            List<Row> sofar = new ArrayList<>();
            final List<QualityBenchmark.TuningTrial> tr = trials;
            final McSettings tu = tuned;
            for (long seed : seedList) {
                QualityBenchmark.Plan seeded = plan.withSeed(seed);
                List<QualityBenchmark.Method> run = defaults ? QualityBenchmark.defaultMethods(seeded) : chosen;
                QualityBenchmark.run(exp, seeded, run, listeners, log, row -> {
                    log.accept(String.format(Locale.ROOT,
                            "seed %d %s %s %s: top-1 location %.2f%%, combined %.2f%%%s (%.0f s)", row.seed(),
                            row.task(), QualityBenchmark.percent(row.ratio()), row.method(), 100 * row.top1Location(),
                            100 * row.top1Combined(), Double.isNaN(row.falsePositive()) ? ""
                                    : String.format(Locale.ROOT, ", map false positives %.4f", row.falsePositive()),
                            row.seconds()));
                    // rewritten after every record, so that an interrupted long run keeps what it measured
                    sofar.add(row);
                    try {
                        AtomicFiles.writeString(outputDir.resolve("results.json"), toJson(sofar, tr, tu) + "\n");
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
            }
            rows = List.copyOf(sofar);
            printTables(table, exp, rows, trials, tuned);
        }
        Path jsonFile = outputDir.resolve("results.json");
        String text = toJson(rows, trials, tuned);
        AtomicFiles.writeString(jsonFile, text + "\n");
        Path chart = outputDir.resolve("quality.png");
        List<QualityResult> results = new ArrayList<>();
        // one point per task, ratio and method: the mean over the seeds
        for (QualityBenchmark.Summary sm : QualityBenchmark.summarise(rows)) {
            results.add(new QualityResult(sm.task(), sm.ratio(), sm.method(), sm.top1Location().mean(),
                    sm.top1Combined().mean()));
        }
        QualityChart.of(results).writePng(chart, 1400, 500 * taskList.size());
        table.println();
        table.println("outputs in " + outputDir.toAbsolutePath() + ": results.json, quality.png");
        table.println(String.format(Locale.ROOT, "done in %.0f s", (System.nanoTime() - start) / 1e9));
        table.flush();
        if (json) {
            stdout.println(text);
            stdout.flush();
        }
        return 0;
    }

    private static int or(Integer v, int d) {
        return v != null ? v : d;
    }

    private static void printTables(PrintWriter out, PlacesExperiment exp, List<Row> rows,
            List<QualityBenchmark.TuningTrial> trials, McSettings tuned) {
        out.println();
        out.println(String.format(Locale.ROOT, "Test set: %d places (20%% per country). Pre-training pool: %d places"
                + " (pre-training used %d, no labels).", exp.testSize(), exp.poolSize(), exp.pretrainingData().size()));
        if (!trials.isEmpty()) {
            out.println();
            out.println("MC tuning (CSP-MC-BLD, pre-trained on 80% of the pool, fine-tuned on 5% of its country labels,"
                    + " validation = the other 20% of the pool):");
            for (QualityBenchmark.TuningTrial t : trials) {
                out.println(String.format(Locale.ROOT, "  %-34s validation top-1 %6.2f%%%s", t.settings().describe(),
                        100 * t.validationTop1(), t.settings().equals(tuned) ? "  <- chosen" : ""));
            }
        }
        // The name classifier and the majority class per task and ratio.
        out.println();
        out.println("Place-name classifier (linear probe on the name embedding, trained on the same labelled rows):");
        String pf = "  %-8s %6s %9s %14s %22s%n";
        out.printf(Locale.ROOT, pf, "task", "ratio", "labelled", "probe top-1", "majority class top-1");
        Set<String> seen = new LinkedHashSet<>();
        for (Row r : rows) {
            if (seen.add(r.task() + "|" + r.ratio())) {
                out.printf(Locale.ROOT, pf, r.task(), QualityBenchmark.percent(r.ratio()), r.labelledRows(),
                        DemoCommand.p(r.top1Image()), DemoCommand.p(r.majorityRate()) + " (" + r.majorityClass() + ")");
            }
        }
        Map<String, Double> relLoc = QualityBenchmark.relativeImprovement(rows, false);
        Map<String, Double> relComb = QualityBenchmark.relativeImprovement(rows, true);
        out.println();
        out.println("Top-1 per task, label ratio, method and seed (loc = location only, comb = with the name classifier;"
                + " rel = relative change vs the method's supervised-only baseline (same encoder without pre-training,"
                + " same seed); map FP = mean P(country | location) over land far from the country's training places,"
                + " 20 largest countries):");
        String f = "  %-8s %6s %-22s %5s %9s %9s %9s %9s %8s %7s%n";
        out.printf(Locale.ROOT, f, "task", "ratio", "method", "seed", "loc", "comb", "rel loc", "rel comb", "map FP",
                "time");
        for (Row r : rows) {
            String k = QualityBenchmark.key(r.task(), r.ratio(), r.method(), r.seed());
            out.printf(Locale.ROOT, f, r.task(), QualityBenchmark.percent(r.ratio()), r.method(), r.seed(),
                    DemoCommand.p(r.top1Location()), DemoCommand.p(r.top1Combined()), rel(relLoc.get(k)),
                    rel(relComb.get(k)), fp(r.falsePositive()), String.format(Locale.ROOT, "%.0fs", r.seconds()));
        }
        out.println();
        out.println("Over the seeds (mean ± sd; err = change of the mean location-only top-1 error vs the baseline;"
                + " comb* = product with a softmax over the location logits):");
        String g = "  %-8s %6s %-22s %5s %15s %15s %15s %8s %17s%n";
        out.printf(Locale.ROOT, g, "task", "ratio", "method", "seeds", "loc", "comb", "comb*", "err", "map FP");
        for (QualityBenchmark.Summary s : QualityBenchmark.summarise(rows)) {
            out.printf(Locale.ROOT, g, s.task(), QualityBenchmark.percent(s.ratio()), s.method(), s.seeds(),
                    pm(s.top1Location()), pm(s.top1Combined()), pm(s.top1CombinedSoftmax()),
                    rel(s.errorChangeLocation()), Double.isNaN(s.falsePositive().mean()) ? "-"
                            : String.format(Locale.ROOT, "%.4f ± %.4f", s.falsePositive().mean(),
                                    s.falsePositive().sd()));
        }
    }

    private static String pm(QualityBenchmark.Spread s) {
        return String.format(Locale.ROOT, "%.2f ± %.2f%%", 100 * s.mean(), 100 * s.sd());
    }

    private static String fp(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String rel(Double v) {
        return v == null || v.isNaN() ? "-" : String.format(Locale.ROOT, "%+.1f%%", 100 * v);
    }

    static String toJson(List<Row> rows, List<QualityBenchmark.TuningTrial> trials, McSettings tuned) {
        // trials and tuned settings go to the table; the JSON keeps one record per (task, ratio, method)
        Map<String, Double> relLoc = QualityBenchmark.relativeImprovement(rows, false);
        Map<String, Double> relComb = QualityBenchmark.relativeImprovement(rows, true);
        JsonArray a = new JsonArray();
        for (Row r : rows) {
            JsonObject o = new JsonObject();
            o.addProperty("task", r.task());
            o.addProperty("ratio", r.ratio());
            o.addProperty("method", r.method());
            o.addProperty("seed", r.seed());
            o.addProperty("baseline", r.baseline());
            o.addProperty("top1_location", r.top1Location());
            o.addProperty("top1_combined", r.top1Combined());
            o.addProperty("top3_location", r.top3Location());
            o.addProperty("top3_combined", r.top3Combined());
            o.addProperty("top1_combined_softmax", r.top1CombinedSoftmax());
            o.addProperty("top3_combined_softmax", r.top3CombinedSoftmax());
            o.addProperty("top1_name_classifier", r.top1Image());
            o.addProperty("majority_rate", r.majorityRate());
            String k = QualityBenchmark.key(r.task(), r.ratio(), r.method(), r.seed());
            if (!Double.isNaN(r.falsePositive())) {
                o.addProperty("map_false_positive", r.falsePositive());
                JsonArray countries = new JsonArray();
                for (org.geocsp.bench.FalsePositiveMap.CountryScore c : r.falsePositives()) {
                    JsonObject co = new JsonObject();
                    co.addProperty("country", c.country());
                    co.addProperty("mean_probability", c.meanProbability());
                    co.addProperty("far_land_cells", c.farLandCells());
                    co.addProperty("training_places", c.trainingPlaces());
                    countries.add(co);
                }
                o.add("map_false_positive_countries", countries);
            }
            if (relLoc.containsKey(k) && !relLoc.get(k).isNaN()) {
                o.addProperty("rel_improvement_location", relLoc.get(k));
                o.addProperty("rel_improvement_combined", relComb.get(k));
            }
            o.addProperty("labelled_rows", r.labelledRows());
            o.addProperty("test_rows", r.testRows());
            o.addProperty("seconds", r.seconds());
            a.add(o);
        }
        return new GsonBuilder().serializeSpecialFloatingPointValues().setPrettyPrinting().create().toJson(a);
    }
}
