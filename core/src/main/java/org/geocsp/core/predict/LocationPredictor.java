package org.geocsp.core.predict;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.IntStream;
import org.geocsp.core.geo.Coordinates;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.geo.LongitudePolicy;
import org.geocsp.core.model.GeoModel;
import org.geocsp.core.nn.GeoNetwork;
import org.geocsp.core.runtime.GradMode;

/**
 * Class predictions of a fine-tuned model: P(class | location) for every class and, given
 * per-row image class probabilities, the CSP product rule pred = p_img ⊙ p_loc (notes §3,
 * {@code eval_helper.compute_acc}), then the top-k classes of each row.
 *
 * <p>Rows are taken as they come, in batches (e.g. streamed from a table). A row whose location
 * is missing or invalid is not an error: it falls back to image-only (or, with no image
 * probabilities either, gets no prediction); a row without image probabilities is scored
 * location-only. Every output row says which {@link Rule} was used and, when a source was not
 * used, why ({@link PredictionBatch#note}). Malformed image probability vectors are errors.
 *
 * <p>Scores follow {@link ScoreMode}; models fine-tuned with the softmax loss always give softmax
 * probabilities ({@link #locationScoreDescription()}). Inference runs in eval mode (no dropout)
 * without autograd, on the model's device. Not thread-safe; use one predictor per thread.
 */
public final class LocationPredictor {

    private final GeoModel model;
    private final PredictionRequest request;
    private final ClassScorer scorer;
    private final List<String> labels;
    private final int k;

    /**
     * @throws InvalidInputException if the model has no classes
     */
    public LocationPredictor(GeoModel model, PredictionRequest request) {
        this.model = Objects.requireNonNull(model, "model");
        this.request = Objects.requireNonNull(request, "request");
        this.scorer = new ClassScorer(model, request.scoreMode());
        this.labels = model.spec().classLabels();
        this.k = Math.min(request.topK(), labels.size());
    }

    public PredictionRequest request() {
        return request;
    }

    /** The model's class labels, in the order of class indices and image probability vectors. */
    public List<String> classLabels() {
        return labels;
    }

    /** Which function gives P(class | location), in words (sigmoid, normalised sigmoid or softmax). */
    public String locationScoreDescription() {
        return scorer.description();
    }

    /** Location-only prediction of one batch; see {@link #predict(double[], double[], float[][], long)}. */
    public PredictionBatch predict(double[] lonDeg, double[] latDeg, long firstRow) {
        return predict(lonDeg, latDeg, null, firstRow);
    }

    /**
     * Predicts one batch of rows.
     *
     * @param lonDeg longitudes in degrees; NaN (missing) or out-of-range values make the location invalid
     * @param latDeg latitudes in degrees; NaN or out-of-range values make the location invalid
     * @param imageProbabilities per row the image classifier's class probabilities in the model's
     *     class order, or null for a row without them; null for no image classifier at all
     * @param firstRow the row number of element 0, used in messages
     * @throws InvalidInputException if an image probability vector has the wrong length, a
     *     non-finite or negative value, or only zeros (every such row is named)
     */
    public PredictionBatch predict(double[] lonDeg, double[] latDeg, float[][] imageProbabilities, long firstRow) {
        int n = lonDeg.length;
        if (latDeg.length != n) {
            throw new InvalidInputException("longitude and latitude have different numbers of rows (" + n + " and "
                    + latDeg.length + ")");
        }
        if (imageProbabilities != null && imageProbabilities.length != n) {
            throw new InvalidInputException("image class probabilities are given for " + imageProbabilities.length
                    + " rows, but there are " + n + " locations");
        }
        if (imageProbabilities != null) {
            ImageInputCheck.probabilities(imageProbabilities, labels, firstRow);
        }
        int c = labels.size();
        String[] notes = new String[n];
        int[] locRow = new int[n]; // row in the location-score block, -1 if the location is invalid
        double[] coords = new double[2 * n];
        int valid = 0;
        for (int i = 0; i < n; i++) {
            String problem = locationProblem(lonDeg[i], latDeg[i], request.longitudePolicy());
            if (problem != null) {
                locRow[i] = -1;
                notes[i] = problem;
                continue;
            }
            double lon = lonDeg[i];
            if (lon < -180 || lon > 180) {
                lon = Coordinates.wrapLongitude(lon);
            }
            coords[2 * valid] = lon;
            coords[2 * valid + 1] = latDeg[i];
            locRow[i] = valid++;
        }
        int d = model.network().embeddingDim();
        int[] validRows = new int[valid];
        for (int i = 0; i < n; i++) {
            if (locRow[i] >= 0) {
                validRows[locRow[i]] = i;
            }
        }
        Output out = new Output(n, c, d, k, request, imageProbabilities != null, notes);
        // rows without a usable location: image only or no prediction
        float[] buf = new float[c];
        for (int i = 0; i < n; i++) {
            if (locRow[i] < 0) {
                out.finishRow(i, imageProbabilities == null ? null : imageProbabilities[i], null, 0, buf);
            }
        }
        forward(coords, valid, validRows, imageProbabilities, out);
        return new PredictionBatch(firstRow, labels, k, out.rules, notes, out.top, out.topS, out.classScores,
                out.locScores, out.emb, d);
    }

