package org.geocsp.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.geocsp.core.geo.Coordinates;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.geo.LongitudePolicy;
import org.geocsp.core.model.GeoModel;
import org.geocsp.core.model.ModelFile;
import org.geocsp.core.predict.LocationPredictor;
import org.geocsp.core.predict.PredictionBatch;
import org.geocsp.core.runtime.DeviceChoice;
import org.geocsp.core.runtime.GeoRuntime;
import org.geocsp.core.table.PredictionLayout;
import org.geocsp.spark.SparkPredictOptions.InvalidLocations;

/**
 * The work of one partition on an executor: starts the engine through {@link GeoRuntime} (once per
 * JVM), loads the model once for the partition from the broadcast bytes, runs the core's
 * {@link LocationPredictor} (or, for embeddings only, {@link GeoModel#embed(double[], double[])}) on
 * batches of the partition's rows, and closes the model when the partition is done or the task
 * ends. Only one batch of rows is held at a time.
 */
final class PartitionPredictor implements MapPartitionsFunction<Row, Row> {

    private static final long serialVersionUID = 1L;

    /** Model bytes written to a local file once per JVM and model (keyed by SHA-256), for ModelFile.load. */
    private static final ConcurrentHashMap<String, Path> LOCAL_FILES = new ConcurrentHashMap<>();

    private final Broadcast<byte[]> modelBytes;
    private final String modelSha256;
    private final InputPlan plan;
    private final SparkPredictOptions options;

