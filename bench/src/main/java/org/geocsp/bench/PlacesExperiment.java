package org.geocsp.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.geocsp.core.data.FewShotSelector;
import org.geocsp.core.data.GeoDataset;
import org.geocsp.core.encode.EncoderSpec;
import org.geocsp.core.eval.DistanceMetrics;
import org.geocsp.core.eval.RankingMetrics;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.model.GeoModel;
import org.geocsp.core.model.ModelSpec;
import org.geocsp.core.nn.StackSpec;
import org.geocsp.core.predict.Gallery;
import org.geocsp.core.predict.ImageGeolocator;
import org.geocsp.core.predict.LabelMapper;
import org.geocsp.core.predict.LocationPredictor;
import org.geocsp.core.predict.PredictionBatch;
import org.geocsp.core.predict.PredictionRequest;
import org.geocsp.core.predict.ScoreMode;
import org.geocsp.core.runtime.GeoRuntime;
import org.geocsp.core.sample.PlaceNameEmbedding;
import org.geocsp.core.sample.SamplePlaces;
import org.geocsp.core.train.FineTuneSettings;
import org.geocsp.core.train.FineTuner;
import org.geocsp.core.train.PretrainSettings;
import org.geocsp.core.train.Pretrainer;
import org.geocsp.core.train.TrainingListener;

/**
 * The CSP experiment on the embedded GeoNames places ({@link SamplePlaces}), shared by
 * {@code geocsp demo} and {@code geocsp bench quality}: the place name plays the image.
 *
 * <p>Protocol: a seeded subsample of the places (or all of them) is split, stratified by
 * country, into a test set ({@link Config#testFraction}) and the pre-training pool (the rest).
 * The {@link PlaceNameEmbedding} is fitted on the pool names only and embeds every place; the
 * pool's (location, name embedding) pairs stream into a memory-mapped feature store for
 * pre-training, which sees no label. Fine-tuning uses a seeded few-shot share of the pool's labels
 * ({@link FewShotSelector}: per class round(n·ratio), at least one). The "image classifier" is a
 * {@link LinearProbe} on the name embeddings of exactly the same labelled rows; its class order
 * is the fine-tuned model's, and its softmax is combined with P(class | location) by the CSP
 * product rule in {@link LocationPredictor}. Test labels are mapped to the model's classes; a test
 * class missing from the pool cannot occur (the split keeps singletons in the pool, and the few-shot
 * selection keeps every class).
 *
 * <p>{@link #validationExperiment(double, long)} gives the same experiment with the test set
 * replaced by a held-out part of the pool, for tuning without touching the test set.
 */
public final class PlacesExperiment implements AutoCloseable {

