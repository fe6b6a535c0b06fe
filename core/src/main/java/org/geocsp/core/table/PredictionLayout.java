package org.geocsp.core.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one declaration of the columns a prediction appends to a table: which parts exist, how many
 * columns each has, their types and the value of each cell. A front end chooses the parts (and
 * their order) and injects the display names ({@link Names}): the CLI writes
 * {@code pred_1..pred_K, score_1..score_K, rule}, the KNIME node {@code class 1, score 1, ...,
 * prediction rule}; both come from this layout.
 */
public final class PredictionLayout {

    /** A group of appended columns. */
    public enum Part {
        /** The final score of every class (combined with the image where the row has one). */
        CLASS_SCORES,
        /** P(class | location) of every class. */
        LOCATION_SCORES,
        /** The labels of the top-k classes, then (see {@link #TOP_SCORES}) their scores. */
        TOP_CLASSES,
        /** The scores of the top-k classes. */
        TOP_SCORES,
        /** Top-k label and score interleaved: class 1, score 1, class 2, ... */
        TOP_PAIRS,
        /** Which rule predicted the row (combined, location only, image only, none). */
        RULE,
        /** Why the row used that rule. */
        NOTE,
        /** The location embedding, one number column per value. */
        EMBEDDING_VALUES,
        /** The location embedding as one vector column. */
        EMBEDDING_VECTOR
    }

    /** The display names and the text of rule values, injected by the front end. */
    public interface Names {
        /** Column of a class's final score; {@code withImages} when image probabilities take part. */
        String classScore(String label, boolean withImages);

        String locationScore(String label);

        /** rank is 1-based. */
        String topClass(int rank);

        String topScore(int rank);

        String rule();

        String note();

        /** Column of embedding value j (0-based), for {@link Part#EMBEDDING_VALUES}. */
        String embeddingValue(int j);

        /** The vector column, for {@link Part#EMBEDDING_VECTOR}. */
        String embeddingVector();

        /** The text of a rule value. */
        String ruleValue(Enum<?> rule);
    }

