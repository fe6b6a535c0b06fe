package org.geocsp.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.geo.LongitudePolicy;
import org.geocsp.core.predict.PredictionRequest;
import org.geocsp.core.predict.ScoreMode;
import org.geocsp.core.runtime.DeviceChoice;
import org.geocsp.djl.EngineOptions;

/**
 * What {@link GeoCspSpark#predict} computes and how it reads the input DataFrame; the settings of
 * {@code geocsp predict}, plus the Spark-specific ones (embedding output form, invalid-location
 * policy, engine threads). Immutable; every {@code with...} returns a copy. Validated by
 * {@link #validate()}, which lists every problem at once.
 *
 * <p>Image inputs for CSP's product rule are either image class probabilities (one column per class,
 * {@code PREFIX<label>} or {@code PREFIX0..}, or one array column) or image embeddings fed to the
 * model's own image classifier ({@code PREFIX0..} or one array column); not both.
 */
public final class SparkPredictOptions implements Serializable {

    private static final long serialVersionUID = 1L;

    /** How the location embedding is written. */
    public enum EmbeddingOutput {
        /** No embedding. */
        NONE,
        /** One column {@code embedding} of type array&lt;float&gt;. */
        ARRAY,
        /** Float columns {@code e0..e<d-1>}, as {@code geocsp predict --embeddings}. */
        COLUMNS
    }

    /** What happens to a row whose location is missing (null/NaN) or out of range. */
    public enum InvalidLocations {
        /** The job fails with an {@link InvalidInputException} naming the column and an example row (default). */
        FAIL,
        /**
         * As {@code geocsp predict}: the row is kept, scored from its image input alone (rule
         * {@code image-only}) or left without prediction (rule {@code none}); its embedding is null.
         */
        KEEP
    }

    /** Input columns: a prefix of numbered/labelled scalar columns, or one array column; both null = none. */
    public record Columns(String prefix, String arrayColumn) implements Serializable {
        private static final long serialVersionUID = 1L;

        static final Columns NONE = new Columns(null, null);

        public static Columns prefix(String prefix) {
            return new Columns(Objects.requireNonNull(prefix, "prefix"), null);
        }

        public static Columns array(String column) {
            return new Columns(null, Objects.requireNonNull(column, "column"));
        }

        public boolean given() {
            return prefix != null || arrayColumn != null;
        }
    }

    /** Rows per forward pass, as {@code geocsp predict --batch-size}. */
    public static final int DEFAULT_BATCH_SIZE = 4096;
    /** The largest batch {@code geocsp predict} uses. */
    public static final int MAX_BATCH_SIZE = 8192;

    private String lonColumn = "lon";
    private String latColumn = "lat";
    private boolean predictions = true;
    private int topK = 5;
    private ScoreMode scoreMode = ScoreMode.SIGMOID;
    private boolean allScores;
    private EmbeddingOutput embeddings = EmbeddingOutput.NONE;
    private Columns imageProbabilities = Columns.NONE;
    private Columns imageEmbeddings = Columns.NONE;
    private boolean wrapLongitude;
    private InvalidLocations invalidLocations = InvalidLocations.FAIL;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private String device = "auto";
    private int intraOpThreads;

    /** Defaults: columns lon, lat; top-5 predictions, sigmoid scores, no embeddings; invalid locations fail. */
    public static SparkPredictOptions defaults() {
        return new SparkPredictOptions();
    }

    private SparkPredictOptions copy() {
        SparkPredictOptions o = new SparkPredictOptions();
        o.lonColumn = lonColumn;
        o.latColumn = latColumn;
        o.predictions = predictions;
        o.topK = topK;
        o.scoreMode = scoreMode;
        o.allScores = allScores;
        o.embeddings = embeddings;
        o.imageProbabilities = imageProbabilities;
        o.imageEmbeddings = imageEmbeddings;
        o.wrapLongitude = wrapLongitude;
        o.invalidLocations = invalidLocations;
        o.batchSize = batchSize;
        o.device = device;
        o.intraOpThreads = intraOpThreads;
        return o;
    }

    public SparkPredictOptions withLonLatColumns(String lon, String lat) {
        SparkPredictOptions o = copy();
        o.lonColumn = lon;
        o.latColumn = lat;
        return o;
    }

    /** Whether to add top-k predictions (pred_i, score_i, rule); off for embeddings only. */
    public SparkPredictOptions withPredictions(boolean v) {
        SparkPredictOptions o = copy();
        o.predictions = v;
        return o;
    }

    public SparkPredictOptions withTopK(int k) {
        SparkPredictOptions o = copy();
        o.topK = k;
        return o;
    }

    public SparkPredictOptions withScoreMode(ScoreMode m) {
        SparkPredictOptions o = copy();
        o.scoreMode = m;
        return o;
    }

    /** Also p_&lt;label&gt; for every class (P(class | location)), as {@code geocsp predict --all-scores}. */
    public SparkPredictOptions withAllScores(boolean v) {
        SparkPredictOptions o = copy();
        o.allScores = v;
        return o;
    }