    /** The output arrays of one batch and the per-row rule (rows are independent: safe in parallel). */
    private static final class Output {
        final int c;
        final int d;
        final int k;
        final boolean normalise;
        final boolean imageGiven;
        final String[] notes;
        final Rule[] rules;
        final int[] top;
        final float[] topS;
        final float[] classScores;
        final float[] locScores;
        final float[] emb;

        Output(int n, int c, int d, int k, PredictionRequest request, boolean imageGiven, String[] notes) {
            this.c = c;
            this.d = d;
            this.k = k;
            this.normalise = request.scoreMode().normalisesRows();
            this.imageGiven = imageGiven;
            this.notes = notes;
            this.rules = new Rule[n];
            this.top = new int[n * k];
            this.topS = new float[n * k];
            this.classScores = request.includeClassScores() ? new float[n * c] : null;
            this.locScores = request.includeLocationScores() ? new float[n * c] : null;
            this.emb = request.includeEmbeddings() ? new float[n * d] : null;
        }

        /**
         * Scores row i: {@code loc} holds its location scores from position {@code at} (null: the
         * location cannot be used), {@code img} its image probabilities or null; {@code buf} is
         * scratch of c floats.
         */
        void finishRow(int i, float[] img, FloatBuffer loc, int at, float[] buf) {
            boolean hasLoc = loc != null;
            Rule rule = hasLoc ? (img != null ? Rule.COMBINED : Rule.LOCATION_ONLY)
                    : (img != null ? Rule.IMAGE_ONLY : Rule.NONE);
            rules[i] = rule;
            notes[i] = note(rule, notes[i], imageGiven);
            if (hasLoc) {
                loc.get(at, buf, 0, c);
                if (locScores != null) {
                    System.arraycopy(buf, 0, locScores, i * c, c);
                }
            } else {
                if (locScores != null) {
                    Arrays.fill(locScores, i * c, (i + 1) * c, Float.NaN);
                }
                if (emb != null) {
                    Arrays.fill(emb, i * d, (i + 1) * d, Float.NaN);
                }
            }
            if (rule == Rule.NONE) {
                Arrays.fill(top, i * k, (i + 1) * k, -1);
                Arrays.fill(topS, i * k, (i + 1) * k, Float.NaN);
                if (classScores != null) {
                    Arrays.fill(classScores, i * c, (i + 1) * c, Float.NaN);
                }
                return;
            }
            if (rule == Rule.IMAGE_ONLY) {
                System.arraycopy(img, 0, buf, 0, c);
            } else if (rule == Rule.COMBINED) {
                for (int j = 0; j < c; j++) {
                    buf[j] = img[j] * buf[j];
                }
            }
            if (rule == Rule.COMBINED || normalise) {
                double sum = 0;
                for (int j = 0; j < c; j++) {
                    sum += buf[j];
                }
                if (rule == Rule.COMBINED && sum == 0) {
                    notes[i] = join(notes[i], "every combined score is 0 (the image and location probabilities do"
                            + " not overlap within float precision)");
                }
                if (normalise && sum > 0 && Double.isFinite(sum)) {
                    for (int j = 0; j < c; j++) {
                        buf[j] = (float) (buf[j] / sum);
                    }
                }
            }
            if (classScores != null) {
                System.arraycopy(buf, 0, classScores, i * c, c);
            }
            TopK.select(buf, 0, c, k, top, topS, i * k);
        }
    }