    /**
     * The plain names of {@code geocsp predict} and {@code geocsp-spark}: {@code pred_1..pred_K},
     * {@code score_1..score_K}, {@code rule} (values {@code combined}, {@code location-only},
     * {@code image-only}, {@code none}), {@code note}, {@code p_<label>} for class scores,
     * {@code e0..e<d-1>} for embedding values and {@code embedding} for the vector column.
     */
    public static final Names PLAIN_NAMES = new Names() {
        @Override
        public String classScore(String label, boolean withImages) {
            return "p_" + label;
        }

        @Override
        public String locationScore(String label) {
            return "p_" + label;
        }

        @Override
        public String topClass(int rank) {
            return "pred_" + rank;
        }

        @Override
        public String topScore(int rank) {
            return "score_" + rank;
        }

        @Override
        public String rule() {
            return "rule";
        }

        @Override
        public String note() {
            return "note";
        }

        @Override
        public String embeddingValue(int j) {
            return "e" + j;
        }

        @Override
        public String embeddingVector() {
            return "embedding";
        }

        @Override
        public String ruleValue(Enum<?> rule) {
            return rule.name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    };

    /** What a prediction batch offers per row (core's {@code PredictionBatch}). */
    public interface Values {
        int k();

        Enum<?> rule(int row);

        String note(int row);

        String topLabel(int row, int rank);

        float topScore(int row, int rank);

        /** Null when the row has none. */
        float[] classScores(int row);

        /** Null when the row has none. */
        float[] locationScores(int row);

        /** Null when the row has none. */
        float[] embedding(int row);
    }

    /**
     * One appended column.
     *
     * @param part its part
     * @param index the class, rank (0-based) or embedding value it shows
     */
    public record Column(Part part, int index, ColumnInfo info) {}

    private final List<Column> columns;

    /**
     * @param parts the parts, in output order
     * @param classLabels the model's classes
     * @param k the number of top classes (at most the number of classes)
     * @param embeddingDim the width of the location embedding
     * @param withImages whether image probabilities take part (names of class scores)
     * @param names the display names
     */
    public PredictionLayout(List<Part> parts, List<String> classLabels, int k, int embeddingDim, boolean withImages,
            Names names) {
        List<Column> c = new ArrayList<>();
        int kk = Math.min(k, classLabels.size());
        for (Part p : parts) {
            switch (p) {
                case CLASS_SCORES -> {
                    for (int i = 0; i < classLabels.size(); i++) {
                        c.add(col(p, i, names.classScore(classLabels.get(i), withImages), ColumnType.DOUBLE));
                    }
                }
                case LOCATION_SCORES -> {
                    for (int i = 0; i < classLabels.size(); i++) {
                        c.add(col(p, i, names.locationScore(classLabels.get(i)), ColumnType.DOUBLE));
                    }
                }
                case TOP_CLASSES -> {
                    for (int r = 0; r < kk; r++) {
                        c.add(col(p, r, names.topClass(r + 1), ColumnType.STRING));
                    }
                }
                case TOP_SCORES -> {
                    for (int r = 0; r < kk; r++) {
                        c.add(col(p, r, names.topScore(r + 1), ColumnType.DOUBLE));
                    }
                }
                case TOP_PAIRS -> {
                    for (int r = 0; r < kk; r++) {
                        c.add(col(Part.TOP_CLASSES, r, names.topClass(r + 1), ColumnType.STRING));
                        c.add(col(Part.TOP_SCORES, r, names.topScore(r + 1), ColumnType.DOUBLE));
                    }
                }
                case RULE -> c.add(col(p, 0, names.rule(), ColumnType.STRING));
                case NOTE -> c.add(col(p, 0, names.note(), ColumnType.STRING));
                case EMBEDDING_VALUES -> {
                    for (int j = 0; j < embeddingDim; j++) {
                        c.add(col(p, j, names.embeddingValue(j), ColumnType.DOUBLE));
                    }
                }
                case EMBEDDING_VECTOR -> c.add(new Column(p, 0,
                        new ColumnInfo(names.embeddingVector(), ColumnType.DOUBLE_VECTOR, embeddingDim)));
            }
        }
        this.columns = List.copyOf(c);
        this.names = names;
    }

    private final Names names;

    private static Column col(Part p, int index, String name, ColumnType type) {
        return new Column(p, index, ColumnInfo.of(name, type));
    }

    public List<Column> columns() {
        return columns;
    }

    /** The column infos, in order. */
    public List<ColumnInfo> infos() {
        List<ColumnInfo> out = new ArrayList<>(columns.size());
        for (Column c : columns) {
            out.add(c.info());
        }
        return out;
    }

    /**
     * The appended values of one row, in column order: Double (null for a missing score), String
     * (null when missing) and double[] (the embedding vector, null when missing).
     */
    public Object[] values(Values b, int row) {
        Object[] out = new Object[columns.size()];
        float[] classScores = null;
        float[] locationScores = null;
        float[] embedding = null;
        boolean cs = false;
        boolean ls = false;
        boolean em = false;
        for (int i = 0; i < out.length; i++) {
            Column c = columns.get(i);
            out[i] = switch (c.part()) {
                case CLASS_SCORES -> {
                    if (!cs) {
                        classScores = b.classScores(row);
                        cs = true;
                    }
                    yield classScores == null ? null : num(classScores[c.index()]);
                }
                case LOCATION_SCORES -> {
                    if (!ls) {
                        locationScores = b.locationScores(row);
                        ls = true;
                    }
                    yield locationScores == null ? null : num(locationScores[c.index()]);
                }
                case TOP_CLASSES, TOP_PAIRS -> c.index() < b.k() ? b.topLabel(row, c.index()) : null;
                case TOP_SCORES -> c.index() < b.k() ? num(b.topScore(row, c.index())) : null;
                case RULE -> names.ruleValue(b.rule(row));
                case NOTE -> b.note(row);
                case EMBEDDING_VALUES, EMBEDDING_VECTOR -> {
                    if (!em) {
                        embedding = b.embedding(row);
                        em = true;
                    }
                    if (embedding == null) {
                        yield null;
                    }
                    if (c.part() == Part.EMBEDDING_VALUES) {
                        yield num(embedding[c.index()]);
                    }
                    double[] d = new double[embedding.length];
                    for (int j = 0; j < d.length; j++) {
                        d[j] = embedding[j];
                    }
                    yield d;
                }
            };
        }
        return out;
    }

    private static Double num(float x) {
        return Float.isNaN(x) ? null : (double) x;
    }
}
