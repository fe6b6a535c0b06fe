package org.geocsp.core.predict;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.ParameterStore;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.geocsp.core.data.GeoDataset;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.model.GeoModel;
import org.geocsp.core.model.ModelStage;
import org.geocsp.core.nn.GeoNetwork;
import org.geocsp.core.runtime.GradMode;
import org.geocsp.core.sample.CountryOutlines;

/**
 * A world map of P(class | location) for one class of a fine-tuned model: the score is evaluated
 * at the cell centres of a regular lon/lat grid (default 1°, 360 × 180 cells) in batches on the
 * model's device and drawn by {@link MapRenderer} with country outlines (Natural Earth, embedded)
 * and, optionally, the training locations of the class. The title names the class and the model.
 *
 * <pre>{@code
 * ProbabilityMap.builder(model, "oak").resolutionDeg(1).modelName("oak model")
 *     .trainingPoints(trainingData).build().writePng(Path.of("oak.png"));
 * }</pre>
 */
public final class ProbabilityMap {

    /** How many valid labels an "unknown class" message lists. */
    static final int LABELS_LISTED = 20;

    private final GeoModel model;
    private final String label;
    private final int classIndex;
    private final int width;
    private final int height;
    private final ClassScorer scorer;
    private final String modelName;
    private final double[] pointLon;
    private final double[] pointLat;
    private final boolean outlines;
    private final boolean autoRange;
    private final int mapWidth;
    private final int batchSize;
    private GridField field;

    private ProbabilityMap(Builder b) {
        this.model = b.model;
        this.label = b.label;
        this.classIndex = b.classIndex;
        this.width = Math.max(1, (int) Math.round(360 / b.resolutionDeg));
        this.height = Math.max(1, (int) Math.round(180 / b.resolutionDeg));
        this.scorer = new ClassScorer(b.model, b.scoreMode);
        this.modelName = b.modelName != null ? b.modelName : defaultModelName(b.model);
        this.pointLon = b.pointLon;
        this.pointLat = b.pointLat;
        this.outlines = b.outlines;
        this.autoRange = b.autoRange;
        this.mapWidth = b.mapWidth;
        this.batchSize = b.batchSize;
    }

    /**
     * Starts a map of class {@code classLabel}.
     *
     * @throws InvalidInputException if the model has no classes or does not know the label (the
     *     message lists up to 20 valid labels)
     */
    public static Builder builder(GeoModel model, String classLabel) {
        return new Builder(model, classLabel);
    }

    public String classLabel() {
        return label;
    }

    /** Grid columns (longitude cells). */
    public int gridWidth() {
        return width;
    }

    /** Grid rows (latitude cells). */
    public int gridHeight() {
        return height;
    }

    /** "P(label | location) — model name". */
    public String title() {
        return "P(" + label + " | location) \u2014 " + modelName;
    }

    /** Which score is drawn, in words. */
    public String scoreDescription() {
        return scorer.description();
    }

    /** The score of the class at every cell centre (computed once, then cached). */
    public GridField field() {
        if (field == null) {
            field = evaluate();
        }
        return field;
    }

    /** The renderer this map uses (title, colour scale, outlines, points). */
    public MapRenderer renderer() {
        MapRenderer.Builder r = MapRenderer.builder().title(title()).colourScaleLabel(colourLabel())
                .mapWidth(mapWidth);
        if (autoRange) {
            r.autoRange();
        } else {
            r.probabilityRange();
        }
        if (outlines) {
            r.outlines(Outlines.ARCS);
        }
        if (pointLon != null) {
            r.points(pointLon, pointLat, "training locations of " + label);
        }
        return r.build();
    }

    public BufferedImage render() {
        return renderer().render(field());
    }

    /** Renders the map and writes it as PNG (atomically). */
    public void writePng(Path file) throws IOException {
        renderer().writePng(field(), file);
    }

    private String colourLabel() {
        switch (scorer.function()) {
            case SOFTMAX:
                return "softmax probability";
            case SIGMOID_NORMALISED:
                return "normalised score";
            default:
                return "\u03c3(logit)";
        }
    }

    private GridField evaluate() {
        GridField.CellCentres cells = GridField.cellCentres(width, height);
        int n = cells.size();
        float[] out = new float[n];
        GeoNetwork net = model.network();
        try (GradMode g = GradMode.disabled(); NDManager call = model.manager().newSubManager()) {
            ParameterStore ps = new ParameterStore(call, false);
            for (int a = 0; a < n; a += batchSize) {
                int b = Math.min(n, a + batchSize);
                try (NDManager step = call.newSubManager()) {
                    NDArray x = step.create(cells.lonLatPairs(a, b)).reshape(b - a, 2);
                    NDArray scores = scorer.scores(net.classLogits(ps, net.embedLocations(ps, x, false), false));
                    float[] col = scores.get(new NDIndex(":, {}", classIndex)).toFloatArray();
                    System.arraycopy(col, 0, out, a, b - a);
                }
            }
        }
        return GridField.ofFloats(width, height, out);
    }