    /**
     * Sizes and seeds.
     *
     * @param maxPlaces use a seeded subsample of this many places; 0 or more than there are = all
     * @param testFraction share of each country held out as the test set, in (0, 0.5]
     * @param embeddingWidth width of the place-name embedding (the stand-in image embedding)
     * @param maxPretrainRows pre-train on a seeded subsample of the pool of at most this many rows; 0 = the whole pool
     * @param probeBudget row × class updates per {@link LinearProbe} run; its epochs are
     *     budget / (rows × classes), clamped to [1, 20]
     * @param seed seed of the subsample, the split and the few-shot selections
     * @param threads threads for the name embedding
     * @param workDir folder for the memory-mapped feature store (null: system temp)
     */
    public record Config(int maxPlaces, double testFraction, int embeddingWidth, int maxPretrainRows,
            double probeBudget, long seed, int threads, Path workDir) {
        public Config {
            List<String> p = new ArrayList<>();
            if (maxPlaces < 0) {
                p.add("max places must be >= 0 (0 = all), got " + maxPlaces);
            }
            if (!(testFraction > 0 && testFraction <= 0.5)) {
                p.add("test fraction must be in (0, 0.5], got " + testFraction);
            }
            if (embeddingWidth < 8) {
                p.add("embedding width must be at least 8, got " + embeddingWidth);
            }
            if (maxPretrainRows < 0) {
                p.add("max pre-training rows must be >= 0 (0 = all), got " + maxPretrainRows);
            }
            if (!(probeBudget > 0)) {
                p.add("probe budget must be positive, got " + probeBudget);
            }
            if (threads < 1) {
                p.add("threads must be at least 1, got " + threads);
            }
            if (!p.isEmpty()) {
                throw new InvalidInputException(p);
            }
        }

        /** All places, 20% test, width 256, the whole pool, probe budget 1e8, seed 42, 2 threads. */
        public static Config defaults() {
            return new Config(0, 0.2, 256, 0, 1e8, 42, 2, null);
        }

        public Config withMaxPlaces(int v) {
            return new Config(v, testFraction, embeddingWidth, maxPretrainRows, probeBudget, seed, threads, workDir);
        }

        public Config withEmbeddingWidth(int v) {
            return new Config(maxPlaces, testFraction, v, maxPretrainRows, probeBudget, seed, threads, workDir);
        }

        public Config withMaxPretrainRows(int v) {
            return new Config(maxPlaces, testFraction, embeddingWidth, v, probeBudget, seed, threads, workDir);
        }

        public Config withProbeBudget(double v) {
            return new Config(maxPlaces, testFraction, embeddingWidth, maxPretrainRows, v, seed, threads, workDir);
        }

        public Config withWorkDir(Path v) {
            return new Config(maxPlaces, testFraction, embeddingWidth, maxPretrainRows, probeBudget, seed, threads, v);
        }
    }

    /**
     * Scores of one fine-tuned model on the test set; rates are shares in [0, 1].
     *
     * @param top1Location top-1 of P(class | location) alone
     * @param top3Location top-3 of P(class | location) alone
     * @param top1Combined top-1 of the product with the name classifier's probabilities
     * @param top3Combined top-3 of the product
     * @param top1CombinedSoftmax top-1 of the product with softmax location scores
     *     ({@link ScoreMode#SOFTMAX}) instead of CSP's σ(logit)
     * @param top3CombinedSoftmax top-3 of that product
     * @param top1Image top-1 of the name classifier alone (the "image-only" baseline)
     * @param majorityRate top-1 of always predicting the most frequent labelled class
     * @param majorityClass that class
     * @param labelledRows labelled pool rows used (fine-tuning and name classifier)
     * @param testRows rows scored
     */
    public record Scores(double top1Location, double top3Location, double top1Combined, double top3Combined,
            double top1Image, double majorityRate, String majorityClass, int labelledRows, int testRows,
            double top1CombinedSoftmax, double top3CombinedSoftmax) {}

    /** A fine-tuned model with the labelled pool rows it used (positions in the task's labelled dataset). */
    public record FineTuned(FineTuner.Result result, SamplePlaces.Label task, double ratio, int[] labelledRows)
            implements AutoCloseable {
        public GeoModel model() {
            return result.model();
        }

        @Override
        public void close() {
            result.close();
        }
    }

    /** The labelled pool of one task: class vocabulary (sorted), pool and test class indices. */
    private record TaskData(List<String> classes, GeoDataset labelled, int[] yPool, String[] testLabels) {}

    private final double[] lon;
    private final double[] lat;
    private final Map<SamplePlaces.Label, String[]> labels;
    private final float[][] x;
    private final int[] poolRows;
    private final int[] testRows;
    private final PlaceNameEmbedding embedding;
    /** Pool rows with their embeddings in a feature store, in {@link #poolRows} order. */
    private final GeoDataset poolData;
    private final boolean ownsPoolData;
    private final Config config;
    private final Map<SamplePlaces.Label, TaskData> tasks = new EnumMap<>(SamplePlaces.Label.class);
    private final Map<String, LinearProbe> probes = new java.util.HashMap<>();
    private final Map<String, float[][]> imageProbabilities = new java.util.HashMap<>();

