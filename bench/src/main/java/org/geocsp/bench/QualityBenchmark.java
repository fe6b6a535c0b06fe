package org.geocsp.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.loss.Objective;
import org.geocsp.core.model.GeoModel;
import org.geocsp.core.nn.DefaultStacks;
import org.geocsp.core.nn.StackSpec;
import org.geocsp.core.sample.SamplePlaces;
import org.geocsp.core.train.FineTuneSettings;
import org.geocsp.core.train.LearningRateSchedule;
import org.geocsp.core.train.PretrainSettings;
import org.geocsp.core.train.Pretrainer;
import org.geocsp.core.train.TrainerSettings;
import org.geocsp.core.train.TrainingListener;

/**
 * The CSP quality benchmark on the embedded places ({@link PlacesExperiment}): for each method,
 * task and label ratio, fine-tune and score top-1 location-only and combined with the name
 * classifier. A method with pre-training is pre-trained once (no labels) and fine-tuned for every
 * task and ratio. Supervised-only methods start from a fresh encoder.
 */
public final class QualityBenchmark {

    /** The CSP position encoder of every pre-trained method (the CSP paper's choice). */
    public static final String CSP_ENCODER = "Space2Vec-grid";

    /** The supervised-only method of {@link #defaultMethods}: the baseline of its CSP method. */
    public static final String SUPERVISED_DEFAULTS = "supervised (defaults)";
    /** The pre-trained method of {@link #defaultMethods}. */
    public static final String CSP_DEFAULTS = "CSP (defaults)";
    /** The baseline of every other method. */
    public static final String SUPERVISED_GRID = "supervised grid";

    /**
     * A method: a name, its position encoder and, unless supervised-only, its pre-training.
     *
     * @param pretrain null for supervised-only
     * @param productDefaults true: the encoder's default stack, and fine-tuning with the
     *     {@code geocsp finetune} defaults (early stopping) instead of the plan's budget
     */
    public record Method(String name, String encoder, PretrainSettings pretrain, boolean productDefaults) {
        public Method(String name, String encoder, PretrainSettings pretrain) {
            this(name, encoder, pretrain, false);
        }

        public boolean pretrained() {
            return pretrain != null;
        }

        /** The supervised-only method this one is compared with. */
        public String baseline() {
            return productDefaults ? SUPERVISED_DEFAULTS : SUPERVISED_GRID;
        }
    }

    /**
     * MC-loss hyper-parameters that tuning chooses among.
     *
     * @param tauInBatch τ_b, @param tauRandom τ_l, @param tauSimcse τ_d, @param learningRate constant lr
     */
    public record McSettings(double tauInBatch, double tauRandom, double tauSimcse, double learningRate) {
        /** The CSP iNat2018 script: τ = 20, 1, 1 and lr 0.0005. */
        public static final McSettings REFERENCE = new McSettings(20, 1, 1, 0.0005);

        public String describe() {
            return String.format(Locale.ROOT, "tau %s/%s/%s, lr %s", fmt(tauInBatch), fmt(tauRandom), fmt(tauSimcse),
                    fmt(learningRate));
        }

        private static String fmt(double v) {
            return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        }
    }

