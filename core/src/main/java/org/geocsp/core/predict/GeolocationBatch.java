package org.geocsp.core.predict;

/**
 * Retrieval results for one batch of images, in input order: per row the top-k gallery
 * candidates (best first) with their cosine similarity and, when true locations were given, the
 * great-circle error of the best candidate. Rows without an image embedding have candidate -1,
 * NaN values and a note.
 */
public final class GeolocationBatch {

    private final Gallery gallery;
    private final int k;
    private final int[] candidates;
    private final float[] similarity;
    private final double[] errorKm;
    private final String[] notes;

    GeolocationBatch(Gallery gallery, int k, int[] candidates, float[] similarity, double[] errorKm,
            String[] notes) {
        this.gallery = gallery;
        this.k = k;
        this.candidates = candidates;
        this.similarity = similarity;
        this.errorKm = errorKm;
        this.notes = notes;
    }

    public int size() {
        return notes.length;
    }

    /** Candidates per row: the requested top-k, at most the gallery size. */
    public int k() {
        return k;
    }

    /** Gallery index of the candidate at {@code rank} (0 = best), or -1 for a row without result. */
    public int candidate(int row, int rank) {
        check(rank);
        return candidates[row * k + rank];
    }

    /** Longitude in degrees of the candidate at {@code rank}, NaN for a row without result. */
    public double lonDeg(int row, int rank) {
        int c = candidate(row, rank);
        return c < 0 ? Double.NaN : gallery.lonDeg(c);
    }

    /** Latitude in degrees of the candidate at {@code rank}, NaN for a row without result. */
    public double latDeg(int row, int rank) {
        int c = candidate(row, rank);
        return c < 0 ? Double.NaN : gallery.latDeg(c);
    }

    /** Cosine similarity of the image and the candidate's location embedding, in [-1, 1]. */
    public float similarity(int row, int rank) {
        check(rank);
        return similarity[row * k + rank];
    }

    /** Whether true locations were given. */
    public boolean hasErrors() {
        return errorKm != null;
    }

    /**
     * Great-circle distance in km between the best candidate and the true location; NaN if the row
     * has no result or no valid true location.
     */
    public double errorKm(int row) {
        if (errorKm == null) {
            throw new IllegalStateException("no true locations were given");
        }
        return errorKm[row];
    }

    /** Why a row has no result or no error, or null. */
    public String note(int row) {
        return notes[row];
    }

    private void check(int rank) {
        if (rank < 0 || rank >= k) {
            throw new IndexOutOfBoundsException("rank " + rank + " of top-" + k);
        }
    }
}
