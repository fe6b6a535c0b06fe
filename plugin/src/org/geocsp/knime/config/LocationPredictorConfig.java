package org.geocsp.knime.config;

import org.geocsp.core.table.EmbeddingSource;
import org.geocsp.core.table.ColumnKind;
import org.geocsp.core.table.ColumnType;
import org.geocsp.core.table.ColumnInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.predict.PredictionBatch;
import org.geocsp.core.predict.PredictionRequest;
import org.geocsp.core.predict.ScoreMode;
import org.geocsp.core.table.PredictionLayout;
import org.geocsp.core.table.ProbabilityColumns;
import org.geocsp.core.table.VectorCells;

/**
 * Settings of the Location Predictor node: which columns hold the locations and, optionally, the
 * image classifier's class probabilities; what to append (class scores, top-k, rule, embedding);
 * and the class of the optional map. Converts to core's {@link PredictionRequest}.
 */
public final class LocationPredictorConfig extends NodeConfig {

    public static final String TAB_COLUMNS = "Columns";
    public static final String TAB_OUTPUT = "Output";
    public static final String TAB_MAP = "Map";
    public static final int DATA_PORT = 1;

    public static final String IMAGE_NONE = "none";
    public static final String IMAGE_BY_NAME = "columns by class name";
    public static final String IMAGE_VECTOR = "vector or list column";
    /** The model's own image classifier (Fine-Tuner with an image embedding) on an image-embedding input. */
    public static final String IMAGE_EMBEDDING = "image embedding (model's image classifier)";

    public static final String OUT_SCORES = "scores of all classes";
    public static final String OUT_TOP_K = "top-k classes";
    public static final String OUT_BOTH = "both";

    /** The default pattern matches the probability columns of KNIME's predictors, "P (label=oak)". */
    public static final String DEFAULT_IMAGE_PATTERN = "P \\((?:[^=]*=)?(.+)\\)";

    public static final LocationColumns LOCATION = new LocationColumns(DATA_PORT, TAB_COLUMNS);
    public static final Setting IMAGE_MODE = Setting.choice("image_probabilities", "Image class probabilities",
            IMAGE_NONE, List.of(IMAGE_NONE, IMAGE_BY_NAME, IMAGE_VECTOR, IMAGE_EMBEDDING), TAB_COLUMNS);
    public static final Setting IMAGE_PATTERN = Setting.text("image_probability_pattern",
            "Image probability column pattern", DEFAULT_IMAGE_PATTERN, TAB_COLUMNS);
    public static final Setting IMAGE_COLUMN = Setting.column("image_probability_column",
            "Image probability column", ColumnKind.VECTOR, DATA_PORT, true, TAB_COLUMNS);
    /** The image embedding for {@link #IMAGE_EMBEDDING}. */
    public static final EmbeddingColumns IMAGE_EMBEDDING_COLUMNS = new EmbeddingColumns("image_embedding",
            "Image embedding", DATA_PORT, true, TAB_COLUMNS);

    public static final Setting OUTPUT = Setting.choice("output", "Append", OUT_SCORES,
            List.of(OUT_SCORES, OUT_TOP_K, OUT_BOTH), TAB_OUTPUT);
    public static final Setting TOP_K = Setting.integer("top_k", "Top-k", 5, 1, 100_000, TAB_OUTPUT);
    public static final Setting SCORE_MODE = Setting.choice("score_mode", "Scores", "sigmoid",
            List.of("sigmoid", "normalised", "softmax"), TAB_OUTPUT);
    public static final Setting LOCATION_SCORES = Setting.bool("location_scores",
            "Also append P(class | location)", false, TAB_OUTPUT);
    public static final Setting RULE = Setting.bool("rule", "Append the rule used per row", true, TAB_OUTPUT);
    public static final Setting EMBEDDING = Setting.bool("embedding", "Append the location embedding", false,
            TAB_OUTPUT);
    public static final Setting BATCH_SIZE = Setting.integer("batch_size", "Rows per batch",
            PredictionRequest.DEFAULT_BATCH_SIZE, 1, 10_000_000, TAB_OUTPUT);

