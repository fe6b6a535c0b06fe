package org.geocsp.bench.chart;

import org.geocsp.core.report.PngFiles;
import org.geocsp.core.report.Headless;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.geocsp.core.io.InvalidInputException;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Top-1 accuracy against the fraction of labels used for fine-tuning, one line per method, on a
 * logarithmic label-ratio axis whose ticks are the ratios measured (e.g. 1%, 5%, 10%, 20%, 100%).
 * One panel per task and top-1 kind ({@link Kind#LOCATION_ONLY}, {@link Kind#COMBINED}); the PNG
 * lays them out in a grid, tasks as rows and kinds as columns. A kind without any measured value
 * gets no column. A method keeps its colour in every panel.
 */
public final class QualityChart {

    static {
        // Before any JFreeChart or AWT class asks whether a display exists (the answer is cached).
        Headless.ensure();
    }

    /** Which top-1 accuracy a panel shows. */
    public enum Kind {
        /** From the location alone: P(class | location). */
        LOCATION_ONLY("location only"),
        /** From the location combined with image probabilities. */
        COMBINED("location + image");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** Human-readable name used in panel titles. */
        public String label() {
            return label;
        }

        double value(QualityResult r) {
            return this == LOCATION_ONLY ? r.top1Location() : r.top1Combined();
        }
    }

    private final List<String> tasks;
    private final List<Kind> kinds;
    private final Map<String, JFreeChart> charts = new LinkedHashMap<>();

    private QualityChart(List<QualityResult> results) {
        validate(results);
        Set<String> taskSet = new LinkedHashSet<>();
        Set<String> methodSet = new LinkedHashSet<>();
        TreeSet<Double> ratios = new TreeSet<>();
        for (QualityResult r : results) {
            taskSet.add(r.task());
            methodSet.add(r.method());
            ratios.add(r.labelRatio());
        }
        this.tasks = List.copyOf(taskSet);
        List<String> methods = List.copyOf(methodSet);
        List<Kind> present = new ArrayList<>();
        for (Kind k : Kind.values()) {
            if (results.stream().anyMatch(r -> !Double.isNaN(k.value(r)))) {
                present.add(k);
            }
        }
        this.kinds = List.copyOf(present);
        for (String task : tasks) {
            for (Kind kind : kinds) {
                charts.put(key(task, kind), panel(task, kind, methods, ratios, results));
            }
        }
    }

    /**
     * Builds the panels from {@code results}.
     *
     * @throws InvalidInputException listing every invalid or duplicate result
     */
    public static QualityChart of(List<QualityResult> results) {
        return new QualityChart(results);
    }

    /** Tasks in order of first appearance: the rows of the grid. */
    public List<String> tasks() {
        return tasks;
    }

    /** Kinds with at least one measured value: the columns of the grid. */
    public List<Kind> kinds() {
        return kinds;
    }

    /**
     * The panel of {@code task} and {@code kind}: an {@link XYPlot} whose dataset is an
     * {@link XYSeriesCollection} with one series per method (key = method name, x = label ratio,
     * y = top-1 accuracy), in order of first appearance; methods without a value here are absent.
     */
    public JFreeChart chart(String task, Kind kind) {
        JFreeChart c = charts.get(key(task, kind));
        if (c == null) {
            throw new IllegalArgumentException("no panel for task '" + task + "' and " + kind.label()
                + "; tasks: " + tasks + ", kinds: " + kinds);
        }
        return c;
    }

    /** Draws all panels into one image of {@code width} x {@code height} pixels. */
    public BufferedImage render(int width, int height) {
        checkSize(width, height);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            double cw = width / (double) kinds.size();
            double ch = height / (double) tasks.size();
            for (int i = 0; i < tasks.size(); i++) {
                for (int j = 0; j < kinds.size(); j++) {
                    chart(tasks.get(i), kinds.get(j)).draw(g, new Rectangle2D.Double(j * cw, i * ch, cw, ch));
                }
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    /** Writes {@link #render(int, int)} as PNG, atomically. */
    public void writePng(Path file, int width, int height) throws IOException {
        PngFiles.write(render(width, height), file);
    }

    static void checkSize(int width, int height) {
        if (width < 100 || height < 100 || width > 20_000 || height > 20_000) {
            throw new InvalidInputException("chart size must be between 100 and 20000 pixels per side, got "
                + width + " x " + height);
        }
    }

    private static String key(String task, Kind kind) {
        return task + '\u0000' + kind.name();
    }

    private static JFreeChart panel(String task, Kind kind, List<String> methods, TreeSet<Double> ratios,
            List<QualityResult> results) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int m = 0; m < methods.size(); m++) {
            String method = methods.get(m);
            XYSeries s = new XYSeries(method, true, false);
            for (QualityResult r : results) {
                if (r.task().equals(task) && r.method().equals(method) && !Double.isNaN(kind.value(r))) {
                    s.add(r.labelRatio(), kind.value(r));
                }
            }
            if (!s.isEmpty()) {
                int index = data.getSeriesCount();
                data.addSeries(s);
                renderer.setSeriesPaint(index, ChartStyle.colour(m));
                renderer.setSeriesStroke(index, ChartStyle.LINE);
            }
        }
        RatioAxis x = new RatioAxis(ratios);
        NumberAxis y = new NumberAxis("top-1 accuracy");
        y.setAutoRangeIncludesZero(false);
        y.setNumberFormatOverride(ChartStyle.format("0%"));
        XYPlot plot = new XYPlot(data, x, y, renderer);
        JFreeChart chart = new JFreeChart(task + " \u2014 " + kind.label(), JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        ChartStyle.apply(chart);
        return chart;
    }

    private static void validate(List<QualityResult> results) {
        List<String> problems = new ArrayList<>();
        if (results == null || results.isEmpty()) {
            throw new InvalidInputException("quality chart: no results to plot");
        }
        Set<String> seen = new HashSet<>();
        for (int k = 0; k < results.size(); k++) {
            QualityResult r = results.get(k);
            String where = "quality result " + (k + 1);
            if (r == null) {
                problems.add(where + " is missing");
                continue;
            }
            if (r.task() == null || r.task().isBlank()) {
                problems.add(where + ": task is empty");
            }
            if (r.method() == null || r.method().isBlank()) {
                problems.add(where + ": method is empty");
            }
            if (!(r.labelRatio() > 0 && r.labelRatio() <= 1)) {
                problems.add(where + ": label ratio must be in (0, 1], e.g. 0.05 for 5%, got " + r.labelRatio());
            }
            checkAccuracy(problems, where, "top-1 (location only)", r.top1Location());
            checkAccuracy(problems, where, "top-1 (combined)", r.top1Combined());
            if (!seen.add(r.task() + '\u0000' + r.method() + '\u0000' + r.labelRatio())) {
                problems.add(where + ": duplicate of an earlier result for task '" + r.task() + "', method '"
                    + r.method() + "', label ratio " + r.labelRatio());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    private static void checkAccuracy(List<String> problems, String where, String what, double v) {
        if (!Double.isNaN(v) && !(v >= 0 && v <= 1)) {
            problems.add(where + ": " + what + " accuracy must be in [0, 1] (or NaN if not measured), got " + v);
        }
    }

    /** A logarithmic axis with a tick at each measured label ratio, labelled in percent. */
    static final class RatioAxis extends LogAxis {

        private static final long serialVersionUID = 1L;
        private static final DecimalFormat PERCENT = ChartStyle.format("0.##'%'");
        private final double[] ratios;

        RatioAxis(TreeSet<Double> ratios) {
            super("label ratio");
            this.ratios = ratios.stream().mapToDouble(Double::doubleValue).toArray();
            setAutoRange(false);
            // Half a log step of padding each side keeps the end points off the plot border.
            setRange(this.ratios[0] / 1.5, this.ratios[this.ratios.length - 1] * 1.5);
        }

        /** The tick values: the distinct label ratios measured, ascending. */
        double[] tickValues() {
            return ratios.clone();
        }

        static String label(double ratio) {
            return PERCENT.format(ratio * 100);
        }

        @Override
        public List<NumberTick> refreshTicks(Graphics2D g2, AxisState state, Rectangle2D dataArea, RectangleEdge edge) {
            List<NumberTick> ticks = new ArrayList<>();
            boolean vertical = RectangleEdge.isLeftOrRight(edge);
            for (double r : ratios) {
                ticks.add(new NumberTick(TickType.MAJOR, r, label(r),
                    vertical ? TextAnchor.CENTER_RIGHT : TextAnchor.TOP_CENTER, TextAnchor.CENTER, 0.0));
            }
            return ticks;
        }
    }
}