    PartitionPredictor(Broadcast<byte[]> modelBytes, String modelSha256, InputPlan plan, SparkPredictOptions options) {
        this.modelBytes = modelBytes;
        this.modelSha256 = modelSha256;
        this.plan = plan;
        this.options = options;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) throws Exception {
        if (!input.hasNext()) {
            return Collections.emptyIterator(); // no model load for an empty partition
        }
        TaskContext task = TaskContext.get();
        int partition = task == null ? 0 : task.partitionId();
        GeoRuntime.start(options.engineOptions());
        Path file = LOCAL_FILES.computeIfAbsent(modelSha256, this::writeLocalCopy);
        GeoModel model = GeoRuntime.callWithContextClassLoader(
                () -> ModelFile.load(file, GeoRuntime.resolveDevice(DeviceChoice.parse(options.device()))));
        Batches batches = new Batches(input, model, partition);
        if (task != null) {
            task.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) ctx -> batches.close());
        }
        return batches;
    }

    private Path writeLocalCopy(String sha) {
        try {
            Path p = Files.createTempFile("geocsp-model-" + sha.substring(0, 12) + "-", ".geocsp");
            p.toFile().deleteOnExit();
            Files.write(p, modelBytes.value());
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the model to the executor's temp folder", e);
        }
    }

    /** Rows of one partition in, predicted rows out, one batch at a time. */
    private final class Batches implements Iterator<Row> {
        private final Iterator<Row> input;
        private final GeoModel model;
        private final LocationPredictor predictor;
        private final int partition;
        private final List<Row> out = new ArrayList<>();
        private int next;
        private long rowsRead;
        private boolean closed;

        Batches(Iterator<Row> input, GeoModel model, int partition) {
            this.input = input;
            this.model = model;
            this.partition = partition;
            this.predictor = options.predictions() ? new LocationPredictor(model, options.request()) : null;
        }

        @Override
        public boolean hasNext() {
            if (next < out.size()) {
                return true;
            }
            if (closed || !input.hasNext()) {
                close();
                return false;
            }
            out.clear();
            next = 0;
            List<Row> chunk = new ArrayList<>(options.batchSize());
            while (chunk.size() < options.batchSize() && input.hasNext()) {
                chunk.add(input.next());
            }
            long firstRow = rowsRead + 1;
            rowsRead += chunk.size();
            try {
                GeoRuntime.callWithContextClassLoader(() -> {
                    predict(chunk, firstRow);
                    return null;
                });
            } catch (InvalidInputException e) {
                close();
                throw e;
            } catch (Exception e) {
                close();
                throw new IllegalStateException(e);
            }
            return true;
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return out.get(next++);
        }

        synchronized void close() {
            if (!closed) {
                closed = true;
                model.close();
            }
        }

        private void predict(List<Row> chunk, long firstRow) {
            int n = chunk.size();
            double[] lon = new double[n];
            double[] lat = new double[n];
            for (int i = 0; i < n; i++) {
                Row r = chunk.get(i);
                lon[i] = number(r, plan.lonIdx);
                lat[i] = number(r, plan.latIdx);
            }
            boolean[] valid = checkLocations(chunk, lon, lat, firstRow);
            float[][] image = readImage(chunk, firstRow);
            PredictionBatch b = null;
            float[][] emb = null;
            if (predictor != null) {
                try {
                    if (plan.image == InputPlan.Image.EMBEDDINGS) {
                        image = predictor.imageProbabilities(image, firstRow);
                    }
                    b = predictor.predict(lon, lat, image, firstRow);
                } catch (InvalidInputException e) {
                    throw inPartition(e, null);
                }
            } else {
                emb = embedValid(lon, lat, valid);
            }
            PredictionLayout.Values values = b != null ? b : embeddingsOnly(emb);
            PredictionLayout layout = plan.layout();
            int inputWidth = plan.inputNames.length;
            int width = plan.output.fields().length;
            for (int i = 0; i < n; i++) {
                Row r = chunk.get(i);
                Object[] v = new Object[width];
                for (int j = 0; j < inputWidth; j++) {
                    v[j] = r.get(j);
                }
                Object[] appended = layout.values(values, i);
                for (int j = 0; j < appended.length; j++) {
                    v[inputWidth + j] = sparkValue(appended[j]);
                }
                out.add(RowFactory.create(v));
            }
        }

        /** Which rows have a usable location; in FAIL mode any other row stops the job with a message. */
        private boolean[] checkLocations(List<Row> chunk, double[] lon, double[] lat, long firstRow) {
            int n = lon.length;
            boolean[] valid = new boolean[n];
            int firstBad = -1;
            LongitudePolicy policy = options.longitudePolicy();
            for (int i = 0; i < n; i++) {
                valid[i] = Double.isFinite(lon[i]) && Double.isFinite(lat[i]) && lat[i] >= -90 && lat[i] <= 90
                        && (policy == LongitudePolicy.WRAP || (lon[i] >= -180 && lon[i] <= 180));
                if (!valid[i] && firstBad < 0) {
                    firstBad = i;
                }
            }
            if (firstBad >= 0 && options.invalidLocations() == InvalidLocations.FAIL) {
                try {
                    Coordinates.validate(lon, lat, options.lonColumn(), options.latColumn(), firstRow, policy);
                } catch (InvalidInputException e) {
                    throw inPartition(e, chunk.get(firstBad));
                }
            }
            return valid;
        }

        /** Per row the image input (probabilities or embedding), null where all its cells are null. */
        private float[][] readImage(List<Row> chunk, long firstRow) {
            if (plan.image == InputPlan.Image.NONE) {
                return null;
            }
            float[][] img = new float[chunk.size()][];
            for (int i = 0; i < chunk.size(); i++) {
                Row r = chunk.get(i);
                if (plan.imageArrayColumn >= 0) {
                    if (r.isNullAt(plan.imageArrayColumn)) {
                        continue;
                    }
                    List<Object> cells = r.getList(plan.imageArrayColumn);
                    float[] f = new float[cells.size()];
                    for (int j = 0; j < f.length; j++) {
                        Object c = cells.get(j);
                        if (c == null) {
                            throw inPartition(new InvalidInputException(String.format(Locale.ROOT,
                                    "row %d: %s column '%s' has a missing value at position %d; give all values or"
                                            + " a null array", firstRow + i, plan.imageWhat,
                                    plan.inputNames[plan.imageArrayColumn], j)), r);
                        }
                        f[j] = ((Number) c).floatValue();
                    }
                    img[i] = f;
                } else {
                    float[] f = new float[plan.imageColumns.length];
                    int present = 0;
                    for (int j = 0; j < f.length; j++) {
                        Object c = r.get(plan.imageColumns[j]);
                        if (c != null) {
                            f[j] = ((Number) c).floatValue();
                            present++;
                        }
                    }
                    if (present == f.length) {
                        img[i] = f;
                    } else if (present > 0) {
                        throw inPartition(new InvalidInputException(String.format(Locale.ROOT,
                                "row %d: %d of the %d %s columns are null; give all or none", firstRow + i,
                                f.length - present, f.length, plan.imageWhat)), r);
                    }
                }
            }
            return img;
        }

        private float[][] embedValid(double[] lon, double[] lat, boolean[] valid) {
            int n = lon.length;
            int m = 0;
            for (boolean v : valid) {
                m += v ? 1 : 0;
            }
            double[] vl = new double[m];
            double[] va = new double[m];
            for (int i = 0, j = 0; i < n; i++) {
                if (valid[i]) {
                    vl[j] = lon[i] < -180 || lon[i] > 180 ? Coordinates.wrapLongitude(lon[i]) : lon[i];
                    va[j++] = lat[i];
                }
            }
            float[][] e = m == 0 ? new float[0][] : model.embed(vl, va);
            float[][] out = new float[n][];
            for (int i = 0, j = 0; i < n; i++) {
                if (valid[i]) {
                    out[i] = e[j++];
                }
            }
            return out;
        }

        private InvalidInputException inPartition(InvalidInputException e, Row example) {
            String where = "input partition " + partition + " (rows numbered from 1 within the partition): ";
            return new InvalidInputException(where + e.getMessage()
                    + (example == null ? "" : "; the first such row is " + plan.describe(example)));
        }
    }

    private static double number(Row r, int idx) {
        Object v = r.get(idx);
        return v == null ? Double.NaN : ((Number) v).doubleValue();
    }

    /** A layout value as the Spark schema holds it: scores as float, the embedding vector as float[]. */
    private static Object sparkValue(Object v) {
        if (v instanceof Double d) {
            return d.floatValue();
        }
        if (v instanceof double[] d) {
            float[] f = new float[d.length];
            for (int j = 0; j < f.length; j++) {
                f[j] = (float) d[j];
            }
            return f;
        }
        return v;
    }

    /** The embedding of each row (null where its location is invalid), when predictions are off. */
    private static PredictionLayout.Values embeddingsOnly(float[][] emb) {
        return new PredictionLayout.Values() {
            @Override
            public int k() {
                return 0;
            }

            @Override
            public Enum<?> rule(int row) {
                return null;
            }

            @Override
            public String note(int row) {
                return null;
            }

            @Override
            public String topLabel(int row, int rank) {
                return null;
            }

            @Override
            public float topScore(int row, int rank) {
                return Float.NaN;
            }

            @Override
            public float[] classScores(int row) {
                return null;
            }

            @Override
            public float[] locationScores(int row) {
                return null;
            }

            @Override
            public float[] embedding(int row) {
                return emb[row];
            }
        };
    }
}
