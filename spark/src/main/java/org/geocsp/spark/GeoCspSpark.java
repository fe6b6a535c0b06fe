package org.geocsp.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.model.ModelFile;
import org.geocsp.core.model.ModelSpec;

/**
 * Applies a {@code .geocsp} model to a Spark DataFrame of (longitude, latitude) in degrees, with
 * the core's prediction API: location embeddings, P(class | location) top-k and CSP's product rule
 * with image class probabilities or with the model's own image classifier on image embeddings.
 *
 * <p>How it runs: the driver reads the model file, checks the options and the DataFrame's schema
 * against the model (missing or mistyped columns fail here, naming the column), and ships the
 * model's bytes to the executors as a Spark <em>broadcast variable</em> (fetched once per executor,
 * so the file need not exist on the workers). Each partition starts the PyTorch engine through
 * {@code GeoRuntime} (once per executor JVM), loads the model once, predicts its rows in batches of
 * {@link SparkPredictOptions#batchSize()} and closes the model at the end of the partition.
 *
 * <p>The result is lazy, like every DataFrame transformation. Invalid values found while the rows
 * are read (a missing or out-of-range location under {@link SparkPredictOptions.InvalidLocations#FAIL},
 * malformed image inputs) fail the action with a {@code SparkException} whose cause is an
 * {@link InvalidInputException} naming the column, the partition, the row within it and the row's
 * cells; {@link #badInput(Throwable)} finds it. A failed write leaves no output behind (Spark's
 * output committer).
 */
public final class GeoCspSpark {

    private GeoCspSpark() {}

    /**
     * The input rows with the predicted columns appended (see {@link InputPlan}): pred_1..K,
     * score_1..K and rule (as {@code geocsp predict}), p_&lt;label&gt; with
     * {@link SparkPredictOptions#allScores()}, and the embedding as one array&lt;float&gt; column
     * {@code embedding} or as columns e0..e&lt;d-1&gt;.
     *
     * @param model a model file readable on the driver
     * @throws InvalidInputException for bad options, a missing or mistyped column, a model that
     *     cannot do what is asked
     * @throws IOException if the model file cannot be read or is not a model file
     */
    public static Dataset<Row> predict(Dataset<Row> input, Path model, SparkPredictOptions options)
            throws IOException {
        options.request(); // the core's own checks of the same settings
        if (!Files.isRegularFile(model)) {
            throw new InvalidInputException("model file " + model + " does not exist");
        }
        ModelSpec spec = ModelFile.readSpec(model);
        InputPlan plan = InputPlan.of(input, spec, model.toString(), options);
        byte[] bytes = Files.readAllBytes(model);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(input.sparkSession().sparkContext());
        Broadcast<byte[]> shipped = jsc.broadcast(bytes);
        return input.mapPartitions(new PartitionPredictor(shipped, sha256(bytes), plan, options),
                Encoders.row(plan.output));
    }

    /**
     * The bad-input error behind a failed Spark action (the exception itself or one of its causes),
     * if there is one.
     */
    public static Optional<InvalidInputException> badInput(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof InvalidInputException e) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
