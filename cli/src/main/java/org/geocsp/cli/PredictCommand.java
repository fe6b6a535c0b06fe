package org.geocsp.cli;

import org.geocsp.core.io.OutputPreflight;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVPrinter;
import org.geocsp.cli.io.CsvTableWriter;
import org.geocsp.core.eval.RankingMetrics;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.geo.LongitudePolicy;
import org.geocsp.core.model.GeoModel;
import org.geocsp.core.model.ModelFile;
import org.geocsp.core.predict.LabelMapper;
import org.geocsp.core.predict.LocationPredictor;
import org.geocsp.core.predict.PredictionBatch;
import org.geocsp.core.predict.PredictParams;
import org.geocsp.core.predict.PredictionRequest;
import org.geocsp.core.predict.Rule;
import org.geocsp.core.predict.ScoreMode;
import org.geocsp.core.runtime.DeviceChoice;
import org.geocsp.core.runtime.GeoRuntime;
import org.geocsp.core.table.ColumnInfo;
import org.geocsp.core.table.EmbeddingSource;
import org.geocsp.core.table.Header;
import org.geocsp.core.table.PredictionLayout;
import org.geocsp.core.table.ProbabilityColumns;
import org.geocsp.core.io.RowProblems;
import org.geocsp.core.table.RowValidator;
import org.geocsp.core.table.TextRow;
import org.geocsp.core.table.VectorCells;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code geocsp predict}: P(class | location) of a fine-tuned model for every row of a CSV, top-k
 * classes, optionally combined with image class probabilities (CSP's product rule). A stable
 * contract: OUT.csv repeats the input columns and adds pred_1..pred_K, score_1..score_K and rule.
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Predict classes from locations with a fine-tuned model (optionally combined with image class"
                + " probabilities).",
            "OUT.csv repeats the input columns and adds pred_1..pred_K, score_1..score_K and rule (combined,"
                    + " location-only, image-only or none). Rows with a missing or invalid location are scored"
                    + " from the image probabilities alone, or get no prediction; no row is dropped."})
