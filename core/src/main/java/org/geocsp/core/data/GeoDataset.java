package org.geocsp.core.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.geocsp.core.geo.Coordinates;
import org.geocsp.core.geo.LongitudePolicy;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.io.RowProblems;

/**
 * A columnar table of locations: longitude and latitude in degrees (validated), optional integer
 * class labels with their names, optional image embeddings in a {@link FeatureStore}, optional
 * row ids.
 *
 * <p>Label indices refer to {@link #labelNames()}: by default classes are numbered in the order
 * of their first appearance while rows stream in; a vocabulary given to the builder keeps its
 * order and new names are appended after it (or rejected when it is closed).
 *
 * <p>{@link #subset(int[])} and {@link #split(double, long)} return views that share the
 * feature store (only the small coordinate/label arrays are copied). The dataset made by
 * {@link Builder#build()} owns its store and closes it in {@link #close()}; closing a view does
 * nothing. Do not use views after the owner is closed.
 */
public final class GeoDataset implements AutoCloseable {

    private final double[] lonDeg;
    private final double[] latDeg;
    private final int[] labels;
    private final List<String> labelNames;
    private final FeatureStore features;
    /** Store row of each dataset row; null means row i is store row i. */
    private final int[] featureRows;
    private final String[] rowIds;
    private final boolean ownsStore;

    private GeoDataset(double[] lonDeg, double[] latDeg, int[] labels, List<String> labelNames,
            FeatureStore features, int[] featureRows, String[] rowIds, boolean ownsStore) {
        this.lonDeg = lonDeg;
        this.latDeg = latDeg;
        this.labels = labels;
        this.labelNames = labelNames;
        this.features = features;
        this.featureRows = featureRows;
        this.rowIds = rowIds;
        this.ownsStore = ownsStore;
    }

    public static Builder builder() {
        return new Builder();
    }

    public int size() {
        return lonDeg.length;
    }

    /** Longitude of row {@code i} in degrees, within [-180, 180]. */
    public double lonDeg(int i) {
        return lonDeg[i];
    }

    /** Latitude of row {@code i} in degrees, within [-90, 90]. */
    public double latDeg(int i) {
        return latDeg[i];
    }

    /** A copy of the longitude column (degrees). */
    public double[] lonDegArray() {
        return lonDeg.clone();
    }

    /** A copy of the latitude column (degrees). */
    public double[] latDegArray() {
        return latDeg.clone();
    }

    public boolean hasLabels() {
        return labels != null;
    }

    /** Class index of row {@code i} into {@link #labelNames()}. */
    public int label(int i) {
        requireLabels();
        return labels[i];
    }

    /** A copy of the label column. */
    public int[] labelArray() {
        requireLabels();
        return labels.clone();
    }

    /** The class names; empty without labels. A view's vocabulary is its parent's. */
    public List<String> labelNames() {
        return labelNames;
    }

    public int numClasses() {
        return labelNames.size();
    }

    public boolean hasFeatures() {
        return features != null;
    }

    /** Embedding width; 0 without features. */
    public int featureDim() {
        return features == null ? 0 : features.dim();
    }

    /** The shared store (its rows are addressed through {@link #featureRow(int)}). */
    public FeatureStore features() {
        if (features == null) {
            throw new IllegalStateException("this dataset has no image embeddings");
        }
        return features;
    }

    /** The store row holding row {@code i}'s embedding. */
    public int featureRow(int i) {
        Objects.checkIndex(i, size());
        return featureRows == null ? i : featureRows[i];
    }

    /** A copy of row {@code i}'s embedding. */
    public float[] feature(int i) {
        return features().row(featureRow(i));
    }

    public boolean hasRowIds() {
        return rowIds != null;
    }

    public String rowId(int i) {
        if (rowIds == null) {
            throw new IllegalStateException("this dataset has no row ids");
        }
        return rowIds[i];
    }

    private void requireLabels() {
        if (labels == null) {
            throw new IllegalStateException("this dataset has no labels");
        }
    }

