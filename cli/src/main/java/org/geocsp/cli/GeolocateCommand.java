package org.geocsp.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.geocsp.cli.io.CsvTableReader;
import org.geocsp.cli.io.CsvTableWriter;
import org.geocsp.core.data.GeoDataset;
import org.geocsp.core.eval.DistanceMetrics;
import org.geocsp.core.geo.InvalidInputException;
import org.geocsp.core.model.GeoModel;
import org.geocsp.core.model.ModelFile;
import org.geocsp.core.predict.Gallery;
import org.geocsp.core.predict.GeolocationBatch;
import org.geocsp.core.predict.ImageGeolocator;
import org.geocsp.core.runtime.DeviceChoice;
import org.geocsp.core.runtime.GeoRuntime;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code geocsp geolocate}: image-to-location retrieval. Ranks gallery locations by similarity of
 * their location embedding to each row's projected image embedding.
 */
@Command(name = "geolocate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Locate images: rank candidate locations (a gallery CSV with lon,lat, or a regular grid) by"
                + " similarity to each row's image embedding in the model's shared space.",
            "IN.csv holds the image embedding as columns f0..fN (or one vector column); with lon,lat columns the"
                    + " great-circle error of the top-1 location is added. OUT.csv repeats the other input columns and"
                    + " adds lon_1,lat_1,score_1..lon_K,lat_K,score_K[,error_km]."})