    public static final Setting MAP_CLASS = Setting.text("map_class", "Map class", "", TAB_MAP);
    public static final Setting MAP_RESOLUTION = Setting.real("map_resolution", "Map resolution (degrees)", 1.0, 0.1,
            90, TAB_MAP);
    public static final Setting MAP_WIDTH = Setting.integer("map_width", "Map width (pixels)", 720, 100, 10_000,
            TAB_MAP);

    public static final List<Setting> SETTINGS = concat(LOCATION.settings(),
            List.of(IMAGE_MODE, IMAGE_PATTERN, IMAGE_COLUMN), IMAGE_EMBEDDING_COLUMNS.settings(), List.of(OUTPUT, TOP_K, SCORE_MODE, LOCATION_SCORES, RULE,
                    EMBEDDING, BATCH_SIZE, MAP_CLASS, MAP_RESOLUTION, MAP_WIDTH));

    /** Column names appended. */
    public static final String COL_RULE = "prediction rule";
    public static final String COL_NOTE = "prediction note";
    public static final String COL_EMBEDDING = "location embedding";

    public LocationPredictorConfig(SettingValues values) {
        super(values);
        if (!values.settings().equals(SETTINGS)) {
            throw new IllegalArgumentException("values are not those of the Location Predictor");
        }
    }

    public static LocationPredictorConfig defaults() {
        return new LocationPredictorConfig(SettingValues.defaults(SETTINGS));
    }

    public static LocationPredictorConfig load(ConfigStore store) throws ConfigException {
        // the image-embedding input came in GeoCSP 0.2: older workflows load without one
        return new LocationPredictorConfig(SettingValues.load(SETTINGS, store, IMAGE_EMBEDDING_COLUMNS.settings()));
    }

    public String imageMode() {
        return values().getChoice(IMAGE_MODE);
    }

    public boolean withImages() {
        return !imageMode().equals(IMAGE_NONE);
    }

    public boolean allScores() {
        return !values().getChoice(OUTPUT).equals(OUT_TOP_K);
    }

    public boolean topK() {
        return !values().getChoice(OUTPUT).equals(OUT_SCORES);
    }

    /** Core's prediction request. */
    public PredictionRequest request() {
        SettingValues v = values();
        return PredictionRequest.builder().topK(v.getInt(TOP_K))
                .scoreMode(ScoreMode.parse(v.getChoice(SCORE_MODE)))
                .includeClassScores(allScores()).includeLocationScores(v.getBoolean(LOCATION_SCORES))
                .includeEmbeddings(v.getBoolean(EMBEDDING)).longitudePolicy(LOCATION.policy(v))
                .batchSize(v.getInt(BATCH_SIZE)).build();
    }

    @Override
    protected void checkWithCore() {
        if (imageMode().equals(IMAGE_BY_NAME)) {
            String p = values().getString(IMAGE_PATTERN);
            try {
                if (Pattern.compile(p).matcher("").groupCount() < 1) {
                    throw new InvalidInputException("setting '" + IMAGE_PATTERN.label() + "': the pattern '" + p
                            + "' needs a group, in brackets, that captures the class label");
                }
            } catch (PatternSyntaxException e) {
                throw new InvalidInputException("setting '" + IMAGE_PATTERN.label() + "': '" + p
                        + "' is not a valid regular expression (" + e.getDescription() + ")");
            }
        }
        request();
    }

    /**
     * The resolved input columns.
     *
     * @param classLabels the model's classes, or null when not known yet (then the mapping of
     *     probability columns to classes is checked at execution)
     */
    public Inputs resolveColumns(List<ColumnInfo> columns, List<String> classLabels) throws ConfigException {
        return resolveColumns(columns, classLabels, -1);
    }

