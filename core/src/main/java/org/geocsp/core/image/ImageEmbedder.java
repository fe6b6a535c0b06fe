package org.geocsp.core.image;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Embeds image files with a TorchScript backbone: preprocessing ({@link ImagePreprocessor}),
 * batching (the images of a batch are decoded in parallel, one thread per core), and per-row results. An image that cannot be decoded gets no embedding and a problem
 * naming its row and path; it never stops the batch and is never silently skipped.
 */
public final class ImageEmbedder {

    /** Largest accepted batch size. */
    public static final int MAX_BATCH = 4096;

    /**
     * The embedding of one row, or the reason why there is none.
     *
     * @param row the 1-based row number given by the caller
     * @param path the image file, or null when the row has no path
     * @param embedding the embedding, or null
     * @param problem why there is no embedding, or null
     */
    public record Result(long row, Path path, float[] embedding, String problem) {
        public boolean ok() {
            return embedding != null;
        }

        /** "row 17 (photos/a.jpg): reason". */
        public String message() {
            return "row " + row + (path == null ? "" : " (" + path + ")") + ": " + problem;
        }
    }

    private final TorchScriptBackbone backbone;
    private final ImagePreprocessor preprocessor;
    private final int batchSize;
    private int dimension = -1;
    /** Decoding threads: one per core (the JVM's common pool would be shared with other work). */
    private static final ForkJoinPool decoders = new ForkJoinPool(Runtime.getRuntime().availableProcessors(),
            pool -> {
                var t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
                t.setDaemon(true);
                t.setName("geocsp-image-decoder-" + t.getPoolIndex());
                return t;
            }, null, false);

    public ImageEmbedder(TorchScriptBackbone backbone, ImagePreprocessor preprocessor, int batchSize) {
        ImageParams.check(ImageParams.BATCH_SIZE, batchSize);
        this.backbone = backbone;
        this.preprocessor = preprocessor;
        this.batchSize = batchSize;
    }

    public int batchSize() {
        return batchSize;
    }

    /** The embedding width, known after the first successful batch, else -1. */
    public int dimension() {
        return dimension;
    }

    /**
     * Runs the backbone once on a black image to learn the embedding width before any data is
     * read (and to fail early when the model does not accept this input size).
     */
    public int probeDimension() {
        float[][] e = backbone.embed(new float[preprocessor.valuesPerImage()], 1, preprocessor.size());
        dimension = e[0].length;
        return dimension;
    }

    /**
     * Embeds the images of consecutive rows (at most one batch is decoded at a time).
     *
     * @param paths one path per row; null for a row without a path (reported as a problem)
     * @param firstRow the row number of {@code paths.get(0)}, for messages
     * @param cancelled asked before every image
     * @throws CancellationException when cancelled
     */
    public List<Result> embed(List<Path> paths, long firstRow, java.util.function.BooleanSupplier cancelled) {
        List<Result> results = new ArrayList<>(paths.size());
        int per = preprocessor.valuesPerImage();
        float[] buffer = new float[Math.min(batchSize, Math.max(1, paths.size())) * per];
        for (int start = 0; start < paths.size(); start += batchSize) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("image embedding cancelled at row " + (firstRow + start));
            }
            int end = Math.min(paths.size(), start + batchSize);
            Result[] pending = new Result[end - start];
            int s0 = start;
            // decode into slot i of the batch, several images at a time
            Runnable decode = () -> IntStream.range(0, pending.length).parallel().forEach(i -> {
                Path p = paths.get(s0 + i);
                long row = firstRow + s0 + i;
                if (cancelled.getAsBoolean()) {
                    return; // slot stays null: cancelled
                }
                if (p == null) {
                    pending[i] = new Result(row, null, null, "no image path");
                    return;
                }
                try {
                    preprocessor.load(p, buffer, i * per);
                    pending[i] = new Result(row, p, new float[0], null);
                } catch (IOException | RuntimeException e) {
                    pending[i] = new Result(row, p, null, e.getMessage() == null ? e.toString() : e.getMessage());
                }
            });
            try {
                decoders.submit(decode).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("image embedding interrupted");
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("image decoding failed: " + e.getCause(), e.getCause());
            }
            for (int i = 0; i < pending.length; i++) {
                if (pending[i] == null) {
                    throw new CancellationException("image embedding cancelled at row " + (firstRow + start + i));
                }
            }
            int n = 0;
            for (int i = 0; i < pending.length; i++) {
                if (pending[i].ok()) {
                    if (n != i) {
                        System.arraycopy(buffer, i * per, buffer, n * per, per);
                    }
                    n++;
                }
            }
            float[][] emb = n == 0 ? new float[0][] : backbone.embed(buffer, n, preprocessor.size());
            if (n > 0) {
                if (dimension < 0) {
                    dimension = emb[0].length;
                } else if (emb[0].length != dimension) {
                    throw new IllegalStateException("backbone returned " + emb[0].length + " values per image after "
                            + dimension + " before");
                }
            }
            int k = 0;
            for (Result r : pending) {
                results.add(r.ok() ? new Result(r.row(), r.path(), emb[k++], null) : r);
            }
        }
        return results;
    }
}