final class GeolocateCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "Pre-trained (or fine-tuned) model with an image projection.")
    Path model;

    @Option(names = "--input", required = true, paramLabel = "IN.csv", description = "Image embeddings.")
    Path input;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Candidates candidates;

    /** Where the candidate locations come from. */
    static final class Candidates {
        @Option(names = "--gallery", paramLabel = "GALLERY.csv", description = "Candidate locations (lon,lat).")
        Path gallery;

        @Option(names = "--grid-degrees", paramLabel = "D")
        Double gridDegrees;
    }

    @Option(names = "--output", required = true, paramLabel = "OUT.csv", description = "Output CSV.")
    Path output;

    @Option(names = "--top-k")
    int topK;

    @Option(names = "--embedding-prefix", defaultValue = "f", description = "Embedding columns PREFIX0..PREFIXn (default ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = "--embedding-column", description = "One column with the embedding as space-separated numbers.")
    String vectorColumn;

    @Option(names = "--batch-size")
    int batchSize;

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or gpuN (default ${DEFAULT-VALUE}).")
    String device;

    @Override
    public Integer call() throws Exception {
        Gallery gallery;
        if (candidates.gallery != null) {
            CsvTableReader.Result g = new CsvTableReader().noEmbedding().read(candidates.gallery);
            try (GeoDataset d = g.dataset()) {
                gallery = Gallery.of(d.lonDegArray(), d.latDegArray());
            }
        } else {
            gallery = Gallery.grid(candidates.gridDegrees);
        }
        try (GeoModel m = ModelFile.load(model, GeoRuntime.resolveDevice(DeviceChoice.parse(device)));
                ImageGeolocator locator = ImageGeolocator.create(m, gallery)) {
            System.err.println("geocsp geolocate: gallery " + gallery.description());
            run(locator);
        }
        return 0;
    }

    private void run(ImageGeolocator locator) throws Exception {
        DistanceMetrics metrics = new DistanceMetrics();
        int k = Math.min(topK, locator.gallery().size());
        long rows = CsvBatches.transform(input, output, batchSize, "geolocate", new CsvBatches.Handler() {
            int[] embCols;
            int vecCol;
            Integer lonIdx;
            Integer latIdx;
            boolean truth;
            final List<Integer> keep = new ArrayList<>();

            @Override
            public List<String> header(CSVParser parser) {
                Map<String, Integer> header = parser.getHeaderMap();
                embCols = embeddingColumns(header);
                vecCol = vectorColumn == null ? -1 : header.getOrDefault(vectorColumn, -2);
                if (vecCol == -2) {
                    throw new InvalidInputException("input " + input + " has no column '" + vectorColumn + "'");
                }
                lonIdx = header.get("lon");
                latIdx = header.get("lat");
                truth = lonIdx != null && latIdx != null;
                List<String> outHeader = new ArrayList<>();
                java.util.Set<Integer> emb = new java.util.HashSet<>();
                for (int c : embCols) {
                    emb.add(c);
                }
                for (Map.Entry<String, Integer> e : header.entrySet()) {
                    if (!emb.contains(e.getValue()) && e.getValue() != vecCol) {
                        keep.add(e.getValue());
                        outHeader.add(e.getKey());
                    }
                }
                for (int r = 1; r <= k; r++) {
                    outHeader.add("lon_" + r);
                    outHeader.add("lat_" + r);
                    outHeader.add("score_" + r);
                }
                if (truth) {
                    outHeader.add("error_km");
                }
                return outHeader;
            }

            @Override
            public void batch(List<CSVRecord> chunk, long firstRow, CSVPrinter out) throws IOException {
                int n = chunk.size();
                float[][] q = new float[n][];
                double[] tl = truth ? new double[n] : null;
                double[] ta = truth ? new double[n] : null;
                for (int i = 0; i < n; i++) {
                    CSVRecord rec = chunk.get(i);
                    q[i] = embedding(rec, embCols, vecCol, firstRow + i);
                    if (truth) {
                        tl[i] = parseOrNaN(rec.get(lonIdx));
                        ta[i] = parseOrNaN(rec.get(latIdx));
                    }
                }
                GeolocationBatch b = truth ? locator.locate(q, k, tl, ta, firstRow) : locator.locate(q, k);
                for (int i = 0; i < n; i++) {
                    List<Object> cells = new ArrayList<>();
                    for (int c : keep) {
                        cells.add(c < chunk.get(i).size() ? chunk.get(i).get(c) : "");
                    }
                    for (int r = 0; r < k; r++) {
                        cells.add(CsvTableWriter.format(b.lonDeg(i, r)));
                        cells.add(CsvTableWriter.format(b.latDeg(i, r)));
                        cells.add(CsvTableWriter.format(b.similarity(i, r)));
                    }
                    if (truth) {
                        double err = b.errorKm(i);
                        cells.add(Double.isNaN(err) ? "" : String.format(Locale.ROOT, "%.3f", err));
                        if (!Double.isNaN(err)) {
                            metrics.add(err);
                        }
                    }
                    out.printRecord(cells);
                }
            }
        });
        System.err.println("geocsp geolocate: " + rows + " rows -> " + output);
        if (metrics.count() > 0) {
            StringBuilder sb = new StringBuilder("geocsp geolocate: median error ");
            sb.append(String.format(Locale.ROOT, "%.1f km over %d rows; within", metrics.medianKm(), metrics.count()));
            for (double km : DistanceMetrics.THRESHOLDS_KM) {
                sb.append(String.format(Locale.ROOT, " %.0f km: %.3f", km, metrics.shareWithin(km)));
            }
            System.err.println(sb);
        }
    }

    private int[] embeddingColumns(Map<String, Integer> header) {
        if (vectorColumn != null) {
            return new int[0];
        }
        Pattern p = Pattern.compile(Pattern.quote(prefix) + "(\\d+)");
        TreeMap<Integer, Integer> byNumber = new TreeMap<>();
        for (Map.Entry<String, Integer> e : header.entrySet()) {
            Matcher mm = p.matcher(e.getKey());
            if (mm.matches()) {
                byNumber.put(Integer.parseInt(mm.group(1)), e.getValue());
            }
        }
        if (byNumber.isEmpty() || byNumber.firstKey() != 0 || byNumber.lastKey() != byNumber.size() - 1) {
            throw new InvalidInputException("input " + input + ": expected embedding columns " + prefix + "0.." + prefix
                    + "N numbered without gaps (or --embedding-column); header found: " + header.keySet());
        }
        return byNumber.values().stream().mapToInt(Integer::intValue).toArray();
    }

    private float[] embedding(CSVRecord rec, int[] cols, int vecCol, long row) {
        try {
            if (vecCol >= 0) {
                String[] parts = rec.get(vecCol).trim().split("[\\s,;]+");
                float[] v = new float[parts.length];
                for (int j = 0; j < parts.length; j++) {
                    v[j] = Float.parseFloat(parts[j]);
                }
                return v;
            }
            float[] v = new float[cols.length];
            for (int j = 0; j < cols.length; j++) {
                v[j] = Float.parseFloat(rec.get(cols[j]).trim());
            }
            return v;
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new InvalidInputException("input " + input + ", row " + row + ": the image embedding has a missing or"
                    + " non-numeric value (" + e.getMessage() + ")");
        }
    }

    private static double parseOrNaN(String s) {
        try {
            return s.isBlank() ? Double.NaN : Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
