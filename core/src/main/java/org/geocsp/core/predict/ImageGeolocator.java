package org.geocsp.core.predict;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.stream.IntStream;
import java.util.List;
import java.util.Objects;
import org.geocsp.core.eval.DistanceMetrics;
import org.geocsp.core.geo.Coordinates;
import org.geocsp.core.geo.GreatCircle;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.io.RowProblems;
import org.geocsp.core.geo.LongitudePolicy;
import org.geocsp.core.loss.Objective;
import org.geocsp.core.model.GeoModel;
import org.geocsp.core.nn.GeoNetwork;
import org.geocsp.core.runtime.GradMode;

/**
 * Image-to-location retrieval with a contrastively pre-trained model: images are projected by
 * the model's image projection W and L2-normalised, the gallery locations are embedded by e(x)
 * and L2-normalised, and candidates are ranked by cosine similarity (the quantity CSP's
 * contrastive loss trains).
 *
 * <p>The gallery is embedded once, at construction, and kept on the model's device as
 * normalised (chunk, d) float32 blocks. Queries are processed in chunks: each chunk is multiplied
 * with one gallery block at a time and only a running top-k is kept, so device memory is
 * O(queryChunk × galleryChunk) and Java memory O(queries × k), never O(queries × gallery).
 * Close the geolocator to free the cached gallery. Not thread-safe.
 */
public final class ImageGeolocator implements AutoCloseable {

    /** Default queries per matrix product. */
    public static final int DEFAULT_QUERY_CHUNK = 1024;
    /**
     * Default gallery locations per block: 1024 × 4096 similarities = 16 MB per product, below the
     * 32 MiB glibc mmap threshold the launcher sets, so products reuse heap memory instead of
     * page-faulting a new mapping each time (blocks of 16384 ran the product at 0.65 of the rate).
     */
    public static final int DEFAULT_GALLERY_CHUNK = 4096;

    private final GeoModel model;
    private final Gallery gallery;
    private final int queryChunk;
    private final NDManager cache;
    /** Normalised gallery embeddings, transposed: (d, block size) each. */
    private final List<NDArray> blocks = new ArrayList<>();
    private final int[] blockStart;

    private ImageGeolocator(GeoModel model, Gallery gallery, int queryChunk, int galleryChunk) {
        this.model = model;
        this.gallery = gallery;
        this.queryChunk = queryChunk;
        this.cache = model.manager().newSubManager();
        int nb = (gallery.size() + galleryChunk - 1) / galleryChunk;
        this.blockStart = new int[nb];
        try (GradMode g = GradMode.disabled()) {
            ParameterStore ps = new ParameterStore(cache, false);
            GeoNetwork net = model.network();
            for (int b = 0; b < nb; b++) {
                int from = b * galleryChunk;
                int to = Math.min(gallery.size(), from + galleryChunk);
                blockStart[b] = from;
                try (NDManager step = cache.newSubManager()) {
                    NDArray x = step.create(gallery.lonLatPairs(from, to)).reshape(to - from, 2);
                    NDArray e = normalise(net.embedLocations(ps, x, false).toType(DataType.FLOAT32, false));
                    // stored transposed, (d, chunk), so that queries multiply it without a new view each time
                    NDArray t = e.transpose();
                    t.attach(cache);
                    blocks.add(t);
                }
            }
        } catch (RuntimeException e) {
            cache.close();
            throw e;
        }
    }

    /** Embeds the gallery with default chunk sizes. */
    public static ImageGeolocator create(GeoModel model, Gallery gallery) {
        return create(model, gallery, DEFAULT_QUERY_CHUNK, DEFAULT_GALLERY_CHUNK);
    }