    private PlacesExperiment(double[] lon, double[] lat, Map<SamplePlaces.Label, String[]> labels, float[][] x,
            int[] poolRows, int[] testRows, PlaceNameEmbedding embedding, GeoDataset poolData, boolean ownsPoolData,
            Config config) {
        this.lon = lon;
        this.lat = lat;
        this.labels = labels;
        this.x = x;
        this.poolRows = poolRows;
        this.testRows = testRows;
        this.embedding = embedding;
        this.poolData = poolData;
        this.ownsPoolData = ownsPoolData;
        this.config = config;
    }

    /**
     * Builds the splits, fits the name embedding on the pool, embeds every place and streams the
     * pool into a feature store.
     *
     * @param log receives one line per stage
     */
    public static PlacesExperiment prepare(SamplePlaces places, Config config, Consumer<String> log)
            throws IOException {
        int[] rows = config.maxPlaces() > 0 && config.maxPlaces() < places.size()
                ? places.sampleRows(config.maxPlaces(), config.seed())
                : identity(places.size());
        int n = rows.length;
        double[] lon = new double[n];
        double[] lat = new double[n];
        String[] names = new String[n];
        Map<SamplePlaces.Label, String[]> labels = new EnumMap<>(SamplePlaces.Label.class);
        String[] country = places.labels(SamplePlaces.Label.COUNTRY);
        String[] admin1 = places.labels(SamplePlaces.Label.ADMIN1);
        String[] c = new String[n];
        String[] a = new String[n];
        for (int i = 0; i < n; i++) {
            int r = rows[i];
            lon[i] = places.lon(r);
            lat[i] = places.lat(r);
            names[i] = places.name(r);
            c[i] = country[r];
            a[i] = admin1[r];
        }
        labels.put(SamplePlaces.Label.COUNTRY, c);
        labels.put(SamplePlaces.Label.ADMIN1, a);
        SamplePlaces.Split split = SamplePlaces.splitStratified(c, config.testFraction(), config.seed());
        long t0 = System.nanoTime();
        List<String> poolNames = new ArrayList<>(split.train().length);
        for (int r : split.train()) {
            poolNames.add(names[r]);
        }
        PlaceNameEmbedding emb = PlaceNameEmbedding.fit(poolNames,
                PlaceNameEmbedding.Settings.DEFAULT.withWidth(config.embeddingWidth()));
        float[][] x = new float[n][];
        emb.embedAll(names, config.threads(), (v, i) -> x[i] = v);
        GeoDataset pool;
        try (GeoDataset.Builder b = GeoDataset.builder().withFeatures(config.embeddingWidth(), config.workDir())) {
            for (int r : split.train()) {
                b.add(lon[r], lat[r], null, x[r], null);
            }
            pool = b.build();
        }
        log.accept(String.format(java.util.Locale.ROOT,
                "places: %d used, %d in the pre-training pool, %d test (20%% per country); name embedding width %d"
                        + " fitted on the pool and computed in %.1f s",
                n, split.train().length, split.test().length, config.embeddingWidth(), (System.nanoTime() - t0) / 1e9));
        return new PlacesExperiment(lon, lat, labels, x, split.train(), split.test(), emb, pool, true, config);
    }

    /**
     * The same experiment with a stratified (by country) part of the pool as its test set and the
     * rest as its pool; the real test set is not used. The name embedding stays the one fitted on
     * the full pool (it never saw a test name).
     */
    public PlacesExperiment validationExperiment(double validationFraction, long seed) {
        String[] c = labels.get(SamplePlaces.Label.COUNTRY);
        String[] poolLabels = new String[poolRows.length];
        for (int i = 0; i < poolRows.length; i++) {
            poolLabels[i] = c[poolRows[i]];
        }
        SamplePlaces.Split s = SamplePlaces.splitStratified(poolLabels, validationFraction, seed);
        int[] newPool = new int[s.train().length];
        for (int i = 0; i < newPool.length; i++) {
            newPool[i] = poolRows[s.train()[i]];
        }
        int[] newTest = new int[s.test().length];
        for (int i = 0; i < newTest.length; i++) {
            newTest[i] = poolRows[s.test()[i]];
        }
        return new PlacesExperiment(lon, lat, labels, x, newPool, newTest, embedding, poolData.subset(s.train()), false,
                config);
    }

