package org.geocsp.cli;

import org.geocsp.core.io.OutputPreflight;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVPrinter;
import org.geocsp.cli.io.CsvTableReader;
import org.geocsp.cli.io.CsvTableWriter;
import org.geocsp.core.data.GeoDataset;
import org.geocsp.core.eval.DistanceMetrics;
import org.geocsp.core.model.GeoModel;
import org.geocsp.core.model.ModelFile;
import org.geocsp.core.predict.Gallery;
import org.geocsp.core.predict.GeolocationBatch;
import org.geocsp.core.predict.ImageGeolocator;
import org.geocsp.core.runtime.DeviceChoice;
import org.geocsp.core.runtime.GeoRuntime;
import org.geocsp.core.table.EmbeddingLayout;
import org.geocsp.core.table.EmbeddingSource;
import org.geocsp.core.table.Header;
import org.geocsp.core.io.RowProblems;
import org.geocsp.core.table.RowValidator;
import org.geocsp.core.table.TextRow;
import org.geocsp.core.table.VectorCells;
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
        OutputPreflight.create().input("--input", input).input("--model", model).input("--gallery", candidates.gallery)
                .outputFile("--output", output).check();
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
            EmbeddingSource emb;
            int lonIdx;
            int latIdx;
            boolean truth;
            final List<Integer> keep = new ArrayList<>();
            final TextRow cells = new TextRow();
            float[][] q;
            double[] tl;
            double[] ta;

            @Override
            public List<String> header(Header header) {
                emb = vectorColumn != null ? EmbeddingLayout.VECTOR.resolve(header, prefix, vectorColumn, null, List.of(),
                        locator.imageDim())
                        : EmbeddingLayout.COLUMNS.resolve(header, prefix, null, null, List.of(), locator.imageDim());
                lonIdx = header.indexOf("lon");
                latIdx = header.indexOf("lat");
                truth = lonIdx >= 0 && latIdx >= 0;
                List<String> outHeader = new ArrayList<>();
                for (int c = 0; c < header.size(); c++) {
                    if (!emb.uses(c)) {
                        keep.add(c);
                        outHeader.add(header.name(c));
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
            public void read(List<List<String>> chunk, long firstRow, RowProblems problems) {
                int n = chunk.size();
                q = new float[n][];
                tl = truth ? new double[n] : null;
                ta = truth ? new double[n] : null;
                for (int i = 0; i < n; i++) {
                    cells.of(chunk.get(i));
                    String row = "row " + (firstRow + i);
                    q[i] = VectorCells.read(cells, emb, emb.width(), "image-embedding value", row, problems);
                    if (q[i] == VectorCells.MISSING) {
                        problems.add(null, "without an image embedding", row, "the image embedding ("
                                + emb.describe() + ") is empty");
                    }
                    if (truth) {
                        tl[i] = RowValidator.optionalNumber(cells, lonIdx, "lon", row, problems);
                        ta[i] = RowValidator.optionalNumber(cells, latIdx, "lat", row, problems);
                    }
                }
            }

            @Override
            public void write(List<List<String>> chunk, long firstRow, CSVPrinter out) throws IOException {
                int n = chunk.size();
                GeolocationBatch b = truth ? locator.locate(q, k, tl, ta, firstRow) : locator.locate(q, k);
                for (int i = 0; i < n; i++) {
                    List<Object> cells = new ArrayList<>();
                    for (int c : keep) {
                        cells.add(chunk.get(i).get(c));
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
}
