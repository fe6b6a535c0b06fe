package org.geocsp.core.predict;

import java.util.ArrayList;
import java.util.List;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.geo.LongitudePolicy;

/**
 * What a {@link LocationPredictor} computes per row.
 *
 * @param topK number of best classes reported per row (at least 1; capped at the number of classes)
 * @param scoreMode how scores are reported (see {@link ScoreMode})
 * @param includeClassScores also return the final score of every class (rows × classes)
 * @param includeLocationScores also return P(class | location) of every class (rows × classes),
 *     useful next to combined scores
 * @param includeEmbeddings also return the location embedding e(x) (rows × d)
 * @param longitudePolicy what to do with finite longitudes outside [-180, 180]: REJECT treats
 *     the location as invalid (the row falls back to image-only), WRAP wraps it
 * @param batchSize rows per forward pass (and per batch in {@link LocationPredictor#predictAll});
 *     memory per batch is about batchSize × classes floats
 */
public record PredictionRequest(int topK, ScoreMode scoreMode, boolean includeClassScores,
        boolean includeLocationScores, boolean includeEmbeddings, LongitudePolicy longitudePolicy, int batchSize) {

    /** Default rows per batch. */
    public static final int DEFAULT_BATCH_SIZE = 1024;

    public PredictionRequest {
        List<String> p = new ArrayList<>();
        if (topK < 1) {
            p.add("setting 'top-k' must be at least 1, got " + topK);
        }
        if (scoreMode == null) {
            p.add("setting 'score mode' is missing");
        }
        if (longitudePolicy == null) {
            p.add("setting 'longitude policy' is missing");
        }
        if (batchSize < 1) {
            p.add("setting 'batch size' must be at least 1, got " + batchSize);
        }
        if (!p.isEmpty()) {
            throw new InvalidInputException(p);
        }
    }

    /** Top-5, sigmoid scores, no per-class scores or embeddings, out-of-range longitudes invalid. */
    public static PredictionRequest defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this request's values. */
    public Builder toBuilder() {
        return new Builder().topK(topK).scoreMode(scoreMode).includeClassScores(includeClassScores)
                .includeLocationScores(includeLocationScores).includeEmbeddings(includeEmbeddings)
                .longitudePolicy(longitudePolicy).batchSize(batchSize);
    }

    /** Builder of a {@link PredictionRequest}; validation happens in {@link #build()}. */
    public static final class Builder {
        private int topK = 5;
        private ScoreMode scoreMode = ScoreMode.SIGMOID;
        private boolean includeClassScores;
        private boolean includeLocationScores;
        private boolean includeEmbeddings;
        private LongitudePolicy longitudePolicy = LongitudePolicy.REJECT;
        private int batchSize = DEFAULT_BATCH_SIZE;

        private Builder() {}

        public Builder topK(int k) {
            this.topK = k;
            return this;
        }

        public Builder scoreMode(ScoreMode mode) {
            this.scoreMode = mode;
            return this;
        }

        public Builder includeClassScores(boolean v) {
            this.includeClassScores = v;
            return this;
        }

        public Builder includeLocationScores(boolean v) {
            this.includeLocationScores = v;
            return this;
        }

        public Builder includeEmbeddings(boolean v) {
            this.includeEmbeddings = v;
            return this;
        }

        public Builder longitudePolicy(LongitudePolicy p) {
            this.longitudePolicy = p;
            return this;
        }

        public Builder batchSize(int rows) {
            this.batchSize = rows;
            return this;
        }

        public PredictionRequest build() {
            return new PredictionRequest(topK, scoreMode, includeClassScores, includeLocationScores,
                    includeEmbeddings, longitudePolicy, batchSize);
        }
    }
}
