package org.geocsp.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.model.ModelSpec;
import org.geocsp.core.table.PredictionLayout;
import org.geocsp.spark.SparkPredictOptions.Columns;
import org.geocsp.spark.SparkPredictOptions.EmbeddingOutput;

/**
 * The input DataFrame's schema resolved against a model and the options, on the driver before any
 * task runs: which column indices hold the longitude, latitude and image inputs, and the output
 * schema (the input columns, then the columns of core's {@link PredictionLayout} with its plain
 * names: pred_1..K, score_1..K, rule, p_&lt;label&gt; and the embedding, as {@code geocsp predict}). Missing columns, non-numeric types and clashing output names are
 * reported here, naming the column.
 */
final class InputPlan implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Which image input feeds the product rule. */
    enum Image { NONE, PROBABILITIES, EMBEDDINGS }

    final String[] inputNames;
    final int lonIdx;
    final int latIdx;
    final Image image;
    /** Scalar image columns in class/dimension order, or null. */
    final int[] imageColumns;
    /** The array column of the image input, or -1. */
    final int imageArrayColumn;
    /** Values expected per row of the image input (classes or the image classifier's width). */
    final int imageWidth;
    final String imageWhat;
    final List<String> labels;
    final int k;
    final int embeddingDim;
    /** The appended parts of core's prediction layout, in output order. */
    final List<PredictionLayout.Part> parts;
    final StructType output;
    private transient PredictionLayout layout;

    private InputPlan(String[] inputNames, int lonIdx, int latIdx, Image image, int[] imageColumns,
            int imageArrayColumn, int imageWidth, String imageWhat, List<String> labels, int k, int embeddingDim,
            List<PredictionLayout.Part> parts, StructType output) {
        this.inputNames = inputNames;
        this.lonIdx = lonIdx;
        this.latIdx = latIdx;
        this.image = image;
        this.imageColumns = imageColumns;
        this.imageArrayColumn = imageArrayColumn;
        this.imageWidth = imageWidth;
        this.imageWhat = imageWhat;
        this.labels = List.copyOf(labels);
        this.k = k;
        this.embeddingDim = embeddingDim;
        this.parts = List.copyOf(parts);
        this.output = output;
    }

    /**
     * Resolves the plan.
     *
     * @param input the DataFrame (only its schema is read, plus one row for a message on a type error)
     * @param modelName the model file, for messages
     * @throws InvalidInputException naming each missing or mistyped column or clashing output name
     */
    static InputPlan of(Dataset<Row> input, ModelSpec spec, String modelName, SparkPredictOptions o) {
        StructType schema = input.schema();
        String[] names = schema.fieldNames();
        List<String> problems = new ArrayList<>();
        int lon = numericColumn(input, o.lonColumn(), "longitude", problems);
        int lat = numericColumn(input, o.latColumn(), "latitude", problems);
        List<String> labels = spec.classLabels();
        if (o.predictions() && labels.isEmpty()) {
            problems.add("model " + modelName + " has no classes, so it cannot predict: fine-tune it first"
                    + " (geocsp finetune), or ask for embeddings only");
        }
        Image image = Image.NONE;
        int[] cols = null;
        int arrayCol = -1;
        int width = 0;
        String what = null;
        if (o.imageProbabilities().given()) {
            image = Image.PROBABILITIES;
            width = labels.size();
            what = "image class probabilities";
            Columns c = o.imageProbabilities();
            if (c.arrayColumn() != null) {
                arrayCol = arrayColumn(input, c.arrayColumn(), what, problems);
            } else if (!labels.isEmpty()) {
                cols = probabilityColumns(input, c.prefix(), labels, problems);
            }
        } else if (o.imageEmbeddings().given()) {
            image = Image.EMBEDDINGS;
            what = "image embedding";
            width = spec.imageClassifierDim();
            Columns c = o.imageEmbeddings();
            if (!spec.hasImageClassifier()) {
                problems.add("image embeddings were given, but model " + modelName + " has no image classifier;"
                        + " fine-tune it with --image-classifier, or give image class probabilities instead");
            } else if (c.arrayColumn() != null) {
                arrayCol = arrayColumn(input, c.arrayColumn(), what, problems);
            } else {
                cols = numberedColumns(input, c.prefix(), width, what, problems);
            }
        }
        int k = Math.min(o.topK(), Math.max(1, labels.size()));
        int d = spec.stack().outputDim();
        List<PredictionLayout.Part> parts = parts(o);
        StructType out = schema;
        for (PredictionLayout.Column c : layout(parts, labels, k, d).columns()) {
            out = out.add(field(c));
        }
        Set<String> inputLower = new TreeSet<>();
        for (String n : names) {
            inputLower.add(n.toLowerCase(Locale.ROOT));
        }
        List<String> clashes = new ArrayList<>();
        for (int i = names.length; i < out.fields().length; i++) {
            if (inputLower.contains(out.fields()[i].name().toLowerCase(Locale.ROOT))) {
                clashes.add(out.fields()[i].name());
            }
        }
        if (!clashes.isEmpty()) {
            problems.add("the input already has column" + (clashes.size() == 1 ? " " : "s ") + quoted(clashes)
                    + " that the output adds; rename or drop " + (clashes.size() == 1 ? "it" : "them") + " first");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new InputPlan(names, lon, lat, image, cols, arrayCol, width, what, labels, k, d, parts, out);
    }

    /** The appended parts, as {@code geocsp predict}: top-k, rule, p_&lt;label&gt;, then the embedding. */
    static List<PredictionLayout.Part> parts(SparkPredictOptions o) {
        List<PredictionLayout.Part> parts = new ArrayList<>();
        if (o.predictions()) {
            parts.addAll(List.of(PredictionLayout.Part.TOP_CLASSES, PredictionLayout.Part.TOP_SCORES,
                    PredictionLayout.Part.RULE));
            if (o.allScores()) {
                parts.add(PredictionLayout.Part.LOCATION_SCORES);
            }
        }
        if (o.embeddings() == EmbeddingOutput.ARRAY) {
            parts.add(PredictionLayout.Part.EMBEDDING_VECTOR);
        } else if (o.embeddings() == EmbeddingOutput.COLUMNS) {
            parts.add(PredictionLayout.Part.EMBEDDING_VALUES);
        }
        return parts;
    }

    private static PredictionLayout layout(List<PredictionLayout.Part> parts, List<String> labels, int k, int d) {
        return new PredictionLayout(parts, labels, k, d, false, PredictionLayout.PLAIN_NAMES);
    }

    /** Core's layout of the appended columns with the plain names (built again on each executor). */
    PredictionLayout layout() {
        if (layout == null) {
            layout = layout(parts, labels, k, embeddingDim);
        }
        return layout;
    }

    /** The Spark field of an appended column: scores as float, the rule never null, the vector as array&lt;float&gt;. */
    private static StructField field(PredictionLayout.Column c) {
        DataType type = switch (c.info().type()) {
            case STRING -> DataTypes.StringType;
            case DOUBLE_VECTOR -> DataTypes.createArrayType(DataTypes.FloatType, false);
            default -> DataTypes.FloatType;
        };
        return new StructField(c.info().name(), type, c.part() != PredictionLayout.Part.RULE, Metadata.empty());
    }

    private static int index(StructType schema, String name) {
        String[] names = schema.fieldNames();
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static int numericColumn(Dataset<Row> input, String name, String what, List<String> problems) {
        StructType schema = input.schema();
        int i = index(schema, name);
        if (i < 0) {
            problems.add("the input has no " + what + " column '" + name + "'; its columns are "
                    + Arrays.toString(schema.fieldNames()));
            return -1;
        }
        DataType t = schema.fields()[i].dataType();
        if (!(t instanceof NumericType)) {
            problems.add("column '" + name + "' (" + what + " in degrees) has type " + t.simpleString()
                    + ", expected a number" + example(input, name));
        }
        return i;
    }

    private static int arrayColumn(Dataset<Row> input, String name, String what, List<String> problems) {
        StructType schema = input.schema();
        int i = index(schema, name);
        if (i < 0) {
            problems.add("the input has no " + what + " column '" + name + "'; its columns are "
                    + Arrays.toString(schema.fieldNames()));
            return -1;
        }
        DataType t = schema.fields()[i].dataType();
        if (!(t instanceof ArrayType a) || !(a.elementType() instanceof NumericType)) {
            problems.add("column '" + name + "' (" + what + ") has type " + t.simpleString()
                    + ", expected an array of numbers" + example(input, name));
        }
        return i;
    }

    private static int[] probabilityColumns(Dataset<Row> input, String prefix, List<String> labels,
            List<String> problems) {
        StructType schema = input.schema();
        int[] byLabel = new int[labels.size()];
        int[] byIndex = new int[labels.size()];
        boolean allLabels = true;
        boolean allIndex = true;
        for (int c = 0; c < labels.size(); c++) {
            byLabel[c] = index(schema, prefix + labels.get(c));
            byIndex[c] = index(schema, prefix + c);
            allLabels &= byLabel[c] >= 0;
            allIndex &= byIndex[c] >= 0;
        }
        int[] cols = allLabels ? byLabel : allIndex ? byIndex : null;
        if (cols == null) {
            problems.add("the input lacks image-probability columns: expected " + prefix + "<label> for each of the"
                    + " model's " + labels.size() + " classes (e.g. " + prefix + labels.get(0) + ") or " + prefix
                    + "0.." + prefix + (labels.size() - 1));
            return null;
        }
        checkNumeric(input, cols, "image class probability", problems);
        return cols;
    }

    private static int[] numberedColumns(Dataset<Row> input, String prefix, int width, String what,
            List<String> problems) {
        StructType schema = input.schema();
        int[] cols = new int[width];
        for (int j = 0; j < width; j++) {
            cols[j] = index(schema, prefix + j);
            if (cols[j] < 0) {
                problems.add("the input lacks " + what + " column '" + prefix + j + "': the model's image classifier"
                        + " reads " + prefix + "0.." + prefix + (width - 1));
                return null;
            }
        }
        checkNumeric(input, cols, what, problems);
        return cols;
    }

    private static void checkNumeric(Dataset<Row> input, int[] cols, String what, List<String> problems) {
        StructField[] f = input.schema().fields();
        for (int c : cols) {
            if (!(f[c].dataType() instanceof NumericType)) {
                problems.add("column '" + f[c].name() + "' (" + what + ") has type " + f[c].dataType().simpleString()
                        + ", expected a number" + example(input, f[c].name()));
                return; // one such column is enough to name
            }
        }
    }

    /** ", e.g. 'x'" with the column's first non-null value (a small Spark job), or "" if there is none. */
    private static String example(Dataset<Row> input, String column) {
        try {
            List<Row> r = input.select(input.col("`" + column.replace("`", "``") + "`")).na().drop().limit(1)
                    .collectAsList();
            return r.isEmpty() ? "" : " (e.g. the value '" + r.get(0).get(0) + "')";
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static String quoted(List<String> names) {
        List<String> q = new ArrayList<>();
        for (String n : names) {
            q.add("'" + n + "'");
        }
        return String.join(", ", q);
    }

    /** Up to eight of a row's cells with their column names, for messages. */
    String describe(Row row) {
        StringBuilder sb = new StringBuilder("{");
        int n = Math.min(row.size(), 8);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            Object v = row.get(i);
            String s = String.valueOf(v);
            sb.append(inputNames[i]).append('=').append(s.length() > 40 ? s.substring(0, 40) + "..." : s);
        }
        if (row.size() > n) {
            sb.append(", ...");
        }
        return sb.append('}').toString();
    }
}