    /**
     * Predicts all rows, in batches of {@link PredictionRequest#batchSize()} (rows numbered from 1);
     * a convenience for small tables and tests.
     */
    public PredictionBatch predictAll(double[] lonDeg, double[] latDeg, float[][] imageProbabilities) {
        int n = lonDeg.length;
        if (latDeg.length != n || (imageProbabilities != null && imageProbabilities.length != n)) {
            throw new InvalidInputException("longitude, latitude and image probabilities must have the same number"
                    + " of rows (" + n + ", " + latDeg.length + ", "
                    + (imageProbabilities == null ? "none" : imageProbabilities.length) + ")");
        }
        int b = request.batchSize();
        List<PredictionBatch> parts = new ArrayList<>();
        for (int a = 0; a < n || (n == 0 && parts.isEmpty()); a += b) {
            int e = Math.min(n, a + b);
            parts.add(predict(Arrays.copyOfRange(lonDeg, a, e), Arrays.copyOfRange(latDeg, a, e),
                    imageProbabilities == null ? null : Arrays.copyOfRange(imageProbabilities, a, e), a + 1L));
        }
        return PredictionBatch.concat(parts);
    }

    /** True if the model has its own image classifier (see {@link #imageProbabilities(float[][], long)}). */
    public boolean hasImageClassifier() {
        return model.network().imageClassifier() != null;
    }

    /**
     * The model's image classifier applied to image embeddings: per row softmax(A·f + b) in the
     * model's class order, ready for {@link #predict(double[], double[], float[][], long)}. A
     * null row (missing embedding) stays null, so that row falls back to location only.
     *
     * @param firstRow the row number of element 0, used in messages
     * @throws InvalidInputException if the model has no image classifier, or if an embedding has
     *     the wrong width or a non-finite value (every such row is counted, the first are named)
     */
    public float[][] imageProbabilities(float[][] imageEmbeddings, long firstRow) {
        GeoNetwork net = model.network();
        if (net.imageClassifier() == null) {
            throw new InvalidInputException("the model has no image classifier; fine-tune it with an image-embedding"
                    + " column, or give image class probabilities instead");
        }
        int dim = net.imageClassifier().imageDim();
        ImageInputCheck.embeddings(imageEmbeddings, dim, "the model's image classifier expects " + dim, firstRow);
        int present = 0;
        for (float[] f : imageEmbeddings) {
            present += f == null ? 0 : 1;
        }
        float[][] out = new float[imageEmbeddings.length][];
        if (present == 0) {
            return out;
        }
        int c = labels.size();
        try (GradMode g = GradMode.disabled(); NDManager call = model.manager().newSubManager()) {
            ParameterStore ps = new ParameterStore(call, false);
            int b = request.batchSize();
            for (int a = 0; a < imageEmbeddings.length; a += b) {
                int e = Math.min(imageEmbeddings.length, a + b);
                int[] rows = new int[e - a];
                int m = 0;
                for (int i = a; i < e; i++) {
                    if (imageEmbeddings[i] != null) {
                        rows[m++] = i;
                    }
                }
                if (m == 0) {
                    continue;
                }
                float[] flat = new float[m * dim];
                for (int j = 0; j < m; j++) {
                    System.arraycopy(imageEmbeddings[rows[j]], 0, flat, j * dim, dim);
                }
                try (NDManager step = call.newSubManager()) {
                    NDArray x = step.create(flat, new ai.djl.ndarray.types.Shape(m, dim));
                    float[] p = net.imageClassLogits(ps, x, false).softmax(1).toFloatArray();
                    for (int j = 0; j < m; j++) {
                        out[rows[j]] = Arrays.copyOfRange(p, j * c, (j + 1) * c);
                    }
                }
            }
        }
        return out;
    }