final class PredictCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "Fine-tuned model file.")
    Path model;

    @Option(names = "--input", required = true, paramLabel = "IN.csv", description = "CSV with lon,lat (degrees).")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "OUT.csv", description = "Output CSV.")
    Path output;

    @Option(names = "--top-k")
    int topK;

    @Option(names = "--image-probabilities-prefix", paramLabel = "P", description = "Image class probabilities are the columns P<label> (one per class of the model), or P0..P<C-1> in the model's class order.")
    String imagePrefix;

    @Option(names = "--image-embedding-prefix", paramLabel = "P", description = "Combine with the model's own image classifier"
            + " (geocsp finetune --image-classifier): the image embedding is the columns P0..P<d-1>; rows whose cells are"
            + " all empty are location-only. Not together with --image-probabilities-prefix.")
    String embeddingPrefix;

    @Option(names = "--score-mode", defaultValue = "sigmoid", description = "sigmoid (reference, unnormalised), normalised, or softmax (over the class logits; recommended with"
            + " the image product rule when several classes saturate the sigmoid) (default ${DEFAULT-VALUE}).")
    String scoreMode;

    @Option(names = "--all-scores", description = "Also write p_<label> for every class (location-only scores).")
    boolean allScores;

    @Option(names = "--embeddings", description = "Also write the location embedding e0..eD.")
    boolean embeddings;

    @Option(names = "--label-column", description = "Column with the true labels: prints top-1/3/5/10 and MRR.")
    String labelColumn;

    @Option(names = "--lon-column", defaultValue = "lon", description = "Longitude column (default ${DEFAULT-VALUE}).")
    String lonColumn;

    @Option(names = "--lat-column", defaultValue = "lat", description = "Latitude column (default ${DEFAULT-VALUE}).")
    String latColumn;

    @Option(names = "--wrap-longitude", description = "Wrap longitudes outside [-180, 180] instead of treating the location as invalid.")
    boolean wrapLongitude;

    @Option(names = "--batch-size")
    int batchSize;

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or gpuN (default ${DEFAULT-VALUE}).")
    String device;

    @Override
    public Integer call() throws Exception {
        OutputPreflight.create().input("--input", input).input("--model", model).outputFile("--output", output).check();
        try (GeoModel m = ModelFile.load(model, GeoRuntime.resolveDevice(DeviceChoice.parse(device)))) {
            if (m.spec().numClasses() == 0) {
                throw new InvalidInputException("model " + model + " has no classes: fine-tune it first (geocsp finetune)");
            }
            PredictionRequest request = PredictionRequest.builder().topK(topK).scoreMode(ScoreMode.parse(scoreMode))
                    .includeLocationScores(allScores).includeEmbeddings(embeddings).includeClassScores(labelColumn != null)
                    .longitudePolicy(wrapLongitude ? LongitudePolicy.WRAP : LongitudePolicy.REJECT)
                    .batchSize(PredictParams.rowsPerPass(batchSize)).build();
            LocationPredictor predictor = new LocationPredictor(m, request);
            return run(predictor, m);
        }
    }

    private int run(LocationPredictor predictor, GeoModel m) throws Exception {
        List<String> labels = predictor.classLabels();
        RankingMetrics metrics = labelColumn != null ? new RankingMetrics() : null;
        LabelMapper mapper = labelColumn != null ? new LabelMapper(labels) : null;
        long[] rules = new long[Rule.values().length];
        List<PredictionLayout.Part> parts = new ArrayList<>(List.of(PredictionLayout.Part.TOP_CLASSES,
                PredictionLayout.Part.TOP_SCORES, PredictionLayout.Part.RULE));
        if (allScores) {
            parts.add(PredictionLayout.Part.LOCATION_SCORES);
        }
        if (embeddings) {
            parts.add(PredictionLayout.Part.EMBEDDING_VALUES);
        }
        PredictionLayout layout = new PredictionLayout(parts, labels, topK, m.network().embeddingDim(), false,
                PredictionLayout.PLAIN_NAMES);
        long rows = CsvBatches.transform(input, output, batchSize, "predict", new CsvBatches.Handler() {
            int lonIdx;
            int latIdx;
            int labelIdx;
            EmbeddingSource probs;
            EmbeddingSource emb;
            String lonName;
            String latName;
            final TextRow cells = new TextRow();
            double[] lon;
            double[] lat;
            float[][] image;
            String[] truth;

            @Override
            public List<String> header(Header header) {
                lonIdx = header.require(lonColumn, "longitude");
                latIdx = header.require(latColumn, "latitude");
                lonName = header.name(lonIdx);
                latName = header.name(latIdx);
                labelIdx = labelColumn == null ? -1 : header.require(labelColumn, "label");
                if (imagePrefix != null && embeddingPrefix != null) {
                    throw new InvalidInputException("give either --image-probabilities-prefix or"
                            + " --image-embedding-prefix, not both");
                }
                probs = imagePrefix == null ? null
                        : EmbeddingSource.ofColumns(ProbabilityColumns.byPrefix(header, imagePrefix, labels), header);
                emb = embeddingPrefix == null ? null : embeddingColumns(header, predictor, m);
                List<String> outHeader = new ArrayList<>(header.names());
                for (ColumnInfo c : layout.infos()) {
                    outHeader.add(c.name());
                }
                return outHeader;
            }

            @Override
            public void read(List<List<String>> chunk, long firstRow, RowProblems problems) {
                int n = chunk.size();
                lon = new double[n];
                lat = new double[n];
                image = probs == null && emb == null ? null : new float[n][];
                truth = labelIdx < 0 ? null : new String[n];
                for (int i = 0; i < n; i++) {
                    cells.of(chunk.get(i));
                    String row = "row " + (firstRow + i);
                    lon[i] = RowValidator.optionalNumber(cells, lonIdx, lonName, row, problems);
                    lat[i] = RowValidator.optionalNumber(cells, latIdx, latName, row, problems);
                    if (image != null) {
                        EmbeddingSource src = probs != null ? probs : emb;
                        float[] v = VectorCells.read(cells, src, src.width(),
                                probs != null ? "image probability" : "image-embedding value", row, problems);
                        image[i] = v == VectorCells.MISSING ? null : v;
                    }
                    if (truth != null) {
                        truth[i] = cells.isMissing(labelIdx) ? null : cells.text(labelIdx);
                    }
                }
            }

            @Override
            public void write(List<List<String>> chunk, long firstRow, CSVPrinter out) throws IOException {
                int n = chunk.size();
                float[][] p = emb != null ? predictor.imageProbabilities(image, firstRow) : image;
                PredictionBatch b = predictor.predict(lon, lat, p, firstRow);
                for (int i = 0; i < n; i++) {
                    List<Object> row = new ArrayList<>(chunk.get(i));
                    for (Object v : layout.values(b, i)) {
                        row.add(v == null ? "" : v instanceof Double d ? CsvTableWriter.format(d.floatValue()) : v);
                    }
                    rules[b.rule(i).ordinal()]++;
                    out.printRecord(row);
                }
                if (metrics != null) {
                    int[] y = mapper.map(truth);
                    for (int i = 0; i < n; i++) {
                        if (y[i] >= 0 && b.rule(i) != Rule.NONE) {
                            metrics.addRank(rankOf(b, i, y[i]));
                        }
                    }
                }
            }
        });
        StringBuilder summary = new StringBuilder("geocsp predict: " + rows + " rows -> " + output + " (rules:");
        for (Rule r : Rule.values()) {
            summary.append(' ').append(r.name().toLowerCase(Locale.ROOT)).append('=').append(rules[r.ordinal()]);
        }
        System.err.println(summary.append(')'));
        if (metrics != null) {
            System.err.println(String.format(Locale.ROOT,
                    "geocsp predict: top-1 %.4f  top-3 %.4f  top-5 %.4f  top-10 %.4f  MRR %.4f  over %d rows%s",
                    metrics.topK(1), metrics.topK(3), metrics.topK(5), metrics.topK(10), metrics.meanReciprocalRank(),
                    metrics.rows(), mapper.summary() == null ? "" : "; " + mapper.summary()));
        }
        return 0;
    }

    /** The 1-based rank of class y in the row's final scores (ties count against it). */
    private static int rankOf(PredictionBatch b, int i, int y) {
        for (int r = 0; r < b.k(); r++) {
            if (b.topClass(i, r) == y) {
                return r + 1;
            }
        }
        float[] all = b.classScores(i);
        if (all == null) {
            return b.k() + 1; // beyond top-k: counted as a miss for every reported k <= K
        }
        int rank = 1;
        for (int c = 0; c < all.length; c++) {
            if (c != y && all[c] >= all[y]) {
                rank++;
            }
        }
        return rank;
    }

    /** The columns P0..P<d-1> of the image embedding for the model's image classifier (exactly d of them). */
    private EmbeddingSource embeddingColumns(Header header, LocationPredictor predictor, GeoModel m) {
        if (!predictor.hasImageClassifier()) {
            throw new InvalidInputException("--image-embedding-prefix: model " + model + " has no image classifier;"
                    + " fine-tune it with --image-classifier, or give --image-probabilities-prefix instead");
        }
        return EmbeddingSource.ofColumns(header.numbered(embeddingPrefix, m.spec().imageClassifierDim(),
                "image-embedding"), header);
    }
}
