package org.geocsp.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Objects;

/**
 * The inputs of one pre-training step for the contrastive losses ({@link McLoss},
 * {@link NceLoss}). All embeddings are <em>raw</em>: the losses L2-normalise them themselves.
 *
 * @param locationEmbeddings e, (B, d): the location encoder output for the batch
 * @param secondPass e′, (B, d) or null: the same locations through a second forward pass with
 *     another dropout mask (SimCSE term)
 * @param imageEmbeddings v, (B, d): projected image embeddings, before normalisation
 * @param randomEmbeddings (K·B, d) or null: embeddings of random locations; flat row k·B + i is
 *     negative k of row i (the reference's (K·B, d) → (K, B, d) reshape)
 * @param lonLatDeg (B, 2) or null: the batch coordinates (longitude, latitude) in degrees, any
 *     float type; needed for false-negative masking
 * @param logitScale the raw (log-space) learnable logit scale, shape (1) or (), or null; see
 *     {@link LogitScaleBlock}
 */
public record ContrastiveBatch(NDArray locationEmbeddings, NDArray secondPass, NDArray imageEmbeddings,
        NDArray randomEmbeddings, NDArray lonLatDeg, NDArray logitScale) {

    public ContrastiveBatch {
        Objects.requireNonNull(locationEmbeddings, "locationEmbeddings");
        Objects.requireNonNull(imageEmbeddings, "imageEmbeddings");
        LossMath.requireMatrix(locationEmbeddings, "location embeddings e");
        long b = locationEmbeddings.getShape().get(0);
        long d = locationEmbeddings.getShape().get(1);
        if (b < 1) {
            throw new IllegalArgumentException("the batch is empty");
        }
        requireShape(imageEmbeddings, new Shape(b, d), "image embeddings v");
        if (secondPass != null) {
            requireShape(secondPass, new Shape(b, d), "second-pass embeddings e2");
        }
        if (randomEmbeddings != null) {
            LossMath.requireMatrix(randomEmbeddings, "random-location embeddings");
            long rows = randomEmbeddings.getShape().get(0);
            if (randomEmbeddings.getShape().get(1) != d || rows == 0 || rows % b != 0) {
                throw new IllegalArgumentException("random-location embeddings must have shape (K·B, d) = (K·" + b
                        + ", " + d + ") with K ≥ 1; got " + randomEmbeddings.getShape());
            }
        }
        if (lonLatDeg != null) {
            requireShape(lonLatDeg, new Shape(b, 2), "coordinates (lon, lat)");
        }
        if (logitScale != null && logitScale.getShape().size() != 1) {
            throw new IllegalArgumentException("the logit scale must hold one value; got shape " + logitScale.getShape());
        }
    }

    /** Only the two required inputs. */
    public static ContrastiveBatch of(NDArray locationEmbeddings, NDArray imageEmbeddings) {
        return new ContrastiveBatch(locationEmbeddings, null, imageEmbeddings, null, null, null);
    }

    public ContrastiveBatch withSecondPass(NDArray e2) {
        return new ContrastiveBatch(locationEmbeddings, e2, imageEmbeddings, randomEmbeddings, lonLatDeg, logitScale);
    }

    public ContrastiveBatch withRandomEmbeddings(NDArray rand) {
        return new ContrastiveBatch(locationEmbeddings, secondPass, imageEmbeddings, rand, lonLatDeg, logitScale);
    }

    public ContrastiveBatch withCoordinates(NDArray lonLat) {
        return new ContrastiveBatch(locationEmbeddings, secondPass, imageEmbeddings, randomEmbeddings, lonLat, logitScale);
    }

    public ContrastiveBatch withLogitScale(NDArray scale) {
        return new ContrastiveBatch(locationEmbeddings, secondPass, imageEmbeddings, randomEmbeddings, lonLatDeg, scale);
    }

    /** B. */
    public long batchSize() {
        return locationEmbeddings.getShape().get(0);
    }

    /** K, the number of random negatives per row (0 without random embeddings). */
    public long negativesPerRow() {
        return randomEmbeddings == null ? 0 : randomEmbeddings.getShape().get(0) / batchSize();
    }

    private static void requireShape(NDArray a, Shape expected, String what) {
        if (!a.getShape().equals(expected)) {
            throw new IllegalArgumentException(what + " must have shape " + expected + "; got " + a.getShape());
        }
    }
}
