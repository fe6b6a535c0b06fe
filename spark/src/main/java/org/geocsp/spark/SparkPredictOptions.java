package org.geocsp.spark;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.geo.LongitudePolicy;
import org.geocsp.core.predict.PredictParams;
import org.geocsp.core.predict.PredictionRequest;
import org.geocsp.core.predict.ScoreMode;
import org.geocsp.core.runtime.DeviceChoice;
import org.geocsp.core.settings.Problems;
import org.geocsp.djl.EngineOptions;

/**
 * What {@link GeoCspSpark#predict} computes and how it reads the input DataFrame; the settings of
 * {@code geocsp predict}, plus the Spark-specific ones (embedding output form, invalid-location
 * policy, engine threads). Built with {@link #builder()}; every instance is valid: the constructor
 * checks top-k and batch size against their declarations ({@link PredictParams}, shared with
 * {@code geocsp predict}) and the other rules, and lists every problem at once.
 *
 * <p>Image inputs for CSP's product rule are either image class probabilities (one column per class,
 * {@code PREFIX<label>} or {@code PREFIX0..}, or one array column) or image embeddings fed to the
 * model's own image classifier ({@code PREFIX0..} or one array column); not both.
 */
public record SparkPredictOptions(String lonColumn, String latColumn, boolean predictions, int topK,
        ScoreMode scoreMode, boolean allScores, EmbeddingOutput embeddings, Columns imageProbabilities,
        Columns imageEmbeddings, boolean wrapLongitude, InvalidLocations invalidLocations, int batchSize,
        String device, int intraOpThreads) implements Serializable {

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

    /**
     * @throws org.geocsp.core.settings.InvalidSettingsException listing every problem
     */
    public SparkPredictOptions {
        imageProbabilities = imageProbabilities == null ? Columns.NONE : imageProbabilities;
        imageEmbeddings = imageEmbeddings == null ? Columns.NONE : imageEmbeddings;
        Problems p = new Problems();
        if (blank(lonColumn)) {
            p.add(null, "setting 'longitude column' is empty");
        }
        if (blank(latColumn)) {
            p.add(null, "setting 'latitude column' is empty");
        }
        p.check(PredictParams.TOP_K, topK);
        if (scoreMode == null) {
            p.add(null, "setting 'score mode' is missing");
        }
        if (embeddings == null) {
            p.add(null, "setting 'embeddings' is missing");
        }
        if (invalidLocations == null) {
            p.add(null, "setting 'invalid locations' is missing");
        }
        p.check(PredictParams.BATCH_SIZE, batchSize);
        if (intraOpThreads < 0) {
            p.add(null, "setting 'threads' must be 0 (PyTorch's default) or more, got " + intraOpThreads);
        }
        try {
            DeviceChoice.parse(device);
        } catch (IllegalArgumentException | NullPointerException e) {
            p.add(null, "setting 'device': " + e.getMessage());
        }
        if (imageProbabilities.given() && imageEmbeddings.given()) {
            p.add(null, "give either image class probabilities or image embeddings, not both");
        }
        for (Columns c : List.of(imageProbabilities, imageEmbeddings)) {
            if (c.prefix() != null && c.arrayColumn() != null) {
                p.add(null, "give image columns either as a prefix or as one array column, not both");
            }
        }
        if (!predictions && embeddings == EmbeddingOutput.NONE) {
            p.add(null, "nothing to compute: predictions are off and no embedding output is chosen");
        }
        if (!predictions && (imageProbabilities.given() || imageEmbeddings.given() || allScores)) {
            p.add(null, "image inputs and all-scores need predictions; turn predictions on");
        }
        p.throwIfAny();
    }

    /** Defaults: columns lon, lat; top-k and batch size as declared, sigmoid scores, no embeddings; invalid locations fail. */
    public static SparkPredictOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return new Builder().lonLatColumns(lonColumn, latColumn).predictions(predictions).topK(topK)
                .scoreMode(scoreMode).allScores(allScores).embeddings(embeddings)
                .imageProbabilities(imageProbabilities).imageEmbeddings(imageEmbeddings).wrapLongitude(wrapLongitude)
                .invalidLocations(invalidLocations).batchSize(batchSize).device(device).intraOpThreads(intraOpThreads);
    }

    public LongitudePolicy longitudePolicy() {
        return wrapLongitude ? LongitudePolicy.WRAP : LongitudePolicy.REJECT;
    }

    /**
     * The core's request for these options (its own validation applies too): forward passes of at
     * most {@link PredictParams#MAX_ROWS_PER_PASS} rows, as {@code geocsp predict}.
     */
    public PredictionRequest request() {
        return PredictionRequest.builder().topK(topK).scoreMode(scoreMode).includeLocationScores(allScores)
                .includeEmbeddings(embeddings != EmbeddingOutput.NONE).longitudePolicy(longitudePolicy())
                .batchSize(PredictParams.rowsPerPass(batchSize)).build();
    }

    /** The engine settings of each executor JVM. */
    public EngineOptions engineOptions() {
        return EngineOptions.defaults().withThreads(intraOpThreads, 0).withDevice(DeviceChoice.parse(device).toString());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** Builder of {@link SparkPredictOptions}; {@link #build()} validates. */
    public static final class Builder {
        private String lonColumn = "lon";
        private String latColumn = "lat";
        private boolean predictions = true;
        private int topK = PredictParams.TOP_K.defaultInt();
        private ScoreMode scoreMode = ScoreMode.SIGMOID;
        private boolean allScores;
        private EmbeddingOutput embeddings = EmbeddingOutput.NONE;
        private Columns imageProbabilities = Columns.NONE;
        private Columns imageEmbeddings = Columns.NONE;
        private boolean wrapLongitude;
        private InvalidLocations invalidLocations = InvalidLocations.FAIL;
        private int batchSize = PredictParams.BATCH_SIZE.defaultInt();
        private String device = "auto";
        private int intraOpThreads;

        private Builder() {}

        public Builder lonLatColumns(String lon, String lat) {
            this.lonColumn = lon;
            this.latColumn = lat;
            return this;
        }

        /** Whether to add top-k predictions (pred_i, score_i, rule); off for embeddings only. */
        public Builder predictions(boolean v) {
            this.predictions = v;
            return this;
        }

        public Builder topK(int k) {
            this.topK = k;
            return this;
        }

        public Builder scoreMode(ScoreMode m) {
            this.scoreMode = m;
            return this;
        }

        /** Also p_&lt;label&gt; for every class (P(class | location)), as {@code geocsp predict --all-scores}. */
        public Builder allScores(boolean v) {
            this.allScores = v;
            return this;
        }

        public Builder embeddings(EmbeddingOutput e) {
            this.embeddings = e;
            return this;
        }

        /** Image class probabilities for the product rule. */
        public Builder imageProbabilities(Columns c) {
            this.imageProbabilities = c;
            return this;
        }

        /** Image embeddings for the model's own image classifier, then the product rule. */
        public Builder imageEmbeddings(Columns c) {
            this.imageEmbeddings = c;
            return this;
        }

        public Builder wrapLongitude(boolean v) {
            this.wrapLongitude = v;
            return this;
        }

        public Builder invalidLocations(InvalidLocations p) {
            this.invalidLocations = p;
            return this;
        }

        /** Rows per batch held per partition (forward passes of at most {@link PredictParams#MAX_ROWS_PER_PASS}). */
        public Builder batchSize(int rows) {
            this.batchSize = rows;
            return this;
        }

        /** {@code auto}, {@code cpu} or {@code gpuN}, resolved on each executor. */
        public Builder device(String d) {
            this.device = d;
            return this;
        }

        /** PyTorch intra-op threads per executor JVM (0 = PyTorch's default, one per core). */
        public Builder intraOpThreads(int n) {
            this.intraOpThreads = n;
            return this;
        }

        /** @throws org.geocsp.core.settings.InvalidSettingsException listing every problem */
        public SparkPredictOptions build() {
            return new SparkPredictOptions(lonColumn, latColumn, predictions, topK, scoreMode, allScores, embeddings,
                    imageProbabilities, imageEmbeddings, wrapLongitude, invalidLocations, batchSize, device,
                    intraOpThreads);
        }
    }
}