    /** Rows scored per parallel task of the row bookkeeping (top-k, product, copies). */
    private static final int ROWS_PER_TASK = 256;

    /**
     * Scores the first {@code rows} coordinate pairs in engine passes of the request's batch size and
     * finishes their output rows ({@code validRows} maps them to batch rows). The scores are read
     * where the engine wrote them (no copy of the whole block) and the rows are finished in
     * parallel while the block is alive.
     */
    private void forward(double[] coords, int rows, int[] validRows, float[][] imageProbabilities, Output out) {
        if (rows == 0) {
            return;
        }
        int c = labels.size();
        GeoNetwork net = model.network();
        int d = net.embeddingDim();
        try (GradMode g = GradMode.disabled(); NDManager call = model.manager().newSubManager()) {
            ParameterStore ps = new ParameterStore(call, false);
            for (int a = 0; a < rows; a += request.batchSize()) {
                int m = Math.min(rows, a + request.batchSize()) - a;
                int first = a;
                try (NDManager step = call.newSubManager()) {
                    NDArray x = step.create(Arrays.copyOfRange(coords, 2 * a, 2 * (a + m))).reshape(m, 2);
                    NDArray e = net.embedLocations(ps, x, false);
                    FloatBuffer scores = floats(scorer.scores(net.classLogits(ps, e, false)));
                    FloatBuffer embedding = out.emb == null ? null : floats(e.toType(DataType.FLOAT32, false));
                    int tasks = (m + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
                    IntStream range = IntStream.range(0, tasks);
                    (tasks > 1 ? range.parallel() : range).forEach(t -> {
                        float[] buf = new float[c];
                        int end = Math.min(m, (t + 1) * ROWS_PER_TASK);
                        for (int r = t * ROWS_PER_TASK; r < end; r++) {
                            int i = validRows[first + r];
                            if (embedding != null) {
                                embedding.get(r * d, out.emb, i * d, d);
                            }
                            out.finishRow(i, imageProbabilities == null ? null : imageProbabilities[i], scores, r * c,
                                    buf);
                        }
                    });
                }
            }
        }
    }

    /**
     * A float view of a float32 array's values: where the engine allows it the array's own memory
     * (valid while the array lives), else a copy.
     */
    private static FloatBuffer floats(NDArray a) {
        return a.toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    private static String note(Rule rule, String locationProblem, boolean imageGiven) {
        switch (rule) {
            case NONE:
                return imageGiven ? "no prediction: " + locationProblem + ", and no image class probabilities"
                        : "no prediction: " + locationProblem;
            case IMAGE_ONLY:
                return "image only: " + locationProblem;
            case LOCATION_ONLY:
                return imageGiven ? "location only: no image class probabilities" : null;
            default:
                return null;
        }
    }

    private static String join(String a, String b) {
        return a == null ? b : a + "; " + b;
    }

    /** Why a location cannot be used, or null if it can. */
    static String locationProblem(double lon, double lat, LongitudePolicy policy) {
        List<String> p = new ArrayList<>(2);
        if (!Double.isFinite(lon)) {
            p.add(Double.isNaN(lon) ? "longitude is missing" : "longitude is infinite");
        } else if ((lon < -180 || lon > 180) && policy == LongitudePolicy.REJECT) {
            p.add(String.format(Locale.ROOT, "longitude %s is outside [-180, 180]", lon));
        }
        if (!Double.isFinite(lat)) {
            p.add(Double.isNaN(lat) ? "latitude is missing" : "latitude is infinite");
        } else if (lat < -90 || lat > 90) {
            p.add(String.format(Locale.ROOT, "latitude %s is outside [-90, 90]", lat));
        }
        return p.isEmpty() ? null : String.join(" and ", p);
    }
}