    public Config config() {
        return config;
    }

    public int poolSize() {
        return poolRows.length;
    }

    public int testSize() {
        return testRows.length;
    }

    /** The fitted name embedding. */
    public PlaceNameEmbedding embedding() {
        return embedding;
    }

    /** Number of classes of a task among the pool's labels. */
    public int numClasses(SamplePlaces.Label task) {
        return task(task).classes().size();
    }

    /**
     * The unlabelled pre-training data: pool locations with their name embeddings, or a seeded
     * subsample of {@link Config#maxPretrainRows} of them.
     */
    public GeoDataset pretrainingData() {
        int max = config.maxPretrainRows();
        if (max <= 0 || max >= poolData.size()) {
            return poolData;
        }
        int[] pick = new int[poolData.size()];
        for (int i = 0; i < pick.length; i++) {
            pick[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(config.seed() + 1);
        for (int i = 0; i < max; i++) {
            int j = i + rng.nextInt(pick.length - i);
            int t = pick[i];
            pick[i] = pick[j];
            pick[j] = t;
        }
        int[] rows = Arrays.copyOf(pick, max);
        Arrays.sort(rows);
        return poolData.subset(rows);
    }

    /** A new model with this position encoder and stack (no image projection yet), on the default device. */
    public static GeoModel newModel(String encoderName, StackSpec stack, long seed) {
        ModelSpec spec = ModelSpec.of(EncoderSpec.of(encoderName), stack);
        return GeoModel.create(spec, GeoRuntime.resolveDevice(org.geocsp.core.runtime.DeviceChoice.AUTO), seed);
    }

    /**
     * Pre-trains a new model (encoder and stack as given) on {@link #pretrainingData()}. The caller
     * owns the result's model.
     */
    public Pretrainer.Result pretrain(String encoderName, StackSpec stack, PretrainSettings settings,
            TrainingListener listener) {
        GeoModel start = newModel(encoderName, stack, settings.trainer().seed());
        Pretrainer.Result r;
        try {
            r = Pretrainer.run(start, pretrainingData(), settings, listener);
        } catch (RuntimeException e) {
            start.close();
            throw e;
        }
        if (r.model() != start) {
            start.close();
        }
        return r;
    }

    /**
     * The labelled pool rows kept at a label ratio (positions in the task's labelled pool): per
     * class round(n·ratio), at least one, seeded with the experiment's seed.
     */
    public int[] labelledRows(SamplePlaces.Label task, double ratio) {
        TaskData t = task(task);
        if (ratio >= 1) {
            return identity(t.yPool().length);
        }
        return new FewShotSelector(ratio).select(t.yPool(), t.classes().size(), config.seed());
    }

    /**
     * Fine-tunes the encoder on the labelled rows of {@code ratio} (the settings' own label ratio is
     * ignored: the rows are selected here so that the name classifier sees the same ones).
     */
    public FineTuned fineTune(GeoModel encoder, SamplePlaces.Label task, double ratio, FineTuneSettings settings,
            TrainingListener listener) {
        TaskData t = task(task);
        int[] rows = labelledRows(task, ratio);
        FineTuner.Result r = FineTuner.run(encoder, t.labelled().subset(rows), settings.withLabelRatio(1), listener);
        return new FineTuned(r, task, ratio, rows);
    }

    /**
     * Fine-tuning epochs that give about {@code targetSteps} optimisation steps for {@code rows}
     * labelled rows at {@code batchSize}, within [minEpochs, maxEpochs]: few labels need more
     * epochs to train at all, many labels need fewer.
     */
    public static int epochsFor(int rows, int batchSize, int targetSteps, int minEpochs, int maxEpochs) {
        int stepsPerEpoch = Math.max(1, (int) Math.ceil(rows * 0.9 / batchSize));
        int e = (int) Math.ceil((double) targetSteps / stepsPerEpoch);
        return Math.max(minEpochs, Math.min(maxEpochs, e));
    }

    /** Trains the name classifier (the stand-in image classifier) on labelled pool rows; classes in the task's order. */
    public LinearProbe nameClassifier(SamplePlaces.Label task, int[] labelledRows) {
        TaskData t = task(task);
        int classes = t.classes().size();
        float[][] xs = new float[labelledRows.length][];
        int[] ys = new int[labelledRows.length];
        for (int i = 0; i < labelledRows.length; i++) {
            xs[i] = x[poolRows[labelledRows[i]]];
            ys[i] = t.yPool()[labelledRows[i]];
        }
        int epochs = (int) Math.max(1, Math.min(20, Math.floor(config.probeBudget() / ((double) xs.length * classes))));
        return LinearProbe.train(xs, ys, identity(xs.length), classes,
                LinearProbe.Settings.DEFAULT.withEpochs(epochs));
    }

    /**
     * Scores a fine-tuned model on the test set: location only, and combined with the name
     * classifier trained on the same labelled rows.
     */
    public Scores evaluate(FineTuned tuned) {
        // The classifier depends only on the task and the labelled rows, so methods share it; its
        // test-set probabilities are cached too when they take at most a tenth of the heap.
        LinearProbe probe = probes.computeIfAbsent(tuned.task() + "|" + tuned.ratio(),
                k -> nameClassifier(tuned.task(), tuned.labelledRows()));
        String key = tuned.task() + "|" + tuned.ratio();
        int c = numClasses(tuned.task());
        float[][] cached = null;
        if ((long) testRows.length * c * Float.BYTES <= Runtime.getRuntime().maxMemory() / 10) {
            cached = imageProbabilities.computeIfAbsent(key, k -> {
                float[][] pr = new float[testRows.length][];
                for (int i = 0; i < pr.length; i++) {
                    pr[i] = softmax(probe.logits(x[testRows[i]]));
                }
                return pr;
            });
        }
        return evaluate(tuned.model(), tuned.task(), tuned.labelledRows(), probe, cached);
    }


    /**
     * Scores a fine-tuned model on the test set with a given name classifier (whose classes are
     * the task's pool classes in sorted order, like the model's).
     */
    public Scores evaluate(GeoModel model, SamplePlaces.Label task, int[] labelledRows, LinearProbe probe) {
        return evaluate(model, task, labelledRows, probe, null);
    }

    private Scores evaluate(GeoModel model, SamplePlaces.Label task, int[] labelledRows, LinearProbe probe,
            float[][] cachedImageProbabilities) {
        TaskData t = task(task);
        List<String> modelClasses = model.spec().classLabels();
        if (!modelClasses.equals(t.classes())) {
            throw new IllegalArgumentException("the model's classes are not the " + task + " classes of this experiment");
        }
        int c = modelClasses.size();
        int[] counts = new int[c];
        for (int r : labelledRows) {
            counts[t.yPool()[r]]++;
        }
        int majority = 0;
        for (int k = 1; k < c; k++) {
            if (counts[k] > counts[majority]) {
                majority = k;
            }
        }
        LabelMapper mapper = new LabelMapper(modelClasses);
        int[] yTest = mapper.map(t.testLabels());
        LocationPredictor predictor = new LocationPredictor(model,
                PredictionRequest.builder().topK(3).scoreMode(ScoreMode.SIGMOID).includeClassScores(true).build());
        RankingMetrics loc = new RankingMetrics(1, 3);
        RankingMetrics comb = new RankingMetrics(1, 3);
        LocationPredictor softmaxPredictor = new LocationPredictor(model,
                PredictionRequest.builder().topK(3).scoreMode(ScoreMode.SOFTMAX).includeClassScores(true).build());
        RankingMetrics combSoftmax = new RankingMetrics(1, 3);
        int imageHits = 0;
        int majorityHits = 0;
        int chunk = Math.max(1, (int) Math.min(4096, 8_000_000L / c));
        for (int a = 0; a < testRows.length; a += chunk) {
            int e = Math.min(testRows.length, a + chunk);
            int m = e - a;
            double[] lo = new double[m];
            double[] la = new double[m];
            float[][] img = new float[m][];
            int[] y = Arrays.copyOfRange(yTest, a, e);
            for (int i = 0; i < m; i++) {
                int r = testRows[a + i];
                lo[i] = lon[r];
                la[i] = lat[r];
                img[i] = cachedImageProbabilities != null ? cachedImageProbabilities[a + i]
                        : softmax(probe.logits(x[r]));
                if (argmax(img[i]) == y[i]) {
                    imageHits++;
                }
                if (y[i] == majority) {
                    majorityHits++;
                }
            }
            PredictionBatch pl = predictor.predict(lo, la, a + 1L);
            loc.add(flatScores(pl, m, c), c, y);
            PredictionBatch pc = predictor.predict(lo, la, img, a + 1L);
            comb.add(flatScores(pc, m, c), c, y);
            PredictionBatch ps = softmaxPredictor.predict(lo, la, img, a + 1L);
            combSoftmax.add(flatScores(ps, m, c), c, y);
        }
        double n = testRows.length;
        return new Scores(loc.top1(), loc.topK(3), comb.top1(), comb.topK(3), imageHits / n, majorityHits / n,
                modelClasses.get(majority), labelledRows.length, testRows.length, combSoftmax.top1(),
                combSoftmax.topK(3));
    }

    /**
     * Image-to-location retrieval on the test set: each test place's name embedding is located
     * among the pre-training pool locations by a contrastively pre-trained model.
     *
     * @param maxQueries score at most this many test places (a seeded sample), 0 = all
     */
    public DistanceMetrics geolocate(GeoModel pretrained, int maxQueries) {
        GeoDataset pool = pretrainingData();
        Gallery gallery = Gallery.of(pool.lonDegArray(), pool.latDegArray());
        int[] q = testRows;
        if (maxQueries > 0 && maxQueries < q.length) {
            SplittableRandom rng = new SplittableRandom(config.seed() + 2);
            int[] pick = q.clone();
            for (int i = 0; i < maxQueries; i++) {
                int j = i + rng.nextInt(pick.length - i);
                int t = pick[i];
                pick[i] = pick[j];
                pick[j] = t;
            }
            q = Arrays.copyOf(pick, maxQueries);
        }
        float[][] emb = new float[q.length][];
        double[] lo = new double[q.length];
        double[] la = new double[q.length];
        for (int i = 0; i < q.length; i++) {
            emb[i] = x[q[i]];
            lo[i] = lon[q[i]];
            la[i] = lat[q[i]];
        }
        try (ImageGeolocator g = ImageGeolocator.create(pretrained, gallery)) {
            return g.evaluate(emb, lo, la);
        }
    }

    /**
     * The map false-positive measure ({@link FalsePositiveMap}) of a country model fine-tuned in
     * this experiment: the largest countries by the pool's places, the training places are the
     * labelled rows it was fine-tuned on, the score is σ(logit) as on the maps.
     */
    public FalsePositiveMap.Result falsePositives(FineTuned tuned) {
        if (tuned.task() != SamplePlaces.Label.COUNTRY) {
            throw new IllegalArgumentException("the false-positive map measure is defined for the country task");
        }
        String[] country = labels.get(SamplePlaces.Label.COUNTRY);
        int n = poolRows.length;
        String[] poolLabels = new String[n];
        double[] poolLon = new double[n];
        double[] poolLat = new double[n];
        for (int i = 0; i < n; i++) {
            poolLabels[i] = country[poolRows[i]];
            poolLon[i] = lon[poolRows[i]];
            poolLat[i] = lat[poolRows[i]];
        }
        int[] rows = tuned.labelledRows();
        String[] tl = new String[rows.length];
        double[] tlo = new double[rows.length];
        double[] tla = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            tl[i] = poolLabels[rows[i]];
            tlo[i] = poolLon[rows[i]];
            tla[i] = poolLat[rows[i]];
        }
        GeoModel model = tuned.model();
        return FalsePositiveMap.measure(model.spec().classLabels(), poolLabels, poolLon, poolLat, tl, tlo, tla,
                (lo, la, classIndices) -> classScores(model, lo, la, classIndices));
    }

    /** σ(logit) of some classes at some locations: [location][k] for {@code classIndices[k]}. */
    static float[][] classScores(GeoModel model, double[] lo, double[] la, int[] classIndices) {
        LocationPredictor predictor = new LocationPredictor(model,
                PredictionRequest.builder().topK(1).scoreMode(ScoreMode.SIGMOID).includeClassScores(true).build());
        float[][] out = new float[lo.length][classIndices.length];
        int chunk = 4096;
        for (int a = 0; a < lo.length; a += chunk) {
            int e = Math.min(lo.length, a + chunk);
            PredictionBatch b = predictor.predict(Arrays.copyOfRange(lo, a, e), Arrays.copyOfRange(la, a, e), a + 1L);
            for (int i = a; i < e; i++) {
                float[] all = b.classScores(i - a);
                for (int k = 0; k < classIndices.length; k++) {
                    out[i][k] = all[classIndices[k]];
                }
            }
        }
        return out;
    }

    /** Pool locations of one class of a task (for drawing the training points of a map). */
    public double[][] poolLocations(SamplePlaces.Label task, String classLabel, int[] labelledRows) {
        TaskData t = task(task);
        int k = t.classes().indexOf(classLabel);
        List<double[]> pts = new ArrayList<>();
        for (int r : labelledRows) {
            if (t.yPool()[r] == k) {
                pts.add(new double[] {lon[poolRows[r]], lat[poolRows[r]]});
            }
        }
        double[][] out = new double[2][pts.size()];
        for (int i = 0; i < pts.size(); i++) {
            out[0][i] = pts.get(i)[0];
            out[1][i] = pts.get(i)[1];
        }
        return out;
    }

    private TaskData task(SamplePlaces.Label task) {
        return tasks.computeIfAbsent(task, this::buildTask);
    }

    private TaskData buildTask(SamplePlaces.Label task) {
        String[] all = labels.get(task);
        if (all == null) {
            throw new IllegalArgumentException("task " + task + " is not available: use COUNTRY or ADMIN1");
        }
        TreeSet<String> vocab = new TreeSet<>();
        for (int r : poolRows) {
            vocab.add(all[r]);
        }
        List<String> classes = List.copyOf(vocab);
        try (GeoDataset.Builder b = GeoDataset.builder().withLabels(task.name().toLowerCase(java.util.Locale.ROOT),
                classes, true)) {
            for (int r : poolRows) {
                b.add(lon[r], lat[r], all[r], null, null);
            }
            GeoDataset labelled = b.build();
            String[] test = new String[testRows.length];
            for (int i = 0; i < test.length; i++) {
                test[i] = all[testRows[i]];
            }
            return new TaskData(classes, labelled, labelled.labelArray(), test);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static float[] flatScores(PredictionBatch b, int m, int c) {
        float[] out = new float[m * c];
        for (int i = 0; i < m; i++) {
            System.arraycopy(b.classScores(i), 0, out, i * c, c);
        }
        return out;
    }

    private static float[] softmax(float[] z) {
        float max = Float.NEGATIVE_INFINITY;
        for (float v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        float[] p = new float[z.length];
        for (int i = 0; i < z.length; i++) {
            p[i] = (float) Math.exp(z[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < z.length; i++) {
            p[i] = (float) (p[i] / sum);
        }
        return p;
    }

    private static int argmax(float[] z) {
        int best = 0;
        for (int i = 1; i < z.length; i++) {
            if (z[i] > z[best]) {
                best = i;
            }
        }
        return best;
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    /** Closes the feature store (if this experiment built it). */
    @Override
    public void close() {
        for (TaskData t : tasks.values()) {
            t.labelled().close();
        }
        if (ownsPoolData) {
            poolData.close();
        }
    }
}