    /**
     * A view of the given rows, in the given order (repeats allowed). The feature store is
     * shared, not copied.
     */
    public GeoDataset subset(int[] rows) {
        int n = rows.length;
        double[] lo = new double[n];
        double[] la = new double[n];
        int[] lab = labels == null ? null : new int[n];
        int[] fr = features == null ? null : new int[n];
        String[] ids = rowIds == null ? null : new String[n];
        for (int k = 0; k < n; k++) {
            int r = Objects.checkIndex(rows[k], size());
            lo[k] = lonDeg[r];
            la[k] = latDeg[r];
            if (lab != null) {
                lab[k] = labels[r];
            }
            if (fr != null) {
                fr[k] = featureRow(r);
            }
            if (ids != null) {
                ids[k] = rowIds[r];
            }
        }
        return new GeoDataset(lo, la, lab, labelNames, features, fr, ids, false);
    }

    /**
     * Splits into train and validation views, reproducibly for a seed.
     *
     * <p>With labels the split is stratified: each class's rows are shuffled and
     * {@code round(n_c * validationFraction)} of them (half up) go to validation, but a class
     * with at least 2 rows always keeps at least 1 in train, and a class with 1 row stays in
     * train. Without labels, {@code round(n * validationFraction)} rows chosen at random go to
     * validation, at most {@code n - 1}. Both parts keep the original row order.
     *
     * @param validationFraction share of rows for validation, in [0, 1)
     */
    public Split split(double validationFraction, long seed) {
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new InvalidInputException("validation fraction must be in [0, 1), was " + validationFraction);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        boolean[] toValidation = new boolean[size()];
        if (labels != null) {
            for (int[] members : rowsByClass(labels, numClasses())) {
                int n = members.length;
                if (n < 2) {
                    continue;
                }
                int k = (int) Math.min(Math.round(n * validationFraction), n - 1L);
                Shuffles.partialShuffle(members, k, rng);
                for (int j = 0; j < k; j++) {
                    toValidation[members[j]] = true;
                }
            }
        } else if (size() > 0) {
            int[] all = Shuffles.identity(size());
            int k = (int) Math.min(Math.round(size() * validationFraction), size() - 1L);
            Shuffles.partialShuffle(all, k, rng);
            for (int j = 0; j < k; j++) {
                toValidation[all[j]] = true;
            }
        }
        int nVal = 0;
        for (boolean b : toValidation) {
            nVal += b ? 1 : 0;
        }
        int[] train = new int[size() - nVal];
        int[] val = new int[nVal];
        int t = 0;
        int v = 0;
        for (int i = 0; i < size(); i++) {
            if (toValidation[i]) {
                val[v++] = i;
            } else {
                train[t++] = i;
            }
        }
        return new Split(subset(train), subset(val), train, val);
    }