    /**
     * What to run.
     *
     * @param tasks label columns (COUNTRY, ADMIN1)
     * @param ratios label ratios in (0, 1]
     * @param stack the stack of every encoder except wrap (which keeps its residual network)
     * @param pretrainEpochs pre-training epochs
     * @param pretrainBatch pre-training batch size
     * @param fineTuneBatch fine-tuning batch size
     * @param fineTuneSteps target optimisation steps per fine-tuning run (see {@link PlacesExperiment#epochsFor})
     * @param fineTuneMaxEpochs upper bound of fine-tuning epochs
     * @param seed seed of every training run
     */
    public record Plan(List<SamplePlaces.Label> tasks, double[] ratios, StackSpec stack, int pretrainEpochs,
            int pretrainBatch, int fineTuneBatch, int fineTuneSteps, int fineTuneMaxEpochs, long seed) {
        public Plan {
            List<String> p = new ArrayList<>();
            if (tasks == null || tasks.isEmpty()) {
                p.add("name at least one task");
            }
            if (ratios == null || ratios.length == 0) {
                p.add("name at least one label ratio");
            } else {
                for (double r : ratios) {
                    if (!(r > 0 && r <= 1)) {
                        p.add("label ratio must be in (0, 1], got " + r);
                    }
                }
            }
            if (pretrainEpochs < 1 || fineTuneMaxEpochs < 1 || fineTuneSteps < 1) {
                p.add("epochs and steps must be at least 1");
            }
            if (pretrainBatch < 2 || fineTuneBatch < 2) {
                p.add("batch sizes must be at least 2");
            }
            if (!p.isEmpty()) {
                throw new InvalidInputException(p);
            }
            tasks = List.copyOf(tasks);
            ratios = ratios.clone();
        }

        /** The same plan with another seed. */
        public Plan withSeed(long v) {
            return new Plan(tasks, ratios, stack, pretrainEpochs, pretrainBatch, fineTuneBatch, fineTuneSteps,
                    fineTuneMaxEpochs, v);
        }
    }

    /**
     * One record of the results table.
     *
     * @param seed the seed of the method's pre-training and fine-tuning
     * @param baseline the supervised-only method this one is compared with
     * @param falsePositive the map false-positive measure ({@link FalsePositiveMap}), NaN except for the country task
     */
    public record Row(String task, double ratio, String method, double top1Location, double top3Location,
            double top1Combined, double top3Combined, double top1Image, double majorityRate, String majorityClass,
            int labelledRows, int testRows, double seconds, double top1CombinedSoftmax, double top3CombinedSoftmax,
            long seed, String baseline, double falsePositive, List<FalsePositiveMap.CountryScore> falsePositives) {}

    /** One candidate of MC tuning and its validation top-1 (location only, country, 5% labels). */
    public record TuningTrial(McSettings settings, double validationTop1, double seconds) {}

    private QualityBenchmark() {}

    /** The task's name in results: "country" or "admin1". */
    public static String taskName(SamplePlaces.Label task) {
        return task == SamplePlaces.Label.ADMIN1 ? "admin1" : task.name().toLowerCase(Locale.ROOT);
    }

    /** Pre-training settings with this plan's epochs, batch and seed. */
    public static PretrainSettings basePretrain(Plan plan, double lr) {
        TrainerSettings t = TrainerSettings.defaults(lr).withEpochs(plan.pretrainEpochs())
                .withBatchSize(plan.pretrainBatch()).withSeed(plan.seed());
        return PretrainSettings.csp(t);
    }

    /** MC loss in the form B (in-batch only), B+L (+ random locations) or B+L+D (+ SimCSE dropout). */
    public static PretrainSettings mc(Plan plan, McSettings s, boolean randomLocations, boolean simcse) {
        return basePretrain(plan, s.learningRate()).withObjective(Objective.CONTSOFTMAX)
                .withTemperatures(s.tauInBatch(), s.tauRandom(), s.tauSimcse())
                .withWeights(randomLocations ? 1 : 0, simcse ? 1 : 0);
    }

    /**
     * The methods: supervised-only wrap and Space2Vec-grid; CSP-MC in the B, B+L and B+L+D
     * forms with the reference settings and, if {@code tuned} is given, with it; CSP-NCE
     * (imgcontloss: in-batch and random-location negatives) and CSP-MSE (l2regress), both at lr 0.0005.
     */
    public static List<Method> methods(Plan plan, McSettings tuned) {
        List<Method> m = new ArrayList<>();
        m.add(new Method("supervised wrap", "wrap", null));
        m.add(new Method("supervised grid", CSP_ENCODER, null));
        addMc(m, plan, McSettings.REFERENCE, "ref");
        if (tuned != null) {
            addMc(m, plan, tuned, "tuned");
        }
        m.add(new Method("CSP-NCE", CSP_ENCODER, basePretrain(plan, 0.0005).withObjective(Objective.IMGCONTLOSS)));
        m.add(new Method("CSP-MSE", CSP_ENCODER, basePretrain(plan, 0.0005).withObjective(Objective.L2REGRESS)));
        return m;
    }

