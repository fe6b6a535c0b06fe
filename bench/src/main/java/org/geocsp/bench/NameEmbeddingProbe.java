package org.geocsp.bench;

import org.geocsp.core.sample.PlaceNameEmbedding;
import org.geocsp.core.sample.SamplePlaces;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Measures how much a label (by default the country) the locked {@link PlaceNameEmbedding}
 * carries: a seeded stratified train/test split of the places, the IDF fitted on the training
 * names only, then country top-1 on the test rows of (a) always predicting the most frequent
 * training class, (b) a nearest-class-mean probe (cosine to the mean training embedding of each
 * class) and (c) a {@link LinearProbe}.
 */
public final class NameEmbeddingProbe {

    /**
     * Outcome of one measurement; rates are shares of the test rows in [0, 1].
     *
     * @param majorityClass most frequent class among the training rows
     * @param majorityRate top-1 of always predicting {@code majorityClass}
     * @param nearestMeanTop1 top-1 of the nearest-class-mean probe
     * @param linearTop1 top-1 of the linear probe
     */
    public record Result(SamplePlaces.Label label, int trainRows, int testRows, int classes, int width,
            String majorityClass, double majorityRate, double nearestMeanTop1, double linearTop1,
            long embedMillis, long probeMillis) {

        /** One line for logs and benchmark output. */
        public String summary() {
            return String.format(Locale.ROOT,
                    "place-name embedding (width %d), %s top-1 on %d test places (%d train, %d classes): "
                            + "linear probe %.1f%%, nearest class mean %.1f%%, majority class (%s) %.1f%%",
                    width, label.name().toLowerCase(Locale.ROOT), testRows, trainRows, classes,
                    100 * linearTop1, 100 * nearestMeanTop1, majorityClass, 100 * majorityRate);
        }
    }

    private NameEmbeddingProbe() {}

    /**
     * Runs the measurement.
     *
     * @param rows the places to use (e.g. {@link SamplePlaces#sampleRows}), or null for all
     * @param testFraction share of each class held out for testing
     * @param seed seed of the split (the embedding and the probe have their own seeds in their settings)
     * @param threads worker threads for the embedding
     */
    public static Result measure(SamplePlaces places, int[] rows, SamplePlaces.Label label,
            PlaceNameEmbedding.Settings embeddingSettings, LinearProbe.Settings probeSettings,
            double testFraction, long seed, int threads) {
        if (rows == null) {
            rows = new int[places.size()];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = i;
            }
        }
        String[] allLabels = places.labels(label);
        String[] labels = new String[rows.length];
        String[] names = new String[rows.length];
        for (int i = 0; i < rows.length; i++) {
            labels[i] = allLabels[rows[i]];
            names[i] = places.name(rows[i]);
        }
        SamplePlaces.Split split = SamplePlaces.splitStratified(labels, testFraction, seed);

        // Class indices from the training rows only; a test class never seen in training stays -1 (always wrong).
        TreeSet<String> trainClasses = new TreeSet<>();
        for (int r : split.train()) {
            trainClasses.add(labels[r]);
        }
        Map<String, Integer> classIndex = new HashMap<>();
        for (String c : trainClasses) {
            classIndex.put(c, classIndex.size());
        }
        int classes = classIndex.size();
        int[] y = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            y[i] = classIndex.getOrDefault(labels[i], -1);
        }

        long t0 = System.nanoTime();
        List<String> pool = new ArrayList<>(split.train().length);
        for (int r : split.train()) {
            pool.add(names[r]);
        }
        PlaceNameEmbedding embedding = PlaceNameEmbedding.fit(pool, embeddingSettings);
        float[][] x = new float[rows.length][];
        embedding.embedAll(names, threads, (v, i) -> x[i] = v);
        long t1 = System.nanoTime();

        // Majority class of the training rows, scored on the test rows.
        int[] trainCounts = new int[classes];
        for (int r : split.train()) {
            trainCounts[y[r]]++;
        }
        int majority = LinearProbe.argmax(toFloat(trainCounts));
        String majorityClass = trainClasses.toArray(new String[0])[majority];
        double majorityRate = share(split.test(), r -> y[r] == majority);

        // Nearest class mean (cosine).
        int width = embeddingSettings.width();
        float[][] means = new float[classes][width];
        for (int r : split.train()) {
            float[] m = means[y[r]];
            for (int d = 0; d < width; d++) {
                m[d] += x[r][d];
            }
        }
        for (float[] m : means) {
            double n = 0;
            for (float v : m) {
                n += (double) v * v;
            }
            float inv = n > 0 ? (float) (1 / Math.sqrt(n)) : 0f;
            for (int d = 0; d < width; d++) {
                m[d] *= inv;
            }
        }
        double ncm = share(split.test(), r -> {
            float[] z = new float[classes];
            for (int c = 0; c < classes; c++) {
                float s = 0;
                for (int d = 0; d < width; d++) {
                    s += means[c][d] * x[r][d];
                }
                z[c] = s;
            }
            return LinearProbe.argmax(z) == y[r];
        });

        LinearProbe probe = LinearProbe.train(x, y, split.train(), classes, probeSettings);
        double linear = probe.accuracy(x, y, split.test());
        long t2 = System.nanoTime();
        return new Result(label, split.train().length, split.test().length, classes, width, majorityClass,
                majorityRate, ncm, linear, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
    }

    private static float[] toFloat(int[] a) {
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i];
        }
        return out;
    }

    private static double share(int[] rows, java.util.function.IntPredicate hit) {
        if (rows.length == 0) {
            return Double.NaN;
        }
        int n = 0;
        for (int r : rows) {
            if (hit.test(r)) {
                n++;
            }
        }
        return (double) n / rows.length;
    }
}
