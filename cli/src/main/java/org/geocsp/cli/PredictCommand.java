package org.geocsp.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.geocsp.cli.io.CsvTableWriter;
import org.geocsp.core.eval.RankingMetrics;
import org.geocsp.core.geo.InvalidInputException;
import org.geocsp.core.geo.LongitudePolicy;
import org.geocsp.core.model.GeoModel;
import org.geocsp.core.model.ModelFile;
import org.geocsp.core.predict.LabelMapper;
import org.geocsp.core.predict.LocationPredictor;
import org.geocsp.core.predict.PredictionBatch;
import org.geocsp.core.predict.PredictionRequest;
import org.geocsp.core.predict.Rule;
import org.geocsp.core.predict.ScoreMode;
import org.geocsp.core.runtime.DeviceChoice;
import org.geocsp.core.runtime.GeoRuntime;
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
        try (GeoModel m = ModelFile.load(model, GeoRuntime.resolveDevice(DeviceChoice.parse(device)))) {
            if (m.spec().numClasses() == 0) {
                throw new InvalidInputException("model " + model + " has no classes: fine-tune it first (geocsp finetune)");
            }
            PredictionRequest request = PredictionRequest.builder().topK(topK).scoreMode(ScoreMode.parse(scoreMode))
                    .includeLocationScores(allScores).includeEmbeddings(embeddings).includeClassScores(labelColumn != null)
                    .longitudePolicy(wrapLongitude ? LongitudePolicy.WRAP : LongitudePolicy.REJECT)
                    .batchSize(Math.min(batchSize, 8192)).build();
            LocationPredictor predictor = new LocationPredictor(m, request);
            return run(predictor, m);
        }
    }

    private int run(LocationPredictor predictor, GeoModel m) throws Exception {
        List<String> labels = predictor.classLabels();
        RankingMetrics metrics = labelColumn != null ? new RankingMetrics() : null;
        LabelMapper mapper = labelColumn != null ? new LabelMapper(labels) : null;
        long[] rules = new long[Rule.values().length];
        int k = Math.min(topK, labels.size());
        long rows = CsvBatches.transform(input, output, batchSize, "predict", new CsvBatches.Handler() {
            int lonIdx;
            int latIdx;
            int labelIdx;
            int[] probIdx;
            int[] embIdx;

            @Override
            public List<String> header(CSVParser parser) {
                Map<String, Integer> header = parser.getHeaderMap();
                lonIdx = column(header, lonColumn, parser);
                latIdx = column(header, latColumn, parser);
                labelIdx = labelColumn == null ? -1 : column(header, labelColumn, parser);
                if (imagePrefix != null && embeddingPrefix != null) {
                    throw new InvalidInputException("give either --image-probabilities-prefix or"
                            + " --image-embedding-prefix, not both");
                }
                probIdx = imagePrefix == null ? null : probabilityColumns(header, labels);
                embIdx = embeddingPrefix == null ? null : embeddingColumns(header, predictor, m);
                List<String> outHeader = new ArrayList<>(parser.getHeaderNames());
                for (int r = 1; r <= k; r++) {
                    outHeader.add("pred_" + r);
                }
                for (int r = 1; r <= k; r++) {
                    outHeader.add("score_" + r);
                }
                outHeader.add("rule");
                if (allScores) {
                    labels.forEach(l -> outHeader.add("p_" + l));
                }
                if (embeddings) {
                    for (int j = 0; j < m.network().embeddingDim(); j++) {
                        outHeader.add("e" + j);
                    }
                }
                return outHeader;
            }

            @Override
            public void batch(List<CSVRecord> chunk, long firstRow, CSVPrinter out) throws IOException {
                int n = chunk.size();
                double[] lon = new double[n];
                double[] lat = new double[n];
                float[][] probs = probIdx == null && embIdx == null ? null : new float[n][];
                String[] truth = labelIdx < 0 ? null : new String[n];
                for (int i = 0; i < n; i++) {
                    CSVRecord rec = chunk.get(i);
                    lon[i] = number(rec, lonIdx, lonColumn, firstRow + i);
                    lat[i] = number(rec, latIdx, latColumn, firstRow + i);
                    if (probIdx != null) {
                        probs[i] = vector(rec, probIdx, firstRow + i, "image probability");
                    } else if (embIdx != null) {
                        probs[i] = vector(rec, embIdx, firstRow + i, "image-embedding value");
                    }
                    if (truth != null) {
                        String t = labelIdx < rec.size() ? rec.get(labelIdx) : "";
                        truth[i] = t.isEmpty() ? null : t;
                    }
                }
                if (embIdx != null) {
                    probs = predictor.imageProbabilities(probs, firstRow);
                }
                PredictionBatch b = predictor.predict(lon, lat, probs, firstRow);
                for (int i = 0; i < n; i++) {
                    List<Object> cells = new ArrayList<>(chunk.get(i).toList());
                    for (int r = 0; r < k; r++) {
                        cells.add(b.topLabel(i, r) == null ? "" : b.topLabel(i, r));
                    }
                    for (int r = 0; r < k; r++) {
                        float s = b.topScore(i, r);
                        cells.add(Float.isNaN(s) ? "" : CsvTableWriter.format(s));
                    }
                    cells.add(b.rule(i).name().toLowerCase(Locale.ROOT).replace('_', '-'));
                    rules[b.rule(i).ordinal()]++;
                    if (allScores) {
                        float[] ls = b.locationScores(i);
                        for (int c = 0; c < labels.size(); c++) {
                            cells.add(ls == null ? "" : CsvTableWriter.format(ls[c]));
                        }
                    }
                    if (embeddings) {
                        float[] e = b.embedding(i);
                        for (int j = 0; j < m.network().embeddingDim(); j++) {
                            cells.add(e == null ? "" : CsvTableWriter.format(e[j]));
                        }
                    }
                    out.printRecord(cells);
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

    private int[] probabilityColumns(Map<String, Integer> header, List<String> labels) {
        int[] byLabel = new int[labels.size()];
        int[] byIndex = new int[labels.size()];
        boolean allLabels = true;
        boolean allIndex = true;
        for (int c = 0; c < labels.size(); c++) {
            Integer a = header.get(imagePrefix + labels.get(c));
            Integer b = header.get(imagePrefix + c);
            allLabels &= a != null;
            allIndex &= b != null;
            byLabel[c] = a == null ? -1 : a;
            byIndex[c] = b == null ? -1 : b;
        }
        if (allLabels) {
            return byLabel;
        }
        if (allIndex) {
            return byIndex;
        }
        throw new InvalidInputException("input " + input + " lacks image-probability columns: expected "
                + imagePrefix + "<label> for each of the model's " + labels.size() + " classes (e.g. " + imagePrefix
                + labels.get(0) + ") or " + imagePrefix + "0.." + imagePrefix + (labels.size() - 1));
    }

    /** The columns P0..P<d-1> of the image embedding for the model's image classifier. */
    private int[] embeddingColumns(Map<String, Integer> header, LocationPredictor predictor, GeoModel m) {
        if (!predictor.hasImageClassifier()) {
            throw new InvalidInputException("--image-embedding-prefix: model " + model + " has no image classifier;"
                    + " fine-tune it with --image-classifier, or give --image-probabilities-prefix instead");
        }
        int d = m.spec().imageClassifierDim();
        int[] idx = new int[d];
        for (int j = 0; j < d; j++) {
            Integer i = header.get(embeddingPrefix + j);
            if (i == null) {
                throw new InvalidInputException("input " + input + " lacks image-embedding column '" + embeddingPrefix + j
                        + "': the model's image classifier reads " + embeddingPrefix + "0.." + embeddingPrefix + (d - 1));
            }
            idx[j] = i;
        }
        return idx;
    }

    /** One row's numbers from the given columns; null if every cell is empty. */
    private float[] vector(CSVRecord rec, int[] idx, long row, String what) {
        float[] p = new float[idx.length];
        boolean any = false;
        boolean all = true;
        for (int c = 0; c < idx.length; c++) {
            String cell = idx[c] < rec.size() ? rec.get(idx[c]).trim() : "";
            if (cell.isEmpty()) {
                all = false;
                continue;
            }
            any = true;
            try {
                p[c] = Float.parseFloat(cell);
            } catch (NumberFormatException e) {
                throw new InvalidInputException("input " + input + ", row " + row + ": " + what + " '" + cell
                        + "' in column " + (idx[c] + 1) + " is not a number");
            }
        }
        if (!any) {
            return null; // no image classifier output for this row: location-only
        }
        if (!all) {
            throw new InvalidInputException("input " + input + ", row " + row
                    + ": some " + what + " cells are empty; give all or none");
        }
        return p;
    }

    private int column(Map<String, Integer> header, String name, CSVParser parser) {
        Integer i = header.get(name);
        if (i == null) {
            throw new InvalidInputException("input " + input + " has no column '" + name + "'; header found: "
                    + parser.getHeaderNames());
        }
        return i;
    }

    private double number(CSVRecord r, int idx, String col, long row) {
        String cell = idx < r.size() ? r.get(idx).trim() : "";
        if (cell.isEmpty()) {
            return Double.NaN; // a missing location: the row falls back to image-only or no prediction
        }
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("input " + input + ", column '" + col + "', row " + row + ": '" + cell
                    + "' is not a number (leave the cell empty for a missing location)");
        }
    }
}