    /**
     * What a user gets from {@code geocsp pretrain} and {@code geocsp finetune} with their
     * defaults, on both sides: supervised-only (a new default encoder fine-tuned with the finetune
     * defaults) and CSP (pre-trained with the pretrain defaults, then the same fine-tuning). The
     * seed is the plan's.
     */
    public static List<Method> defaultMethods(Plan plan) {
        PretrainSettings p = PretrainSettings.defaults();
        p = p.withTrainer(p.trainer().withSeed(plan.seed()));
        return List.of(new Method(SUPERVISED_DEFAULTS, CSP_ENCODER, null, true),
                new Method(CSP_DEFAULTS, CSP_ENCODER, p, true));
    }

    private static void addMc(List<Method> m, Plan plan, McSettings s, String tag) {
        m.add(new Method("CSP-MC-B " + tag, CSP_ENCODER, mc(plan, s, false, false)));
        m.add(new Method("CSP-MC-BL " + tag, CSP_ENCODER, mc(plan, s, true, false)));
        m.add(new Method("CSP-MC-BLD " + tag, CSP_ENCODER, mc(plan, s, true, true)));
    }

    /** Fine-tuning settings (CSP defaults: presence-absence loss, Adam lr 0.001 × 0.98/epoch) for {@code rows} labelled rows. */
    public static FineTuneSettings fineTuneSettings(Plan plan, int rows) {
        int epochs = PlacesExperiment.epochsFor(rows, plan.fineTuneBatch(), plan.fineTuneSteps(), 2,
                plan.fineTuneMaxEpochs());
        FineTuneSettings f = FineTuneSettings.defaults(epochs);
        return f.withTrainer(f.trainer().withBatchSize(plan.fineTuneBatch()).withSeed(plan.seed())
                .withSchedule(LearningRateSchedule.exponential(0.001, 0.98)));
    }

    /** The fine-tuning settings of a method for {@code rows} labelled rows. */
    public static FineTuneSettings fineTuneSettings(Plan plan, Method method, int rows) {
        if (!method.productDefaults()) {
            return fineTuneSettings(plan, rows);
        }
        FineTuneSettings f = FineTuneSettings.defaults();
        return f.withTrainer(f.trainer().withSeed(plan.seed()));
    }

    /**
     * The stack of a method's encoder: the product default for a defaults method and for wrap
     * (its published residual network), the plan's for every other.
     */
    public static StackSpec stackFor(Plan plan, Method method) {
        return method.productDefaults() || method.encoder().equalsIgnoreCase("wrap")
                ? DefaultStacks.forEncoder(method.encoder()) : plan.stack();
    }