    /** Rows of each class 0..numClasses-1, ascending. */
    static int[][] rowsByClass(int[] labels, int numClasses) {
        int[] counts = new int[numClasses];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException("row " + i + " has class index " + labels[i] + ", outside 0.."
                        + (numClasses - 1));
            }
            counts[labels[i]]++;
        }
        int[][] out = new int[numClasses][];
        for (int c = 0; c < numClasses; c++) {
            out[c] = new int[counts[c]];
        }
        int[] fill = new int[numClasses];
        for (int i = 0; i < labels.length; i++) {
            out[labels[i]][fill[labels[i]]++] = i;
        }
        return out;
    }

    /** Closes the feature store if this dataset was built (not a view). */
    @Override
    public void close() {
        if (ownsStore && features != null) {
            features.close();
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "GeoDataset[%d rows, %s, %s, %s]", size(),
                labels == null ? "no labels" : numClasses() + " classes",
                features == null ? "no embeddings" : "embeddings of " + featureDim(),
                rowIds == null ? "no row ids" : "row ids");
    }

    /**
     * Train and validation views of a {@link #split}; {@code trainRows}/{@code validationRows}
     * are row indices into the split dataset.
     */
    public record Split(GeoDataset train, GeoDataset validation, int[] trainRows, int[] validationRows) {}

    /**
     * Streams rows into a new dataset. Enable the optional columns before the first row. Row
     * numbers in messages are 1-based in the order rows were added (plus
     * {@link #firstRowNumber}). Coordinate problems are collected and reported together by
     * {@link #build()}; closing an unbuilt builder deletes its temporary feature file.
     */
    public static final class Builder implements AutoCloseable {

        private String lonColumn = "longitude";
        private String latColumn = "latitude";
        private String labelColumn = "label";
        private LongitudePolicy policy = LongitudePolicy.REJECT;
        private long firstRowNumber = 1;
        private boolean withLabels;
        private boolean closedVocabulary;
        private final List<String> vocabulary = new ArrayList<>();
        private final Map<String, Integer> labelIndex = new HashMap<>();
        private FeatureStore.Writer writer;
        private boolean withRowIds;

        private double[] lon = new double[1024];
        private double[] lat = new double[1024];
        private int[] lab;
        private String[] ids;
        private int n;
        private final RowProblems labelProblems = new RowProblems("");
        private boolean built;

        private Builder() {}

        /** Column names used in error messages (default "longitude", "latitude"). */
        public Builder columnNames(String lonColumn, String latColumn) {
            this.lonColumn = lonColumn;
            this.latColumn = latColumn;
            return this;
        }

        /** What to do with longitudes outside [-180, 180] (default reject). */
        public Builder longitudePolicy(LongitudePolicy policy) {
            this.policy = policy;
            return this;
        }

        /** The number messages give the first added row (default 1). */
        public Builder firstRowNumber(long first) {
            this.firstRowNumber = first;
            return this;
        }

        /** Every row carries a label; classes are numbered in order of first appearance. */
        public Builder withLabels(String labelColumn) {
            checkNoRows();
            this.withLabels = true;
            this.labelColumn = labelColumn;
            this.lab = new int[lon.length];
            return this;
        }

        /**
         * Every row carries a label; classes start with {@code names} in this order. If
         * {@code closed}, a label not in the list is an error, else it is appended.
         */
        public Builder withLabels(String labelColumn, List<String> names, boolean closed) {
            withLabels(labelColumn);
            for (String s : names) {
                if (labelIndex.putIfAbsent(s, vocabulary.size()) == null) {
                    vocabulary.add(s);
                }
            }
            this.closedVocabulary = closed;
            return this;
        }

        /** Every row carries an embedding of {@code dim} floats, in a temporary store in {@code folder} (null: system temp). */
        public Builder withFeatures(int dim, Path folder) throws IOException {
            checkNoRows();
            return withFeatures(FeatureStore.tempWriter(folder, dim));
        }

        /** Every row carries an embedding, written through this (fresh) writer; the dataset takes ownership. */
        public Builder withFeatures(FeatureStore.Writer w) {
            checkNoRows();
            if (w.rowsWritten() != 0) {
                throw new IllegalArgumentException("the feature writer already holds " + w.rowsWritten() + " rows");
            }
            this.writer = w;
            return this;
        }

        /** Every row carries a (string) id. */
        public Builder withRowIds() {
            checkNoRows();
            this.withRowIds = true;
            this.ids = new String[lon.length];
            return this;
        }

        private void checkNoRows() {
            if (n > 0 || built) {
                throw new IllegalStateException("enable optional columns before adding rows");
            }
        }

        /** Rows added so far. */
        public int size() {
            return n;
        }

        /** Adds a row with only coordinates. */
        public Builder add(double lonDeg, double latDeg) throws IOException {
            return add(lonDeg, latDeg, null, null, null);
        }

        /**
         * Adds one row. {@code label}, {@code embedding} and {@code rowId} must be given exactly
         * when the builder was set up with them (else null).
         */
        public Builder add(double lonDeg, double latDeg, String label, float[] embedding, String rowId)
                throws IOException {
            if (built) {
                throw new IllegalStateException("dataset already built");
            }
            long rowNo = firstRowNumber + n;
            if (writer != null) {
                if (embedding == null || embedding.length != writer.dim()) {
                    throw new InvalidInputException(String.format(Locale.ROOT,
                            "row %d: the image embedding has %s values, expected %d", rowNo,
                            embedding == null ? "no" : Integer.toString(embedding.length), writer.dim()));
                }
                writer.appendRow(embedding);
            } else if (embedding != null) {
                throw new IllegalStateException("row " + rowNo + " has an embedding but the builder was not set up withFeatures");
            }
            if (!withLabels && label != null) {
                throw new IllegalStateException("row " + rowNo + " has a label but the builder was not set up withLabels");
            }
            if (!withRowIds && rowId != null) {
                throw new IllegalStateException("row " + rowNo + " has an id but the builder was not set up withRowIds");
            }
            if (n == lon.length) {
                int cap = Math.max(16, (int) Math.min(Integer.MAX_VALUE - 8, lon.length * 2L));
                lon = Arrays.copyOf(lon, cap);
                lat = Arrays.copyOf(lat, cap);
                if (lab != null) {
                    lab = Arrays.copyOf(lab, cap);
                }
                if (ids != null) {
                    ids = Arrays.copyOf(ids, cap);
                }
            }
            lon[n] = lonDeg;
            lat[n] = latDeg;
            if (withLabels) {
                lab[n] = labelIndexOf(label, rowNo);
            }
            if (withRowIds) {
                if (rowId == null) {
                    throw new InvalidInputException("row " + rowNo + ": the row id is missing");
                }
                ids[n] = rowId;
            }
            n++;
            return this;
        }

        private int labelIndexOf(String label, long rowNo) {
            if (label == null || label.isEmpty()) {
                labelProblems.add(labelColumn, "without a label", RowProblems.rowLabel(rowNo, null),
                        "the label is missing");
                return -1;
            }
            Integer idx = labelIndex.get(label);
            if (idx != null) {
                return idx;
            }
            if (closedVocabulary) {
                labelProblems.add(labelColumn, "with a class not among the " + vocabulary.size() + " known classes",
                        RowProblems.rowLabel(rowNo, null), "'" + label + "' is not among the " + vocabulary.size()
                                + " known classes");
                return -1;
            }
            labelIndex.put(label, vocabulary.size());
            vocabulary.add(label);
            return vocabulary.size() - 1;
        }

        /**
         * Validates everything added and returns the dataset, which owns the feature store.
         *
         * @throws InvalidInputException listing every problem (coordinates, missing or unknown
         *     labels) with counts and example rows; the partial feature file is then deleted
         */
        public GeoDataset build() throws IOException {
            if (built) {
                throw new IllegalStateException("dataset already built");
            }
            built = true;
            try {
                double[] lo = Arrays.copyOf(lon, n);
                double[] la = Arrays.copyOf(lat, n);
                List<String> problems = new ArrayList<>();
                try {
                    lo = Coordinates.validate(lo, la, lonColumn, latColumn, firstRowNumber, policy);
                } catch (InvalidInputException e) {
                    problems.addAll(e.problems());
                }
                problems.addAll(labelProblems.messages());
                if (!problems.isEmpty()) {
                    throw new InvalidInputException(problems);
                }
                FeatureStore store = writer == null ? null : writer.finish();
                return new GeoDataset(lo, la, withLabels ? Arrays.copyOf(lab, n) : null,
                        withLabels ? List.copyOf(vocabulary) : List.of(), store, null,
                        withRowIds ? Arrays.copyOf(ids, n) : null, true);
            } catch (IOException | RuntimeException e) {
                if (writer != null) {
                    writer.close();
                }
                throw e;
            }
        }

        /** Deletes the temporary feature file if {@link #build()} was not called or failed. */
        @Override
        public void close() {
            if (writer != null) {
                writer.close(); // no-op after a successful finish()
            }
            built = true;
        }
    }
}
