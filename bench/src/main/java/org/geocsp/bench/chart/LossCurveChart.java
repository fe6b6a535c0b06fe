package org.geocsp.bench.chart;

import org.geocsp.core.report.PngFiles;
import org.geocsp.core.report.Headless;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.geocsp.core.io.InvalidInputException;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Loss per epoch: a solid line for training and one for validation, and a dashed line per loss
 * component (e.g. L_B, L_L, L_D of the CSP objective). Series without any finite value are left
 * out; single non-finite values are skipped (the line joins the neighbours).
 */
public final class LossCurveChart {

    static {
        // Before any JFreeChart or AWT class asks whether a display exists (the answer is cached).
        Headless.ensure();
    }

    /** Series key of the training loss. */
    public static final String TRAINING = "training";
    /** Series key of the validation loss. */
    public static final String VALIDATION = "validation";

    private final JFreeChart chart;

    private LossCurveChart(String title, List<EpochLosses> epochs) {
        validate(epochs);
        Map<String, XYSeries> series = new LinkedHashMap<>();
        series.put(TRAINING, new XYSeries(TRAINING, true, false));
        series.put(VALIDATION, new XYSeries(VALIDATION, true, false));
        for (EpochLosses e : epochs) {
            add(series.get(TRAINING), e.epoch(), e.training());
            add(series.get(VALIDATION), e.epoch(), e.validation());
            for (Map.Entry<String, Double> c : e.components().entrySet()) {
                String name = c.getKey();
                XYSeries s = series.computeIfAbsent(name, k -> new XYSeries(k, true, false));
                add(s, e.epoch(), c.getValue() == null ? Double.NaN : c.getValue());
            }
        }
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, epochs.size() <= 30);
        int colour = 0;
        for (XYSeries s : series.values()) {
            if (s.isEmpty()) {
                colour++;
                continue;
            }
            int index = data.getSeriesCount();
            data.addSeries(s);
            boolean main = s.getKey().equals(TRAINING) || s.getKey().equals(VALIDATION);
            renderer.setSeriesPaint(index, ChartStyle.colour(colour++));
            renderer.setSeriesStroke(index, main ? ChartStyle.LINE : ChartStyle.DASHED);
            renderer.setSeriesShapesVisible(index, main && epochs.size() <= 30);
        }
        NumberAxis x = new NumberAxis("epoch");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis("loss");
        y.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        this.chart = new JFreeChart(title == null ? "" : title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        ChartStyle.apply(chart);
    }

    /**
     * Builds the chart.
     *
     * @param title chart title, e.g. "Contrastive pre-training"
     * @param epochs losses per epoch, any order; epoch numbers must be distinct
     * @throws InvalidInputException listing every problem (no epochs, duplicate epochs, no finite loss)
     */
    public static LossCurveChart of(String title, List<EpochLosses> epochs) {
        return new LossCurveChart(title, epochs);
    }

    /**
     * The chart: an {@link XYPlot} whose dataset is an {@link XYSeriesCollection} with series
     * {@link #TRAINING}, {@link #VALIDATION} and then each component in order of first
     * appearance (x = epoch, y = loss), each only if it has a finite value.
     */
    public JFreeChart chart() {
        return chart;
    }

    /** Draws the chart into an image of {@code width} x {@code height} pixels. */
    public BufferedImage render(int width, int height) {
        QualityChart.checkSize(width, height);
        return chart.createBufferedImage(width, height, BufferedImage.TYPE_INT_RGB, null);
    }

    /** Writes {@link #render(int, int)} as PNG, atomically. */
    public void writePng(Path file, int width, int height) throws IOException {
        PngFiles.write(render(width, height), file);
    }

    private static void add(XYSeries s, int epoch, double v) {
        if (Double.isFinite(v)) {
            s.add(epoch, v);
        }
    }

    private static void validate(List<EpochLosses> epochs) {
        if (epochs == null || epochs.isEmpty()) {
            throw new InvalidInputException("loss curve: no epochs to plot");
        }
        List<String> problems = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        boolean anyFinite = false;
        for (int k = 0; k < epochs.size(); k++) {
            EpochLosses e = epochs.get(k);
            if (e == null) {
                problems.add("loss curve entry " + (k + 1) + " is missing");
                continue;
            }
            if (!seen.add(e.epoch())) {
                problems.add("loss curve entry " + (k + 1) + ": epoch " + e.epoch() + " appears more than once");
            }
            anyFinite |= Double.isFinite(e.training()) || Double.isFinite(e.validation())
                || e.components().values().stream().anyMatch(v -> v != null && Double.isFinite(v));
        }
        if (!anyFinite && problems.isEmpty()) {
            problems.add("loss curve: no finite loss value in " + epochs.size() + " epochs");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }
}
