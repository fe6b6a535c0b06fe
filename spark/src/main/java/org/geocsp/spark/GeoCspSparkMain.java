package org.geocsp.spark;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.ListResourceBundle;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.predict.PredictParams;
import org.geocsp.core.predict.ScoreMode;
import org.geocsp.core.settings.InvalidSettingsException;
import org.geocsp.core.settings.Param;
import org.geocsp.spark.SparkPredictOptions.Columns;
import org.geocsp.spark.SparkPredictOptions.EmbeddingOutput;
import org.geocsp.spark.SparkPredictOptions.InvalidLocations;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * The {@code spark-submit} entry point: reads a Parquet or CSV table, applies a model with
 * {@link GeoCspSpark#predict} and writes the result. Options mirror {@code geocsp predict}. Bad
 * input prints one line naming the column/row/setting and exits with 2.
 */
@Command(name = "geocsp-spark", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Apply a .geocsp model to a table with Spark: P(class | location) top-k (pred_1..K,"
                + " score_1..K, rule), CSP's product rule with image class probabilities or the model's image"
                + " classifier, and location embeddings.",
            "Run with spark-submit --class org.geocsp.spark.GeoCspSparkMain; without a master it runs in"
                    + " local mode (local[*])."})
public final class GeoCspSparkMain implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "Model file (read on the driver, shipped to the executors).")
    Path model;

    @Option(names = "--input", required = true, description = "Input table: a Parquet file/folder or a CSV file/folder with a header.")
    String input;

    @Option(names = "--output", required = true, description = "Output folder (Spark writes part files); must not exist unless --overwrite.")
    String output;

    @Option(names = "--input-format", defaultValue = "auto", description = "auto (from the name: .csv = csv, else parquet), parquet or csv (default ${DEFAULT-VALUE}).")
    String inputFormat;

    @Option(names = "--output-format", defaultValue = "parquet", description = "parquet or csv (default ${DEFAULT-VALUE}).")
    String outputFormat;

    @Option(names = "--overwrite", description = "Replace an existing output folder.")
    boolean overwrite;

    @Option(names = "--top-k", descriptionKey = "top-k")
    int topK;

    @Option(names = "--image-probabilities-prefix", paramLabel = "P", description = "Image class probabilities are the columns P<label> or P0..P<C-1>.")
    String imagePrefix;

    @Option(names = "--image-probabilities-column", paramLabel = "COL", description = "Image class probabilities are one array column.")
    String imageColumn;

    @Option(names = "--image-embedding-prefix", paramLabel = "F", description = "Combine with the model's own image classifier on the columns F0..F<d-1>.")
    String embeddingPrefix;

    @Option(names = "--image-embedding-column", paramLabel = "COL", description = "As --image-embedding-prefix, with one array column.")
    String embeddingColumn;

    @Option(names = "--score-mode", defaultValue = "sigmoid", description = "sigmoid, normalised or softmax (default ${DEFAULT-VALUE}).")
    String scoreMode;

    @Option(names = "--all-scores", description = "Also write p_<label> for every class (location-only scores).")
    boolean allScores;

    @Option(names = "--embeddings", description = "Also write the location embedding as columns e0..e<d-1>.")
    boolean embeddings;

    @Option(names = "--embedding-array", description = "Also write the location embedding as one array<float> column 'embedding' (Parquet output).")
    boolean embeddingArray;

    @Option(names = "--embeddings-only", description = "Only the embedding (works with a pre-trained model without classes); implies --embedding-array unless --embeddings.")
    boolean embeddingsOnly;

    @Option(names = "--lon-column", defaultValue = "lon", description = "Longitude column (default ${DEFAULT-VALUE}).")
    String lonColumn;

    @Option(names = "--lat-column", defaultValue = "lat", description = "Latitude column (default ${DEFAULT-VALUE}).")
    String latColumn;

    @Option(names = "--wrap-longitude", description = "Wrap longitudes outside [-180, 180] instead of treating them as invalid.")
    boolean wrapLongitude;

    @Option(names = "--keep-invalid-locations", description = "As geocsp predict: keep rows with a missing or invalid location (rule image-only or none) instead of failing.")
    boolean keepInvalid;

    @Option(names = "--batch-size", descriptionKey = "batch-size")
    int batchSize;

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or gpuN, on each executor (default ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--threads", defaultValue = "0", description = "PyTorch intra-op threads per executor JVM; 0 = one per core (default ${DEFAULT-VALUE}).")
    int threads;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command and returns its exit code (0 ok, 2 bad input, 1 other failure). */
    static int run(String... args) {
        CommandLine cl = new CommandLine(new GeoCspSparkMain());
        declare(cl);
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            PrintWriter err = cmd.getErr();
            var bad = GeoCspSpark.badInput(e);
            if (bad.isPresent()) {
                err.println("geocsp-spark: " + (bad.get() instanceof InvalidSettingsException s
                        ? s.message(Param::cliOption) : bad.get().getMessage()));
                return 2;
            }
            if (e instanceof java.io.IOException || e instanceof org.apache.spark.sql.AnalysisException) {
                err.println("geocsp-spark: " + e.getMessage());
                return 2;
            }
            err.println("geocsp-spark: failed: " + e);
            e.printStackTrace(err);
            return 1;
        });
        return cl.execute(args);
    }

    SparkPredictOptions options() {
        EmbeddingOutput emb = embeddings ? EmbeddingOutput.COLUMNS
                : embeddingArray || embeddingsOnly ? EmbeddingOutput.ARRAY : EmbeddingOutput.NONE;
        Columns probs = imagePrefix != null && imageColumn != null ? new Columns(imagePrefix, imageColumn)
                : imagePrefix != null ? Columns.prefix(imagePrefix)
                : imageColumn != null ? Columns.array(imageColumn) : null;
        Columns feats = embeddingPrefix != null && embeddingColumn != null ? new Columns(embeddingPrefix, embeddingColumn)
                : embeddingPrefix != null ? Columns.prefix(embeddingPrefix)
                : embeddingColumn != null ? Columns.array(embeddingColumn) : null;
        return SparkPredictOptions.builder().lonLatColumns(lonColumn, latColumn).predictions(!embeddingsOnly)
                .topK(topK).scoreMode(ScoreMode.parse(scoreMode)).allScores(allScores).embeddings(emb)
                .imageProbabilities(probs).imageEmbeddings(feats).wrapLongitude(wrapLongitude)
                .invalidLocations(keepInvalid ? InvalidLocations.KEEP : InvalidLocations.FAIL)
                .batchSize(batchSize).device(device).intraOpThreads(threads).build();
    }

    /**
     * The options declared in core ({@link PredictParams}, shared with {@code geocsp predict}): their
     * defaults and help text (description, default, allowed values) come from the declarations.
     */
    static void declare(CommandLine cl) {
        Map<String, Param> byOption = new LinkedHashMap<>();
        for (Param p : PredictParams.ALL) {
            byOption.put(p.cliOption(), p);
        }
        cl.setDefaultValueProvider(arg -> arg instanceof OptionSpec o && byOption.containsKey(o.longestName())
                ? byOption.get(o.longestName()).defaultText() : null);
        Object[][] texts = byOption.values().stream().map(p -> new Object[] {p.cliOption().substring(2),
            (p.description() + " (default " + p.defaultText() + "; " + p.rangeText() + ").").replace("%", "%%")})
                .toArray(Object[][]::new);
        cl.setResourceBundle(new ListResourceBundle() {
            @Override
            protected Object[][] getContents() {
                return texts;
            }
        });
    }

    @Override
    public Integer call() throws Exception {
        SparkPredictOptions o = options();
        String inFormat = format(inputFormat, input, "--input-format");
        String outFormat = format(outputFormat, output, "--output-format");
        if (outFormat.equals("csv") && o.embeddings() == EmbeddingOutput.ARRAY) {
            throw new InvalidInputException("CSV output cannot hold the array column 'embedding': use --embeddings"
                    + " (columns e0..) or --output-format parquet");
        }
        SparkConf conf = new SparkConf();
        SparkSession.Builder b = SparkSession.builder().appName("geocsp-spark predict");
        if (!conf.contains("spark.master")) {
            b = b.master("local[*]");
        }
        // a session that is already running (an embedding application, a notebook) is used and left running
        boolean own = SparkSession.getActiveSession().isEmpty() && SparkSession.getDefaultSession().isEmpty();
        SparkSession spark = b.getOrCreate();
        try {
            spark.sparkContext().setLogLevel("WARN");
            DataFrameReader reader = spark.read();
            Dataset<Row> in = inFormat.equals("csv")
                    ? reader.option("header", "true").option("inferSchema", "true").csv(input)
                    : reader.parquet(input);
            Dataset<Row> out = GeoCspSpark.predict(in, model, o);
            long t0 = System.nanoTime();
            var writer = out.write().mode(overwrite ? SaveMode.Overwrite : SaveMode.ErrorIfExists);
            if (outFormat.equals("csv")) {
                writer.option("header", "true").csv(output);
            } else {
                writer.parquet(output);
            }
            double s = (System.nanoTime() - t0) / 1e9;
            spec.commandLine().getErr().println(String.format(Locale.ROOT,
                    "geocsp-spark: %s -> %s (%s) in %.1f s", input, output, outFormat, s));
        } finally {
            if (own) {
                spark.stop();
            }
        }
        return 0;
    }

    private static String format(String given, String path, String option) {
        String f = given.trim().toLowerCase(Locale.ROOT);
        if (f.equals("auto")) {
            return path.toLowerCase(Locale.ROOT).endsWith(".csv") ? "csv" : "parquet";
        }
        if (!f.equals("csv") && !f.equals("parquet")) {
            throw new InvalidInputException("setting '" + option + "' must be auto, parquet or csv, got '" + given + "'");
        }
        return f;
    }
}