    /**
     * The resolved input columns.
     *
     * @param classLabels the model's classes, or null when not known yet
     * @param imageClassifierDim the model's image-classifier width: 0 if it has none, -1 if not
     *     known yet
     */
    public Inputs resolveColumns(List<ColumnInfo> columns, List<String> classLabels, int imageClassifierDim)
            throws ConfigException {
        List<String> p = new ArrayList<>();
        int[] ll = LOCATION.resolve(columns, values(), p);
        int[] imageColumns = null;
        int vector = -1;
        EmbeddingSource embedding = null;
        if (imageMode().equals(IMAGE_EMBEDDING)) {
            if (imageClassifierDim == 0) {
                p.add("setting '" + IMAGE_MODE.label() + "' is '" + IMAGE_EMBEDDING + "', but the model has no image"
                        + " classifier; fine-tune it with an image-embedding column (Fine-Tuner), or give the image"
                        + " class probabilities instead");
            }
            if (!IMAGE_EMBEDDING_COLUMNS.isSelected(values())) {
                p.add("setting '" + (IMAGE_EMBEDDING_COLUMNS.byPattern(values()) ? IMAGE_EMBEDDING_COLUMNS.pattern.label()
                        : IMAGE_EMBEDDING_COLUMNS.column.label()) + "' is empty; choose the image embedding");
            } else {
                embedding = IMAGE_EMBEDDING_COLUMNS.resolve(columns, values(), p);
                if (embedding != null && imageClassifierDim > 0 && embedding.width() > 0
                        && embedding.width() != imageClassifierDim) {
                    p.add("the image embedding (" + String.join(", ", embedding.columnNames().subList(0,
                            Math.min(3, embedding.columnNames().size()))) + (embedding.columnNames().size() > 3 ? ", ..." : "")
                            + ") has " + embedding.width() + " values per row, but the model's image classifier expects "
                            + imageClassifierDim);
                }
            }
        } else if (imageMode().equals(IMAGE_VECTOR)) {
            Setting required = new Setting(IMAGE_COLUMN.key(), IMAGE_COLUMN.label(), IMAGE_COLUMN.type(), "", 0, 0,
                    List.of(), ColumnKind.VECTOR, DATA_PORT, false, TAB_COLUMNS);
            vector = ColumnRoles.resolve(columns, required, values().getString(IMAGE_COLUMN), List.of(), p);
            if (vector >= 0 && classLabels != null && columns.get(vector).width() > 0
                    && columns.get(vector).width() != classLabels.size()) {
                p.add("setting '" + IMAGE_COLUMN.label() + "': column '" + columns.get(vector).name() + "' holds "
                        + columns.get(vector).width() + " values per row, but the model has " + classLabels.size()
                        + " classes");
            }
        } else if (imageMode().equals(IMAGE_BY_NAME)) {
            imageColumns = probabilityColumns(columns, classLabels, p);
        }
        if (!p.isEmpty()) {
            throw new ConfigException(p);
        }
        return new Inputs(ll[0], ll[1], vector, imageColumns, embedding);
    }

    /**
     * The probability column of each class (in class order), matched by the pattern's first group;
     * with unknown classes, every matching number column (in table order).
     */
    int[] probabilityColumns(List<ColumnInfo> columns, List<String> classLabels, List<String> problems) {
        Pattern pat;
        try {
            pat = Pattern.compile(values().getString(IMAGE_PATTERN));
        } catch (PatternSyntaxException e) {
            problems.add("setting '" + IMAGE_PATTERN.label() + "' is not a valid regular expression");
            return null;
        }
        List<String> names = new ArrayList<>();
        for (ColumnInfo c : columns) {
            names.add(c.name());
        }
        return ProbabilityColumns.byPattern(names, i -> columns.get(i).type().isNumber(), pat, classLabels,
                "setting '" + IMAGE_PATTERN.label() + "'", problems);
    }

    /**
     * The resolved inputs.
     *
     * @param longitude longitude column
     * @param latitude latitude column
     * @param imageVector vector/list column of image probabilities (model class order), or -1
     * @param imageColumns one number column per class (model class order), or null
     * @param imageEmbedding the image embedding for the model's image classifier, or null
     */
    public record Inputs(int longitude, int latitude, int imageVector, int[] imageColumns,
            EmbeddingSource imageEmbedding) {
        public boolean withImages() {
            return imageVector >= 0 || imageColumns != null || imageEmbedding != null;
        }

        /**
         * The image input as one vector source for core's {@link VectorCells}: the probabilities in
         * the model's class order (width the number of classes), or the image embedding for the
         * model's image classifier (its width); null without an image input.
         */
        public EmbeddingSource imageSource(List<ColumnInfo> columns, int numClasses, int imageClassifierDim) {
            if (imageEmbedding != null) {
                return new EmbeddingSource(imageEmbedding.columns(), imageEmbedding.columnNames(),
                        imageEmbedding.packed(), imageClassifierDim);
            }
            if (imageColumns != null) {
                List<String> names = new ArrayList<>();
                for (int c : imageColumns) {
                    names.add(columns.get(c).name());
                }
                return new EmbeddingSource(imageColumns, names, false, numClasses);
            }
            return imageVector < 0 ? null
                    : EmbeddingSource.ofVector(imageVector, columns.get(imageVector).name(), numClasses);
        }
    }