    /**
     * Runs every method over the plan's tasks and ratios.
     *
     * @param listeners a training listener for a run named by its argument (closed after the run if AutoCloseable)
     * @param log progress lines
     * @param rowSink each row as soon as it is measured
     */
    public static List<Row> run(PlacesExperiment exp, Plan plan, List<Method> methods,
            Function<String, TrainingListener> listeners, Consumer<String> log, Consumer<Row> rowSink) {
        List<Row> rows = new ArrayList<>();
        for (Method method : methods) {
            long t0 = System.nanoTime();
            GeoModel encoder;
            if (method.pretrained()) {
                Pretrainer.Result r = withListener(listeners, "pretrain " + method.name(),
                        l -> exp.pretrain(method.encoder(), stackFor(plan, method), method.pretrain(), l));
                log.accept(String.format(Locale.ROOT, "%s: %s (%.0f s)", method.name(), r.training().message(),
                        (System.nanoTime() - t0) / 1e9));
                encoder = r.model();
            } else {
                encoder = PlacesExperiment.newModel(method.encoder(), stackFor(plan, method), plan.seed());
            }
            double pretrainSeconds = (System.nanoTime() - t0) / 1e9;
            try (GeoModel enc = encoder) {
                for (SamplePlaces.Label task : plan.tasks()) {
                    for (double ratio : plan.ratios()) {
                        long t1 = System.nanoTime();
                        int n = exp.labelledRows(task, ratio).length;
                        String what = String.format(Locale.ROOT, "finetune %s %s %s", method.name(), taskName(task),
                                percent(ratio));
                        try (PlacesExperiment.FineTuned ft = withListener(listeners, what,
                                l -> exp.fineTune(enc, task, ratio, fineTuneSettings(plan, method, n), l))) {
                            PlacesExperiment.Scores s = exp.evaluate(ft);
                            FalsePositiveMap.Result fp = task == SamplePlaces.Label.COUNTRY ? exp.falsePositives(ft)
                                    : new FalsePositiveMap.Result(Double.NaN, List.of());
                            Row row = new Row(taskName(task), ratio, method.name(), s.top1Location(), s.top3Location(),
                                    s.top1Combined(), s.top3Combined(), s.top1Image(), s.majorityRate(),
                                    s.majorityClass(), s.labelledRows(), s.testRows(),
                                    (System.nanoTime() - t1) / 1e9, s.top1CombinedSoftmax(), s.top3CombinedSoftmax(),
                                    plan.seed(), method.baseline(), fp.meanProbability(), fp.countries());
                            rows.add(row);
                            rowSink.accept(row);
                        }
                    }
                }
            }
            log.accept(String.format(Locale.ROOT, "%s done in %.0f s (pre-training %.0f s)", method.name(),
                    (System.nanoTime() - t0) / 1e9, pretrainSeconds));
        }
        return rows;
    }

    /**
     * Tunes the MC loss on a validation split of the pool (never the test set): each candidate
     * pre-trains CSP-MC-BLD on 80% of the pool, is fine-tuned on 5% of that part's country labels
     * and scored (location-only top-1) on the other 20%. The reference settings should be among
     * the candidates so that "tuned" can only match or beat them on validation.
     */
    public static List<TuningTrial> tuneMc(PlacesExperiment exp, Plan plan, List<McSettings> candidates,
            Function<String, TrainingListener> listeners, Consumer<String> log) {
        List<TuningTrial> trials = new ArrayList<>();
        try (PlacesExperiment val = exp.validationExperiment(0.2, plan.seed() + 7)) {
            for (McSettings c : candidates) {
                long t0 = System.nanoTime();
                PretrainSettings ps = mc(plan, c, true, true);
                Pretrainer.Result r = withListener(listeners, "tune MC-BLD " + c.describe(),
                        l -> val.pretrain(CSP_ENCODER, plan.stack(), ps, l));
                try (GeoModel enc = r.model()) {
                    int n = val.labelledRows(SamplePlaces.Label.COUNTRY, 0.05).length;
                    try (PlacesExperiment.FineTuned ft = withListener(listeners, "tune finetune " + c.describe(),
                            l -> val.fineTune(enc, SamplePlaces.Label.COUNTRY, 0.05, fineTuneSettings(plan, n), l))) {
                        PlacesExperiment.Scores s = val.evaluate(ft);
                        TuningTrial t = new TuningTrial(c, s.top1Location(), (System.nanoTime() - t0) / 1e9);
                        trials.add(t);
                        log.accept(String.format(Locale.ROOT, "tuning %s: validation country top-1 %.2f%% (%.0f s)",
                                c.describe(), 100 * t.validationTop1(), t.seconds()));
                    }
                }
            }
        }
        return trials;
    }

    /** The trial with the highest validation top-1 (the first on ties). */
    public static TuningTrial best(List<TuningTrial> trials) {
        TuningTrial best = null;
        for (TuningTrial t : trials) {
            if (best == null || t.validationTop1() > best.validationTop1()) {
                best = t;
            }
        }
        return best;
    }

