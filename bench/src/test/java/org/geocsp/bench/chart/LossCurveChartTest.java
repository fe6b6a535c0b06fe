package org.geocsp.bench.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.geocsp.core.io.InvalidInputException;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LossCurveChartTest {

    @TempDir
    Path tmp;

    private static List<EpochLosses> epochs() {
        List<EpochLosses> out = new ArrayList<>();
        for (int e = 1; e <= 6; e++) {
            Map<String, Double> parts = new LinkedHashMap<>();
            parts.put("L_B", 3.0 / e);
            parts.put("L_L", 2.0 / e);
            parts.put("L_D", e == 3 ? Double.NaN : 1.0 / e);
            out.add(new EpochLosses(e, 6.0 / e, e % 2 == 0 ? 7.0 / e : Double.NaN, parts));
        }
        return out;
    }

    private static XYSeriesCollection dataset(LossCurveChart c) {
        return assertInstanceOf(XYSeriesCollection.class, ((XYPlot) c.chart().getPlot()).getDataset());
    }

    @Test
    void datasetHoldsTrainingValidationAndComponents() {
        XYSeriesCollection d = dataset(LossCurveChart.of("pre-training", epochs()));
        List<Object> keys = new ArrayList<>();
        for (int s = 0; s < d.getSeriesCount(); s++) {
            keys.add(d.getSeriesKey(s));
        }
        assertEquals(List.of("training", "validation", "L_B", "L_L", "L_D"), keys);
        XYSeries train = d.getSeries("training");
        assertEquals(6, train.getItemCount());
        assertEquals(1, train.getX(0).intValue());
        assertEquals(6.0, train.getY(0).doubleValue(), 1e-12);
        assertEquals(1.0, train.getY(5).doubleValue(), 1e-12);
        XYSeries val = d.getSeries("validation");
        assertEquals(3, val.getItemCount(), "only the finite validation losses");
        assertEquals(2, val.getX(0).intValue());
        assertEquals(3.5, val.getY(0).doubleValue(), 1e-12);
        assertEquals(5, d.getSeries("L_D").getItemCount(), "NaN at epoch 3 skipped");
        assertEquals(2.0 / 4, d.getSeries("L_L").getY(3).doubleValue(), 1e-12);
    }

    @Test
    void seriesWithoutValuesAreLeftOutAndEpochsAreSorted() {
        LossCurveChart c = LossCurveChart.of("fine-tuning", List.of(
            new EpochLosses(2, 0.5, Double.NaN), new EpochLosses(0, 0.9, Double.NaN), new EpochLosses(1, 0.7, Double.NaN)));
        XYSeriesCollection d = dataset(c);
        assertEquals(1, d.getSeriesCount());
        XYSeries t = d.getSeries(LossCurveChart.TRAINING);
        assertEquals(0, t.getX(0).intValue());
        assertEquals(0.9, t.getY(0).doubleValue(), 0);
        assertEquals(0.5, t.getY(2).doubleValue(), 0);
        assertEquals("fine-tuning", c.chart().getTitle().getText());
    }

    @Test
    void writesAPngOfTheRequestedSizeHeadless() throws IOException {
        Path file = tmp.resolve("out/loss.png");
        LossCurveChart.of("pre-training", epochs()).writePng(file, 640, 400);
        assertTrue(GraphicsEnvironment.isHeadless());
        BufferedImage img = ImageIO.read(file.toFile());
        assertEquals(640, img.getWidth());
        assertEquals(400, img.getHeight());
        assertTrue(QualityChartTest.distinctColours(img) > 10, "something was drawn");
    }

    @Test
    void badInputIsReported() {
        assertThrows(InvalidInputException.class, () -> LossCurveChart.of("x", List.of()));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> LossCurveChart.of("x",
            List.of(new EpochLosses(1, 0.5, 0.4), new EpochLosses(1, 0.4, 0.3))));
        assertTrue(e.getMessage().contains("epoch 1 appears more than once"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> LossCurveChart.of("x",
            List.of(new EpochLosses(1, Double.NaN, Double.NaN))));
        assertTrue(e.getMessage().contains("no finite loss"), e.getMessage());
    }
}