    /**
     * The layout of the appended columns (core's one declaration of a prediction table) with this
     * node's column names, made unique against the input table's names.
     *
     * @param classLabels the model's classes
     * @param inputNames the input table's column names
     * @param embeddingDim width of the location embedding
     */
    public PredictionLayout layout(List<String> classLabels, List<String> inputNames, int embeddingDim) {
        OutputNames unique = new OutputNames(inputNames);
        PredictionLayout.Names names = new PredictionLayout.Names() {
            @Override
            public String classScore(String label, boolean withImages) {
                return unique.unique(withImages ? "P(" + label + ")" : "P(" + label + " | location)");
            }

            @Override
            public String locationScore(String label) {
                return unique.unique("P(" + label + " | location)");
            }

            @Override
            public String topClass(int rank) {
                return unique.unique("class " + rank);
            }

            @Override
            public String topScore(int rank) {
                return unique.unique("score " + rank);
            }

            @Override
            public String rule() {
                return unique.unique(COL_RULE);
            }

            @Override
            public String note() {
                return unique.unique(COL_NOTE);
            }

            @Override
            public String embeddingValue(int j) {
                return unique.unique(COL_EMBEDDING + " " + j);
            }

            @Override
            public String embeddingVector() {
                return unique.unique(COL_EMBEDDING);
            }

            @Override
            public String ruleValue(Enum<?> rule) {
                return rule.name().toLowerCase(Locale.ROOT).replace('_', ' ');
            }
        };
        boolean images = withImages();
        List<PredictionLayout.Part> parts = new ArrayList<>();
        if (allScores()) {
            parts.add(PredictionLayout.Part.CLASS_SCORES);
        }
        if (values().getBoolean(LOCATION_SCORES) && (images || !allScores())) {
            parts.add(PredictionLayout.Part.LOCATION_SCORES);
        }
        if (topK()) {
            parts.add(PredictionLayout.Part.TOP_PAIRS);
        }
        if (values().getBoolean(RULE)) {
            parts.add(PredictionLayout.Part.RULE);
            parts.add(PredictionLayout.Part.NOTE);
        }
        if (values().getBoolean(EMBEDDING)) {
            parts.add(PredictionLayout.Part.EMBEDDING_VECTOR);
        }
        return new PredictionLayout(parts, classLabels, values().getInt(TOP_K), embeddingDim, images, names);
    }

    /**
     * The appended columns.
     *
     * @param classLabels the model's classes
     * @param inputNames the input table's column names (appended names are made unique against them)
     * @param embeddingDim width of the location embedding
     */
    public List<ColumnInfo> outputColumns(List<String> classLabels, List<String> inputNames, int embeddingDim) {
        return layout(classLabels, inputNames, embeddingDim).infos();
    }

    /**
     * The appended values of one row of a prediction batch, in the order of {@link #outputColumns}:
     * Double (null for NaN), String and double[] values. (A node builds the {@link #layout} once
     * and asks it per row.)
     */
    public Object[] appendedValues(PredictionBatch b, int row) {
        return layout(b.classLabels(), List.of(), 0).values(b, row);
    }

    /** The probability map's cell size in degrees. */
    public double mapResolution() {
        return values().getDouble(MAP_RESOLUTION);
    }

    /** The probability map's width in pixels. */
    public int mapWidth() {
        return values().getInt(MAP_WIDTH);
    }

    /** The class of the map: the setting, or the first class when empty. */
    public String mapClass(List<String> classLabels) {
        String c = values().getString(MAP_CLASS).trim();
        return c.isEmpty() && !classLabels.isEmpty() ? classLabels.get(0) : c;
    }
}