    /**
     * Relative top-1 improvement of each method over a baseline at the same task and ratio:
     * (top1 - baseline) / baseline, keyed by task, ratio and method.
     */
    public static Map<String, Double> relativeImprovement(List<Row> rows, boolean combined) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Row r : rows) {
            Row b = find(rows, r.task(), r.ratio(), r.baseline(), r.seed());
            if (b == null) {
                continue;
            }
            double base = combined ? b.top1Combined() : b.top1Location();
            double v = combined ? r.top1Combined() : r.top1Location();
            out.put(key(r.task(), r.ratio(), r.method(), r.seed()), base > 0 ? (v - base) / base : Double.NaN);
        }
        return out;
    }

    /** The key of {@link #relativeImprovement}. */
    public static String key(String task, double ratio, String method, long seed) {
        return task + "|" + ratio + "|" + method + "|" + seed;
    }

    static Row find(List<Row> rows, String task, double ratio, String method, long seed) {
        for (Row r : rows) {
            if (r.task().equals(task) && r.ratio() == ratio && r.method().equals(method) && r.seed() == seed) {
                return r;
            }
        }
        return null;
    }

    /** Mean and sample standard deviation (0 for one value) of some runs. */
    public record Spread(double mean, double sd) {
        static Spread of(List<Double> v) {
            double m = v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double ss = 0;
            for (double x : v) {
                ss += (x - m) * (x - m);
            }
            return new Spread(m, v.size() > 1 ? Math.sqrt(ss / (v.size() - 1)) : 0);
        }
    }

    /**
     * A method at one task and ratio over its seeds.
     *
     * @param errorChangeLocation change of the mean location-only top-1 error against the
     *     baseline's over the same seeds, (err - err_baseline) / err_baseline; NaN without baseline
     */
    public record Summary(String task, double ratio, String method, int seeds, Spread top1Location,
            Spread top1Combined, Spread top1CombinedSoftmax, Spread falsePositive, double errorChangeLocation) {}

    /** One summary per (task, ratio, method), in the order the rows first name them. */
    public static List<Summary> summarise(List<Row> rows) {
        Map<String, List<Row>> groups = new LinkedHashMap<>();
        for (Row r : rows) {
            groups.computeIfAbsent(r.task() + "|" + r.ratio() + "|" + r.method(), k -> new ArrayList<>()).add(r);
        }
        List<Summary> out = new ArrayList<>();
        for (List<Row> g : groups.values()) {
            Row first = g.get(0);
            List<Double> base = new ArrayList<>();
            for (Row r : g) {
                Row b = find(rows, r.task(), r.ratio(), r.baseline(), r.seed());
                if (b != null) {
                    base.add(b.top1Location());
                }
            }
            Spread loc = Spread.of(g.stream().map(Row::top1Location).toList());
            double change = Double.NaN;
            if (base.size() == g.size()) {
                double baseError = 1 - Spread.of(base).mean();
                change = baseError > 0 ? ((1 - loc.mean()) - baseError) / baseError : Double.NaN;
            }
            out.add(new Summary(first.task(), first.ratio(), first.method(), g.size(), loc,
                    Spread.of(g.stream().map(Row::top1Combined).toList()),
                    Spread.of(g.stream().map(Row::top1CombinedSoftmax).toList()),
                    Spread.of(g.stream().map(Row::falsePositive).toList()), change));
        }
        return out;
    }

    /** "5%", "0.5%", "100%". */
    public static String percent(double ratio) {
        double p = ratio * 100;
        return (p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p)) + "%";
    }

    private static <T> T withListener(Function<String, TrainingListener> listeners, String what,
            Function<TrainingListener, T> body) {
        TrainingListener l = listeners.apply(what);
        try {
            return body.apply(l);
        } finally {
            if (l instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    // a progress display failing to close must not lose the result
                }
            }
        }
    }
}
