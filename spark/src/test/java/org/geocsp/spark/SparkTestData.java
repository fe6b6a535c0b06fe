package org.geocsp.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.SparkSession;
import org.geocsp.core.encode.EncoderSpec;
import org.geocsp.core.model.GeoModel;
import org.geocsp.core.model.ModelFile;
import org.geocsp.core.model.ModelSpec;
import org.geocsp.core.nn.StackSpec;

/** Small models and rows for the Spark tests (untrained models: the tests compare paths, not quality). */
final class SparkTestData {

    static final List<String> LABELS = List.of("oak", "pine", "fir", "elm", "ash");
    static final int IMAGE_DIM = 6;

    private SparkTestData() {}

    /** One local[2] session per test class: Spark's own start-up dominates the test time otherwise. */
    static SparkSession session() {
        return SparkSession.builder().master("local[2]").appName("geocsp-spark-test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
    }

    /** A small model with a class head and an image classifier (dropout on, so eval mode matters). */
    static Path classifierModel(Path dir, long seed) throws IOException {
        ModelSpec spec = ModelSpec.of(EncoderSpec.of("Space2Vec-grid").withFrequencyNum(8).withRadii(1, 360),
                StackSpec.csp().withHiddenDim(32).withOutputDim(16).withDropout(0.5)).withClassLabels(LABELS)
                .withImageClassifier(IMAGE_DIM);
        Path file = dir.resolve("classifier-" + seed + ".geocsp");
        try (GeoModel m = GeoModel.create(spec, seed)) {
            ModelFile.save(m, file);
        }
        return file;
    }

    /** A small model without classes (as after pre-training). */
    static Path encoderModel(Path dir) throws IOException {
        ModelSpec spec = ModelSpec.of(EncoderSpec.of("Sphere2Vec-sphereC+").withFrequencyNum(8).withRadii(1, 360),
                StackSpec.csp().withHiddenDim(32).withOutputDim(12));
        Path file = dir.resolve("encoder.geocsp");
        try (GeoModel m = GeoModel.create(spec, 5)) {
            ModelFile.save(m, file);
        }
        return file;
    }

    /** Area-uniform valid locations. */
    static double[][] locations(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] lon = new double[n];
        double[] lat = new double[n];
        for (int i = 0; i < n; i++) {
            lon[i] = 360 * r.nextDouble() - 180;
            lat[i] = Math.toDegrees(Math.asin(2 * r.nextDouble() - 1));
        }
        return new double[][] {lon, lat};
    }

    /** Per row a random probability vector over the labels (every value positive, sum 1). */
    static float[][] probabilities(int n, int c, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] p = new float[n][c];
        for (float[] row : p) {
            double s = 0;
            for (int j = 0; j < c; j++) {
                row[j] = (float) (0.05 + r.nextDouble());
                s += row[j];
            }
            for (int j = 0; j < c; j++) {
                row[j] = (float) (row[j] / s);
            }
        }
        return p;
    }

    static float[][] gaussian(int n, int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] f = new float[n][d];
        for (float[] row : f) {
            for (int j = 0; j < d; j++) {
                row[j] = (float) r.nextGaussian();
            }
        }
        return f;
    }

    static List<Object> boxed(float[] v) {
        List<Object> l = new ArrayList<>();
        for (float x : v) {
            l.add(x);
        }
        return l;
    }
}