    /**
     * Embeds the gallery.
     *
     * @param queryChunk images per matrix product
     * @param galleryChunk gallery locations per cached block
     * @throws InvalidInputException if the model has no (trained) image projection
     */
    public static ImageGeolocator create(GeoModel model, Gallery gallery, int queryChunk, int galleryChunk) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(gallery, "gallery");
        if (queryChunk < 1 || galleryChunk < 1) {
            throw new InvalidInputException("chunk sizes must be at least 1, got query chunk " + queryChunk
                    + " and gallery chunk " + galleryChunk);
        }
        if (model.network().imageProjection() == null || model.spec().imageDim() == 0) {
            throw new InvalidInputException("the model has no image projection (stage " + model.spec().stage()
                    + "): image-to-location retrieval needs a model pre-trained contrastively on image embeddings");
        }
        if (model.spec().provenance().pretrainedWith(Objective.L2REGRESS)) {
            throw new InvalidInputException("the model was pre-trained with the l2regress objective, which does not"
                    + " train an image projection; image-to-location retrieval needs a contrastive objective");
        }
        return new ImageGeolocator(model, gallery, queryChunk, galleryChunk);
    }

    public Gallery gallery() {
        return gallery;
    }

    /** Width of the image embeddings the model expects. */
    public int imageDim() {
        return model.spec().imageDim();
    }

    /** Top-k gallery candidates per image; rows with a null embedding get no result. */
    public GeolocationBatch locate(float[][] imageEmbeddings, int topK) {
        return locate(imageEmbeddings, topK, null, null, 1);
    }

    /**
     * Top-k gallery candidates per image and the great-circle error of the best one.
     *
     * @param trueLonDeg true longitudes (NaN where unknown: that row's error is NaN), or null
     * @param trueLatDeg true latitudes, or null
     * @param firstRow the row number of element 0, for messages
     * @throws InvalidInputException naming rows whose embedding has the wrong width or a
     *     non-finite value
     */
    public GeolocationBatch locate(float[][] imageEmbeddings, int topK, double[] trueLonDeg, double[] trueLatDeg,
            long firstRow) {
        int n = imageEmbeddings.length;
        if (topK < 1) {
            throw new InvalidInputException("setting 'top-k' must be at least 1, got " + topK);
        }
        if ((trueLonDeg == null) != (trueLatDeg == null)
                || (trueLonDeg != null && (trueLonDeg.length != n || trueLatDeg.length != n))) {
            throw new InvalidInputException("true locations must be given for every image (" + n
                    + " rows) as both longitude and latitude, or not at all");
        }
        ImageInputCheck.embeddings(imageEmbeddings, imageDim(), "expected " + imageDim() + " values as in pre-training",
                firstRow);
        int k = Math.min(topK, gallery.size());
        int[] cand = new int[n * k];
        float[] sim = new float[n * k];
        String[] notes = new String[n];
        Arrays.fill(cand, -1);
        Arrays.fill(sim, Float.NaN);
        int[] rows = new int[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (imageEmbeddings[i] == null) {
                notes[i] = "no image embedding";
            } else {
                rows[m++] = i;
            }
        }
        for (int a = 0; a < m; a += queryChunk) {
            int b = Math.min(m, a + queryChunk);
            rankChunk(imageEmbeddings, Arrays.copyOfRange(rows, a, b), k, cand, sim);
        }
        double[] err = null;
        if (trueLonDeg != null) {
            err = new double[n];
            for (int i = 0; i < n; i++) {
                int c = cand[i * k];
                if (c < 0) {
                    err[i] = Double.NaN;
                } else if (!Coordinates.isValid(trueLonDeg[i], trueLatDeg[i])) {
                    err[i] = Double.NaN;
                    notes[i] = "no error: the true location is missing or invalid";
                } else {
                    err[i] = GreatCircle.distanceKm(gallery.lonDeg(c), gallery.latDeg(c), trueLonDeg[i], trueLatDeg[i]);
                }
            }
        }
        return new GeolocationBatch(gallery, k, cand, sim, err, notes);
    }

    /**
     * Geolocation metrics of the best candidate (share within 1/25/200/750/2500 km, median, mean).
     *
     * @throws InvalidInputException if an embedding is missing or malformed or a true location is
     *     missing or invalid (the rows are named)
     */
    public DistanceMetrics evaluate(float[][] imageEmbeddings, double[] trueLonDeg, double[] trueLatDeg) {
        Coordinates.validate(trueLonDeg, trueLatDeg, "true longitude", "true latitude", 1, LongitudePolicy.REJECT);
        RowProblems missing = new RowProblems("image embeddings");
        for (int i = 0; i < imageEmbeddings.length; i++) {
            if (imageEmbeddings[i] == null) {
                missing.add(null, "without an embedding (evaluation needs one in every row)",
                        RowProblems.rowLabel(i + 1, null), "no embedding (evaluation needs one in every row)");
            }
        }
        missing.throwIfAny();
        DistanceMetrics metrics = new DistanceMetrics();
        GeolocationBatch r = locate(imageEmbeddings, 1, trueLonDeg, trueLatDeg, 1);
        for (int i = 0; i < r.size(); i++) {
            metrics.add(r.errorKm(i));
        }
        return metrics;
    }

    /** Ranks the gallery for the images in {@code rows}; writes top-k into cand/sim at those rows. */
    private void rankChunk(float[][] emb, int[] rows, int k, int[] cand, float[] sim) {
        int q = rows.length;
        int d = imageDim();
        float[] flat = new float[q * d];
        for (int r = 0; r < q; r++) {
            System.arraycopy(emb[rows[r]], 0, flat, r * d, d);
        }
        try (GradMode g = GradMode.disabled(); NDManager step = cache.newSubManager()) {
            ParameterStore ps = new ParameterStore(step, false);
            NDArray f = step.create(flat, new Shape(q, d));
            NDArray z = normalise(model.network().projectImages(ps, f, false).toType(DataType.FLOAT32, false));
            // the similarities of each block are read where the engine wrote them and merged into a
            // running top-k per query, queries in parallel: no (queries x block) copy, no engine sort
            int[] ids = new int[q * k];
            float[] vals = new float[q * k];
            int[] counts = new int[q];
            for (int b = 0; b < blocks.size(); b++) {
                try (NDManager blockStep = step.newSubManager()) {
                    NDArray block = blocks.get(b);
                    NDArray s = z.matMul(block);
                    s.attach(blockStep);
                    int width = (int) block.getShape().get(1);
                    int start = blockStart[b];
                    FloatBuffer fb = s.toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer();
                    int tasks = (q + QUERIES_PER_TASK - 1) / QUERIES_PER_TASK;
                    IntStream range = IntStream.range(0, tasks);
                    (tasks > 1 ? range.parallel() : range).forEach(t -> {
                        int end = Math.min(q, (t + 1) * QUERIES_PER_TASK);
                        for (int r = t * QUERIES_PER_TASK; r < end; r++) {
                            counts[r] = TopK.offer(fb, r * width, width, start, k, ids, vals, r * k, counts[r]);
                        }
                    });
                }
            }
            for (int r = 0; r < q; r++) {
                int row = rows[r];
                for (int j = 0; j < counts[r]; j++) {
                    cand[row * k + j] = ids[r * k + j];
                    sim[row * k + j] = vals[r * k + j];
                }
            }
        }
    }

    /** Queries ranked per parallel task. */
    private static final int QUERIES_PER_TASK = 16;

    private static NDArray normalise(NDArray x) {
        return x.div(x.norm(new int[] {1}, true).maximum(1e-12f));
    }

    /** Frees the cached gallery embedding. */
    @Override
    public void close() {
        cache.close();
    }
}
