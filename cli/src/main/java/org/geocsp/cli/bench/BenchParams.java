package org.geocsp.cli.bench;

import java.util.List;
import org.geocsp.core.predict.PredictParams;
import org.geocsp.core.settings.Param;
import org.geocsp.core.train.TrainerParams;

/**
 * The declarations of the command line's own options (the throughput benchmarks', and the sizes of
 * encode, predict, geolocate and map): defaults, ranges and help text, derived into the commands
 * like core's declarations (every size has an upper bound).
 */
public final class BenchParams {

    /** Upper bound of every generated size: large enough for any benchmark, small enough to fail cleanly. */
    public static final int MAX_SIZE = 100_000_000;

    private static final Param SECONDS = Param.real("seconds", "Measurement budget (s)", "--seconds",
            "Measurement budget per benchmark in seconds.", 3, 0, true, 3600);
    private static final Param IMAGE_DIM = Param.integer("image_dim", "Image-embedding width", "--image-dim",
            "Width of the generated image embeddings.", 2048, 1, 65536);

    /** {@code bench encoders}. */
    public static final List<Param> ENCODERS = List.of(
            Param.integer("batch_size", "Batch size", "--batch-size", "Locations per forward pass.", 4096, 1,
                    MAX_SIZE),
            SECONDS.withDefault(1.5),
            Param.longInteger("seed", "Seed", "--seed", "Seed of the coordinates and the models.", 42L, Long.MIN_VALUE,
                    Long.MAX_VALUE),
            TrainerParams.DEVICE);

    /** {@code bench pretrain}. */
    public static final List<Param> PRETRAIN = List.of(
            Param.integer("rows", "Rows", "--rows", "Generated rows.", 24576, 2, MAX_SIZE),
            IMAGE_DIM,
            TrainerParams.BATCH_SIZE.withDefault(1024),
            TrainerParams.EPOCHS.withDefault(1),
            Param.integer("warmup_steps", "Warm-up steps", "--warmup-steps", "Steps excluded from the timing.", 5, 0,
                    1_000_000),
            TrainerParams.DEVICE);

    /** {@code bench predict}. */
    public static final List<Param> PREDICT = List.of(
            Param.integer("classes", "Classes", "--classes", "Classes of the generated model.", 1000, 1, 1_000_000),
            Param.integer("batch_size", "Batch size", "--batch-size", "Locations per batch.", 8192, 1, MAX_SIZE),
            Param.integer("gallery_size", "Gallery size", "--gallery-size", "Gallery locations.", 100_000, 1,
                    MAX_SIZE),
            Param.integer("queries", "Queries", "--queries", "Queries per retrieval call.", 1024, 1, MAX_SIZE),
            IMAGE_DIM, SECONDS, TrainerParams.DEVICE);

    /** Upper bound of rows per forward pass of the inference commands. */
    public static final int MAX_BATCH = PredictParams.MAX_BATCH;

    /** {@code encode}'s own options. */
    public static final List<Param> ENCODE = List.of(
            Param.integer("batch_size", "Batch size", "--batch-size", "Rows per forward pass.", 4096, 1, MAX_BATCH));

    /** {@code predict}'s options (shared with geocsp-spark, declared in core). */
    public static final List<Param> PREDICT_COMMAND = PredictParams.ALL;

    /** {@code geolocate}'s own options. */
    public static final List<Param> GEOLOCATE = List.of(
            Param.integer("top_k", "Top k", "--top-k", "Locations per row.", 5, 1, 10_000),
            Param.integer("batch_size", "Batch size", "--batch-size", "Queries per batch.", 1024, 1, MAX_BATCH));

    /** {@code geolocate --grid-degrees} (no default: the alternative to a gallery file). */
    public static final Param GRID_DEGREES = Param.real("grid_degrees", "Grid spacing (degrees)", "--grid-degrees",
            "A regular grid of cell centres every D degrees.", 1, 0.01, false, 90);

    /** {@code map}'s own options. */
    public static final List<Param> MAP = List.of(
            Param.integer("width", "Map width", "--width", "Map width in pixels.", 1080, 16, 16_384));

    private BenchParams() {
    }
}