    public SparkPredictOptions withEmbeddings(EmbeddingOutput e) {
        SparkPredictOptions o = copy();
        o.embeddings = e;
        return o;
    }

    /** Image class probabilities for the product rule. */
    public SparkPredictOptions withImageProbabilities(Columns c) {
        SparkPredictOptions o = copy();
        o.imageProbabilities = c == null ? Columns.NONE : c;
        return o;
    }

    /** Image embeddings for the model's own image classifier, then the product rule. */
    public SparkPredictOptions withImageEmbeddings(Columns c) {
        SparkPredictOptions o = copy();
        o.imageEmbeddings = c == null ? Columns.NONE : c;
        return o;
    }

    public SparkPredictOptions withWrapLongitude(boolean v) {
        SparkPredictOptions o = copy();
        o.wrapLongitude = v;
        return o;
    }

    public SparkPredictOptions withInvalidLocations(InvalidLocations p) {
        SparkPredictOptions o = copy();
        o.invalidLocations = p;
        return o;
    }

    public SparkPredictOptions withBatchSize(int rows) {
        SparkPredictOptions o = copy();
        o.batchSize = rows;
        return o;
    }

    /** {@code auto}, {@code cpu} or {@code gpuN}, resolved on each executor. */
    public SparkPredictOptions withDevice(String d) {
        SparkPredictOptions o = copy();
        o.device = d;
        return o;
    }

    /** PyTorch intra-op threads per executor JVM (0 = PyTorch's default, one per core). */
    public SparkPredictOptions withIntraOpThreads(int n) {
        SparkPredictOptions o = copy();
        o.intraOpThreads = n;
        return o;
    }

    public String lonColumn() {
        return lonColumn;
    }

    public String latColumn() {
        return latColumn;
    }

    public boolean predictions() {
        return predictions;
    }

    public int topK() {
        return topK;
    }

    public ScoreMode scoreMode() {
        return scoreMode;
    }

    public boolean allScores() {
        return allScores;
    }

    public EmbeddingOutput embeddings() {
        return embeddings;
    }

    public Columns imageProbabilities() {
        return imageProbabilities;
    }

    public Columns imageEmbeddings() {
        return imageEmbeddings;
    }

    public boolean wrapLongitude() {
        return wrapLongitude;
    }

    public InvalidLocations invalidLocations() {
        return invalidLocations;
    }

    public int batchSize() {
        return batchSize;
    }

    public String device() {
        return device;
    }

    public int intraOpThreads() {
        return intraOpThreads;
    }

    public LongitudePolicy longitudePolicy() {
        return wrapLongitude ? LongitudePolicy.WRAP : LongitudePolicy.REJECT;
    }

    /** The core's request for these options (its own validation applies too). */
    public PredictionRequest request() {
        return PredictionRequest.builder().topK(topK).scoreMode(scoreMode).includeLocationScores(allScores)
                .includeEmbeddings(embeddings != EmbeddingOutput.NONE).longitudePolicy(longitudePolicy())
                .batchSize(batchSize).build();
    }

    /** The engine settings of each executor JVM. */
    public EngineOptions engineOptions() {
        return EngineOptions.defaults().withThreads(intraOpThreads, 0).withDevice(DeviceChoice.parse(device).toString());
    }

    /**
     * Checks every setting, independently of the data.
     *
     * @throws InvalidInputException listing every problem
     */
    public SparkPredictOptions validate() {
        List<String> p = new ArrayList<>();
        if (blank(lonColumn)) {
            p.add("setting 'longitude column' is empty");
        }
        if (blank(latColumn)) {
            p.add("setting 'latitude column' is empty");
        }
        if (topK < 1) {
            p.add("setting 'top-k' must be at least 1, got " + topK);
        }
        if (scoreMode == null) {
            p.add("setting 'score mode' is missing");
        }
        if (embeddings == null) {
            p.add("setting 'embeddings' is missing");
        }
        if (invalidLocations == null) {
            p.add("setting 'invalid locations' is missing");
        }
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            p.add("setting 'batch size' must be in [1, " + MAX_BATCH_SIZE + "], got " + batchSize);
        }
        if (intraOpThreads < 0) {
            p.add("setting 'threads' must be 0 (PyTorch's default) or more, got " + intraOpThreads);
        }
        try {
            DeviceChoice.parse(device);
        } catch (IllegalArgumentException e) {
            p.add("setting 'device': " + e.getMessage());
        }
        if (imageProbabilities.given() && imageEmbeddings.given()) {
            p.add("give either image class probabilities or image embeddings, not both");
        }
        for (Columns c : List.of(imageProbabilities, imageEmbeddings)) {
            if (c.prefix() != null && c.arrayColumn() != null) {
                p.add("give image columns either as a prefix or as one array column, not both");
            }
        }
        if (!predictions && embeddings == EmbeddingOutput.NONE) {
            p.add("nothing to compute: predictions are off and no embedding output is chosen");
        }
        if (!predictions && (imageProbabilities.given() || imageEmbeddings.given() || allScores)) {
            p.add("image inputs and all-scores need predictions; turn predictions on");
        }
        if (!p.isEmpty()) {
            throw new InvalidInputException(p);
        }
        return this;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
