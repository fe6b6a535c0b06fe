package org.geocsp.core.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Objects;

/**
 * Turns row indices of a {@link GeoDataset} into NDArrays: coordinates float64 (B, 2) as
 * (lon, lat) degrees, embeddings float32 (B, dim), labels int64 (B).
 *
 * <p>The rows are gathered into direct, native-order buffers that this assembler allocates
 * once and reuses, so no per-step direct memory is left to the garbage collector (see
 * notes/djl.md section 3). The arrays are created in the caller's (per-step) manager.
 *
 * <p><b>Buffer lifetime.</b> On the CPU the PyTorch engine does not copy a direct buffer
 * passed to {@code NDManager.create(ByteBuffer, Shape, DataType)}: {@code PtNDManager.create}
 * hands it to {@code torch::from_blob} and the tensor reads the buffer's memory (the engine
 * only copies for GPU, sparse and MKLDNN layouts). Two modes follow:
 * <ul>
 *   <li>{@link Mode#COPY} (default): the aliasing tensor is cloned into memory owned by
 *       libtorch and the alias is closed at once, so a batch stays valid while the buffers
 *       are refilled (e.g. for prefetching). Costs one memcpy per batch. No copy is added on
 *       a GPU device, where the engine copies already.</li>
 *   <li>{@link Mode#ALIAS}: zero-copy; the arrays of a batch share memory with this
 *       assembler and are silently overwritten by the next {@code assemble} call. Use only
 *       when each batch is fully consumed (forward, backward, step) before the next is
 *       assembled.</li>
 * </ul>
 * Not thread-safe: use one assembler per thread.
 */
public final class BatchAssembler {

    /** Whether created arrays own their memory; see the class comment. */
    public enum Mode {
        COPY,
        ALIAS
    }

    private final GeoDataset data;
    private final int maxBatch;
    private final Mode mode;
    private final ByteBuffer coordBytes;
    private final DoubleBuffer coords;
    private final ByteBuffer featureBytes;
    private final FloatBuffer features;
    private final ByteBuffer labelBytes;
    private final LongBuffer labels;

    /** Includes every column the dataset has, in {@link Mode#COPY}. */
    public BatchAssembler(GeoDataset data, int maxBatch) {
        this(data, maxBatch, data.hasFeatures(), data.hasLabels(), Mode.COPY);
    }

    /**
     * @param withEmbeddings whether batches carry embeddings (the dataset must have them)
     * @param withLabels whether batches carry labels (the dataset must have them)
     */
    public BatchAssembler(GeoDataset data, int maxBatch, boolean withEmbeddings, boolean withLabels, Mode mode) {
        this.data = Objects.requireNonNull(data, "data");
        this.mode = Objects.requireNonNull(mode, "mode");
        if (maxBatch < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, was " + maxBatch);
        }
        if (withEmbeddings && !data.hasFeatures()) {
            throw new IllegalArgumentException("embeddings were requested but the dataset has none");
        }
        if (withLabels && !data.hasLabels()) {
            throw new IllegalArgumentException("labels were requested but the dataset has none");
        }
        if (withEmbeddings && (long) maxBatch * data.featureDim() * Float.BYTES > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a batch of " + maxBatch + " embeddings of " + data.featureDim()
                    + " floats exceeds 2 GiB; use a smaller batch");
        }
        this.maxBatch = maxBatch;
        this.coordBytes = direct(maxBatch * 2 * Double.BYTES);
        this.coords = coordBytes.asDoubleBuffer();
        this.featureBytes = withEmbeddings ? direct(maxBatch * data.featureDim() * Float.BYTES) : null;
        this.features = withEmbeddings ? featureBytes.asFloatBuffer() : null;
        this.labelBytes = withLabels ? direct(maxBatch * Long.BYTES) : null;
        this.labels = withLabels ? labelBytes.asLongBuffer() : null;
    }

    private static ByteBuffer direct(int bytes) {
        return ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
    }

    public int maxBatch() {
        return maxBatch;
    }

    public Mode mode() {
        return mode;
    }

    /** The batch of all of {@code rows}. */
    public Batch assemble(int[] rows, NDManager manager) {
        return assemble(rows, 0, rows.length, manager);
    }

    /** The batch of {@code order[from .. to)}, at most {@link #maxBatch()} rows. */
    public Batch assemble(int[] order, int from, int to, NDManager manager) {
        Objects.checkFromToIndex(from, to, order.length);
        int b = to - from;
        if (b < 1 || b > maxBatch) {
            throw new IllegalArgumentException("batch of " + b + " rows; expected 1.." + maxBatch);
        }
        coords.clear();
        if (features != null) {
            features.clear();
        }
        if (labels != null) {
            labels.clear();
        }
        for (int k = from; k < to; k++) {
            int r = Objects.checkIndex(order[k], data.size());
            coords.put(data.lonDeg(r)).put(data.latDeg(r));
            if (features != null) {
                data.features().readRow(data.featureRow(r), features);
            }
            if (labels != null) {
                labels.put(data.label(r));
            }
        }
        NDArray c = create(manager, coordBytes, b * 2 * Double.BYTES, new Shape(b, 2), DataType.FLOAT64);
        NDArray e = features == null ? null
                : create(manager, featureBytes, b * data.featureDim() * Float.BYTES, new Shape(b, data.featureDim()),
                        DataType.FLOAT32);
        NDArray l = labels == null ? null
                : create(manager, labelBytes, b * Long.BYTES, new Shape(b), DataType.INT64);
        return new Batch(b, java.util.Arrays.copyOfRange(order, from, to), c, e, l);
    }

    private NDArray create(NDManager manager, ByteBuffer bytes, int length, Shape shape, DataType type) {
        // The engine reads from the buffer's base address, so the data must start at position 0;
        // the limit tells DJL the size (a larger remainder would only log a warning).
        bytes.position(0).limit(length);
        NDArray alias = manager.create(bytes, shape, type);
        if (mode == Mode.ALIAS || manager.getDevice().isGpu()) {
            return alias;
        }
        NDArray owned = alias.duplicate();
        alias.close();
        return owned;
    }

    /**
     * One batch; {@code embeddings} and {@code labels} are null when not assembled.
     * {@code rows} are the dataset rows in batch order.
     */
    public record Batch(int size, int[] rows, NDArray coordinates, NDArray embeddings, NDArray labels) {}
}
