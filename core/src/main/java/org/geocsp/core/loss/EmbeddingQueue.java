package org.geocsp.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * A FIFO of the most recent location embeddings, used by {@link McLoss} as extra negative
 * columns of the image→location cross-entropy (the "queue" of GeoCLIP, MoCo-style).
 *
 * <p>Semantics:
 * <ul>
 *   <li>{@link #enqueue} stores a <em>detached copy</em> of the given raw location embeddings
 *       (and, optionally, their coordinates). No gradient ever flows into the queue, and later
 *       changes to the caller's arrays do not affect it. The loss L2-normalises the entries
 *       when it uses them.
 *   <li>Rows are kept oldest first; when more than {@link #capacity()} rows are held, the oldest
 *       are dropped. A batch larger than the capacity keeps only its last rows.
 *   <li>The usual step is: compute the loss with the current queue, then enqueue the batch, so
 *       a batch never meets itself as a queue negative.
 *   <li>Differs from GeoCLIP, which queues GPS coordinates and re-encodes them every step: here
 *       the entries are stale embeddings from earlier steps (cheaper; no extra forward pass).
 * </ul>
 * Entries live in a manager owned by the queue (a child of the one given), not in a per-step
 * sub-manager. Either every enqueue gives coordinates or none does; coordinates are needed when
 * the loss masks false negatives. Not thread-safe.
 */
public final class EmbeddingQueue implements AutoCloseable {

    private final NDManager manager;
    private final int capacity;
    private NDArray embeddings;
    private NDArray lonLatDeg;
    private Boolean withCoordinates;

    /**
     * @param parent the long-lived manager to hang the queue's own manager on
     * @param capacity the maximum number of rows kept (≥ 1)
     */
    public EmbeddingQueue(NDManager parent, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the embedding queue size must be at least 1; got " + capacity);
        }
        this.manager = parent.newSubManager();
        this.capacity = capacity;
    }

    public int capacity() {
        return capacity;
    }

    /** The number of rows currently held. */
    public int size() {
        return embeddings == null ? 0 : (int) embeddings.getShape().get(0);
    }

    public boolean isEmpty() {
        return size() == 0;
    }

    /** True if the entries carry coordinates (needed for false-negative masking). */
    public boolean hasCoordinates() {
        return Boolean.TRUE.equals(withCoordinates);
    }

    /** The held raw embeddings (n, d), oldest first, or null when empty. Owned by the queue. */
    public NDArray embeddings() {
        return embeddings;
    }

    /** The (n, 2) float64 coordinates of the entries, oldest first, or null. Owned by the queue. */
    public NDArray coordinates() {
        return lonLatDeg;
    }

    /**
     * Appends detached copies of {@code locationEmbeddings} (B, d) and, if not null, of the
     * coordinates {@code lonLatDeg} (B, 2), then drops the oldest rows beyond the capacity.
     */
    public void enqueue(NDArray locationEmbeddings, NDArray lonLatDeg) {
        LossMath.requireMatrix(locationEmbeddings, "queued embeddings");
        long b = locationEmbeddings.getShape().get(0);
        boolean coords = lonLatDeg != null;
        if (withCoordinates != null && withCoordinates != coords) {
            throw new IllegalArgumentException(withCoordinates
                    ? "this embedding queue stores coordinates with its entries; give them with every batch"
                    : "this embedding queue was filled without coordinates; give none or clear it first");
        }
        if (embeddings != null && embeddings.getShape().get(1) != locationEmbeddings.getShape().get(1)) {
            throw new IllegalArgumentException("queued embeddings have " + embeddings.getShape().get(1)
                    + " columns; the new batch has " + locationEmbeddings.getShape().get(1));
        }
        if (coords && !lonLatDeg.getShape().equals(new ai.djl.ndarray.types.Shape(b, 2))) {
            throw new IllegalArgumentException("queued coordinates must have shape (" + b + ", 2); got "
                    + lonLatDeg.getShape());
        }
        withCoordinates = coords;
        embeddings = append(embeddings, detachedCopy(locationEmbeddings));
        if (coords) {
            this.lonLatDeg = append(this.lonLatDeg, detachedCopy(lonLatDeg.toType(DataType.FLOAT64, false)));
        }
    }

    /** Removes every entry (and forgets whether entries carry coordinates). */
    public void clear() {
        closeQuietly(embeddings);
        closeQuietly(lonLatDeg);
        embeddings = null;
        lonLatDeg = null;
        withCoordinates = null;
    }

    @Override
    public void close() {
        clear();
        manager.close();
    }

    private NDArray detachedCopy(NDArray a) {
        NDArray copy = a.stopGradient().duplicate();
        copy.attach(manager);
        return copy;
    }

    private NDArray append(NDArray held, NDArray fresh) {
        NDArray all = held == null ? fresh : NDArrays.concat(new NDList(held, fresh), 0);
        long n = all.getShape().get(0);
        NDArray kept = all;
        if (n > capacity) {
            NDArray view = all.get("{}:", n - capacity);
            kept = view.duplicate();
            kept.attach(manager);
            view.close();
        }
        if (held != null && held != kept) {
            held.close();
        }
        if (all != kept && all != held) {
            all.close();
        }
        if (fresh != kept && fresh != all) {
            fresh.close();
        }
        return kept;
    }

    private static void closeQuietly(NDArray a) {
        if (a != null) {
            a.close();
        }
    }
}