    private static String defaultModelName(GeoModel m) {
        String stage = m.spec().stage() == ModelStage.FINETUNED ? "fine-tuned" : m.spec().stage().name()
                .toLowerCase(Locale.ROOT);
        return m.spec().encoder().name() + " model, " + stage + ", " + m.spec().numClasses() + " classes";
    }

    /** The embedded country outlines, read once per JVM on first use. */
    private static final class Outlines {
        static final List<double[]> ARCS = CountryOutlines.load().arcs();
    }

    /** Settings of a {@link ProbabilityMap}. */
    public static final class Builder {
        private final GeoModel model;
        private final String label;
        private final int classIndex;
        private double resolutionDeg = 1.0;
        private ScoreMode scoreMode = ScoreMode.SIGMOID;
        private String modelName;
        private double[] pointLon;
        private double[] pointLat;
        private boolean outlines = true;
        private boolean autoRange;
        private int mapWidth = 720;
        private int batchSize = 8192;

        private Builder(GeoModel model, String label) {
            this.model = Objects.requireNonNull(model, "model");
            ClassScorer.requireClasses(model);
            List<String> labels = model.spec().classLabels();
            this.classIndex = labels.indexOf(label);
            if (classIndex < 0) {
                throw new InvalidInputException(unknownLabel(label, labels));
            }
            this.label = label;
        }

        static String unknownLabel(String label, List<String> labels) {
            List<String> shown = new ArrayList<>();
            for (int i = 0; i < Math.min(LABELS_LISTED, labels.size()); i++) {
                shown.add("'" + labels.get(i) + "'");
            }
            String more = labels.size() > LABELS_LISTED ? ", ... (" + (labels.size() - LABELS_LISTED) + " more)" : "";
            return "class '" + label + "' is not one of the model's " + labels.size() + " classes; valid labels: "
                    + String.join(", ", shown) + more;
        }

        /** Grid cell size in degrees (default 1: 360 × 180 cells); between 0.1 and 90. */
        public Builder resolutionDeg(double deg) {
            if (!(deg >= Gallery.MIN_RESOLUTION_DEG && deg <= 90)) {
                throw new InvalidInputException("map resolution must be between " + Gallery.MIN_RESOLUTION_DEG
                        + " and 90 degrees, got " + deg);
            }
            this.resolutionDeg = deg;
            return this;
        }

        public Builder scoreMode(ScoreMode mode) {
            this.scoreMode = Objects.requireNonNull(mode, "score mode");
            return this;
        }

        /** Name of the model in the title (default: encoder, stage and number of classes). */
        public Builder modelName(String name) {
            this.modelName = name == null || name.isBlank() ? null : name;
            return this;
        }

        /** Marks these locations (degrees), e.g. the training locations of the class. */
        public Builder trainingPoints(double[] lonDeg, double[] latDeg) {
            this.pointLon = lonDeg.clone();
            this.pointLat = latDeg.clone();
            return this;
        }

        /** Marks the rows of {@code data} whose label is this map's class. */
        public Builder trainingPoints(GeoDataset data) {
            if (!data.hasLabels()) {
                throw new InvalidInputException("training points need a label column to select class '" + label + "'");
            }
            int c = data.labelNames().indexOf(label);
            int n = 0;
            for (int i = 0; i < data.size() && c >= 0; i++) {
                n += data.label(i) == c ? 1 : 0;
            }
            double[] lon = new double[n];
            double[] lat = new double[n];
            int at = 0;
            for (int i = 0; i < data.size() && c >= 0; i++) {
                if (data.label(i) == c) {
                    lon[at] = data.lonDeg(i);
                    lat[at++] = data.latDeg(i);
                }
            }
            return trainingPoints(lon, lat);
        }

        /** Draw country outlines (default true). */
        public Builder outlines(boolean draw) {
            this.outlines = draw;
            return this;
        }

        /** Colour scale from the map's smallest to largest value instead of [0, 1] (default false). */
        public Builder autoRange(boolean auto) {
            this.autoRange = auto;
            return this;
        }

        /** Width of the map in pixels (default 720; see {@link MapRenderer.Builder#mapWidth}). */
        public Builder mapWidth(int pixels) {
            MapRenderer.builder().mapWidth(pixels); // validates now rather than at drawing time
            this.mapWidth = pixels;
            return this;
        }

        /** Grid cells per forward pass (default 8192). */
        public Builder batchSize(int cells) {
            if (cells < 1) {
                throw new InvalidInputException("batch size must be at least 1, got " + cells);
            }
            this.batchSize = cells;
            return this;
        }

        public ProbabilityMap build() {
            return new ProbabilityMap(this);
        }
    }
}
