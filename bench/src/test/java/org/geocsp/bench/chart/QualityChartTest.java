package org.geocsp.bench.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.geocsp.core.io.InvalidInputException;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QualityChartTest {

    private static final double[] RATIOS = {0.01, 0.05, 0.1, 0.2, 1.0};

    @TempDir
    Path tmp;

    /** Two tasks x two methods x five ratios; "none" has no combined value at 1%. */
    private static List<QualityResult> results() {
        List<QualityResult> out = new ArrayList<>();
        for (String task : List.of("country", "admin1")) {
            double base = task.equals("country") ? 0.5 : 0.3;
            for (int k = RATIOS.length - 1; k >= 0; k--) { // out of order on purpose
                double r = RATIOS[k];
                out.add(new QualityResult(task, r, "CSP", base + 0.08 * k, base + 0.1 * k));
                out.add(new QualityResult(task, r, "none", base + 0.05 * k, k == 0 ? Double.NaN : base + 0.06 * k));
            }
        }
        return out;
    }

    private static XYSeriesCollection dataset(JFreeChart c) {
        return assertInstanceOf(XYSeriesCollection.class, ((XYPlot) c.getPlot()).getDataset());
    }

    @Test
    void onePanelPerTaskAndKindWithOneSeriesPerMethod() {
        QualityChart q = QualityChart.of(results());
        assertEquals(List.of("country", "admin1"), q.tasks());
        assertEquals(List.of(QualityChart.Kind.LOCATION_ONLY, QualityChart.Kind.COMBINED), q.kinds());

        XYSeriesCollection loc = dataset(q.chart("admin1", QualityChart.Kind.LOCATION_ONLY));
        assertEquals(2, loc.getSeriesCount());
        XYSeries csp = loc.getSeries("CSP");
        assertEquals(5, csp.getItemCount());
        for (int k = 0; k < RATIOS.length; k++) { // sorted by ratio
            assertEquals(RATIOS[k], csp.getX(k).doubleValue(), 0);
            assertEquals(0.3 + 0.08 * k, csp.getY(k).doubleValue(), 1e-12);
        }
        assertEquals(0.3 + 0.05 * 4, loc.getSeries("none").getY(4).doubleValue(), 1e-12);

        XYSeriesCollection comb = dataset(q.chart("country", QualityChart.Kind.COMBINED));
        XYSeries none = comb.getSeries("none");
        assertEquals(4, none.getItemCount(), "NaN at 1% is not plotted");
        assertEquals(0.05, none.getX(0).doubleValue(), 0);
        assertEquals(0.5 + 0.06, none.getY(0).doubleValue(), 1e-12);
        assertEquals(0.5 + 0.1 * 4, comb.getSeries("CSP").getY(4).doubleValue(), 1e-12);
        assertEquals("country \u2014 location + image", q.chart("country", QualityChart.Kind.COMBINED).getTitle().getText());
    }

    @Test
    void ratioAxisIsLogarithmicWithTicksAtTheMeasuredRatios() {
        QualityChart q = QualityChart.of(results());
        XYPlot plot = (XYPlot) q.chart("country", QualityChart.Kind.LOCATION_ONLY).getPlot();
        QualityChart.RatioAxis axis = assertInstanceOf(QualityChart.RatioAxis.class, plot.getDomainAxis());
        assertArrayEquals(RATIOS, axis.tickValues(), 0);
        assertTrue(axis.getLowerBound() < 0.01 && axis.getUpperBound() > 1.0);
        // Logarithmic: 1% -> 10% spans the same width as 10% -> 100%.
        java.awt.geom.Rectangle2D area = new java.awt.geom.Rectangle2D.Double(0, 0, 1000, 100);
        double x1 = axis.valueToJava2D(0.01, area, org.jfree.chart.ui.RectangleEdge.BOTTOM);
        double x10 = axis.valueToJava2D(0.1, area, org.jfree.chart.ui.RectangleEdge.BOTTOM);
        double x100 = axis.valueToJava2D(1.0, area, org.jfree.chart.ui.RectangleEdge.BOTTOM);
        assertEquals(x10 - x1, x100 - x10, 1e-6);
        assertEquals("1%", QualityChart.RatioAxis.label(0.01));
        assertEquals("5%", QualityChart.RatioAxis.label(0.05));
        assertEquals("100%", QualityChart.RatioAxis.label(1.0));
        assertEquals("0.5%", QualityChart.RatioAxis.label(0.005));
    }

    @Test
    void combinedColumnIsOmittedWhenNeverMeasured() {
        QualityChart q = QualityChart.of(List.of(
            new QualityResult("country", 0.1, "CSP", 0.4, Double.NaN),
            new QualityResult("country", 1.0, "CSP", 0.6, Double.NaN)));
        assertEquals(List.of(QualityChart.Kind.LOCATION_ONLY), q.kinds());
        assertThrows(IllegalArgumentException.class, () -> q.chart("country", QualityChart.Kind.COMBINED));
    }

    @Test
    void writesAPngOfTheRequestedSizeHeadless() throws IOException {
        Path file = tmp.resolve("quality.png");
        QualityChart.of(results()).writePng(file, 1000, 700);
        assertTrue(GraphicsEnvironment.isHeadless());
        BufferedImage img = ImageIO.read(file.toFile());
        assertEquals(1000, img.getWidth());
        assertEquals(700, img.getHeight());
        assertTrue(distinctColours(img) > 10, "something was drawn");
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(file), s.toList());
        }
    }

    @Test
    void invalidResultsAreAllReported() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> QualityChart.of(List.of(
            new QualityResult("country", 0.0, "CSP", 0.4, 0.5),
            new QualityResult("country", 0.1, " ", 1.4, 0.5),
            new QualityResult("country", 0.2, "CSP", 0.4, 0.5),
            new QualityResult("country", 0.2, "CSP", 0.5, 0.6))));
        assertEquals(4, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("quality result 1: label ratio"), e.getMessage());
        assertTrue(e.getMessage().contains("quality result 2: method is empty"), e.getMessage());
        assertTrue(e.getMessage().contains("quality result 4: duplicate"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> QualityChart.of(List.of()));
        assertThrows(InvalidInputException.class, () -> QualityChart.of(results()).render(50, 500));
    }

    static int distinctColours(BufferedImage img) {
        java.util.Set<Integer> c = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                c.add(img.getRGB(x, y));
            }
        }
        return c.size();
    }
}
