package org.geocsp.core.predict;

import java.util.Arrays;
import java.util.List;

/**
 * The predictions for one batch of rows, in input order (no row is ever dropped): per row the
 * {@link Rule} used, a note when a source was missing or invalid, the top-k classes with their
 * scores and, if requested, the score of every class, P(class | location) and the location
 * embedding. Values are held in flat row-major arrays so that a table writer can stream them.
 *
 * <p>Rows with {@link Rule#NONE} have top-k class -1, NaN scores and NaN class scores. Rows
 * without a valid location have NaN location scores and a null embedding.
 */
public final class PredictionBatch implements org.geocsp.core.table.PredictionLayout.Values {

    private final long firstRow;
    private final List<String> labels;
    private final int k;
    private final Rule[] rules;
    private final String[] notes;
    private final int[] topClasses;
    private final float[] topScores;
    private final float[] classScores;
    private final float[] locationScores;
    private final float[] embeddings;
    private final int embeddingDim;

    PredictionBatch(long firstRow, List<String> labels, int k, Rule[] rules, String[] notes, int[] topClasses,
            float[] topScores, float[] classScores, float[] locationScores, float[] embeddings, int embeddingDim) {
        this.firstRow = firstRow;
        this.labels = List.copyOf(labels);
        this.k = k;
        this.rules = rules;
        this.notes = notes;
        this.topClasses = topClasses;
        this.topScores = topScores;
        this.classScores = classScores;
        this.locationScores = locationScores;
        this.embeddings = embeddings;
        this.embeddingDim = embeddingDim;
    }

    /** Number of rows. */
    public int size() {
        return rules.length;
    }

    /** Row number of row 0 (as given to the predictor, for messages). */
    public long firstRow() {
        return firstRow;
    }

    /** The model's class labels, in class-index order. */
    public List<String> classLabels() {
        return labels;
    }

    public int numClasses() {
        return labels.size();
    }

    /** Classes reported per row: the requested top-k, at most the number of classes. */
    public int k() {
        return k;
    }

    public Rule rule(int row) {
        return rules[row];
    }

    /** Number of rows predicted with {@code rule}. */
    public int count(Rule rule) {
        int c = 0;
        for (Rule r : rules) {
            if (r == rule) {
                c++;
            }
        }
        return c;
    }

    /** Why a source was not used for this row (invalid location, missing image probabilities), or null. */
    public String note(int row) {
        return notes[row];
    }

    /** Class index at rank {@code rank} (0 = best) of a row, or -1 for a row without prediction. */
    public int topClass(int row, int rank) {
        checkRank(rank);
        return topClasses[row * k + rank];
    }

    /** Class label at rank {@code rank} (0 = best), or null for a row without prediction. */
    public String topLabel(int row, int rank) {
        int c = topClass(row, rank);
        return c < 0 ? null : labels.get(c);
    }

    /** Score at rank {@code rank} (0 = best), or NaN for a row without prediction. */
    public float topScore(int row, int rank) {
        checkRank(rank);
        return topScores[row * k + rank];
    }

    public boolean hasClassScores() {
        return classScores != null;
    }

    /** The final score of every class of a row (a copy); NaN for a row without prediction. */
    public float[] classScores(int row) {
        if (classScores == null) {
            throw new IllegalStateException("class scores were not requested (PredictionRequest.includeClassScores)");
        }
        int c = labels.size();
        return Arrays.copyOfRange(classScores, row * c, (row + 1) * c);
    }

    public boolean hasLocationScores() {
        return locationScores != null;
    }

    /** P(class | location) of every class of a row (a copy); NaN for a row without a valid location. */
    public float[] locationScores(int row) {
        if (locationScores == null) {
            throw new IllegalStateException(
                    "location scores were not requested (PredictionRequest.includeLocationScores)");
        }
        int c = labels.size();
        return Arrays.copyOfRange(locationScores, row * c, (row + 1) * c);
    }

    public boolean hasEmbeddings() {
        return embeddings != null;
    }

    /** Width of the location embedding (0 if embeddings were not requested). */
    public int embeddingDim() {
        return embeddings == null ? 0 : embeddingDim;
    }

    /** The location embedding e(x) of a row (a copy), or null if the row has no valid location. */
    public float[] embedding(int row) {
        if (embeddings == null) {
            throw new IllegalStateException("embeddings were not requested (PredictionRequest.includeEmbeddings)");
        }
        if (rules[row] == Rule.IMAGE_ONLY || rules[row] == Rule.NONE) {
            return null;
        }
        return Arrays.copyOfRange(embeddings, row * embeddingDim, (row + 1) * embeddingDim);
    }

    private void checkRank(int rank) {
        if (rank < 0 || rank >= k) {
            throw new IndexOutOfBoundsException("rank " + rank + " of top-" + k);
        }
    }

    /** The batches one after another, as one batch (they must come from the same predictor and request). */
    public static PredictionBatch concat(List<PredictionBatch> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("nothing to concatenate");
        }
        PredictionBatch f = parts.get(0);
        int n = 0;
        for (PredictionBatch p : parts) {
            if (p.k != f.k || !p.labels.equals(f.labels) || (p.classScores == null) != (f.classScores == null)
                    || (p.locationScores == null) != (f.locationScores == null)
                    || (p.embeddings == null) != (f.embeddings == null)) {
                throw new IllegalArgumentException("batches come from different requests or models");
            }
            n += p.size();
        }
        int c = f.labels.size();
        Rule[] rules = new Rule[n];
        String[] notes = new String[n];
        int[] top = new int[n * f.k];
        float[] topS = new float[n * f.k];
        float[] cs = f.classScores == null ? null : new float[n * c];
        float[] ls = f.locationScores == null ? null : new float[n * c];
        float[] emb = f.embeddings == null ? null : new float[n * f.embeddingDim];
        int at = 0;
        for (PredictionBatch p : parts) {
            int m = p.size();
            System.arraycopy(p.rules, 0, rules, at, m);
            System.arraycopy(p.notes, 0, notes, at, m);
            System.arraycopy(p.topClasses, 0, top, at * f.k, m * f.k);
            System.arraycopy(p.topScores, 0, topS, at * f.k, m * f.k);
            if (cs != null) {
                System.arraycopy(p.classScores, 0, cs, at * c, m * c);
            }
            if (ls != null) {
                System.arraycopy(p.locationScores, 0, ls, at * c, m * c);
            }
            if (emb != null) {
                System.arraycopy(p.embeddings, 0, emb, at * f.embeddingDim, m * f.embeddingDim);
            }
            at += m;
        }
        return new PredictionBatch(f.firstRow, f.labels, f.k, rules, notes, top, topS, cs, ls, emb, f.embeddingDim);
    }
}
