package org.geocsp.core.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.geocsp.core.data.GeoDataset;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.model.GeoModel;
import org.geocsp.core.runtime.DeviceChoice;
import org.geocsp.core.train.FineTuneSettings;
import org.geocsp.core.train.FineTuner;
import org.geocsp.core.train.LearningRateSchedule;
import org.geocsp.core.train.TrainerSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProbabilityMapTest {

    static GeoDataset train;
    static FineTuner.Result tuned;

    /** A model fine-tuned on two classes: "north" (latitude > 0) and "south". */
    @BeforeAll
    static void fineTune() throws IOException {
        SplittableRandom r = new SplittableRandom(1);
        GeoDataset.Builder b = GeoDataset.builder().withLabels("hemisphere");
        for (int i = 0; i < 1500; i++) {
            double lat = Math.toDegrees(Math.asin(2 * r.nextDouble() - 1));
            b.add(360 * r.nextDouble() - 180, lat, lat > 0 ? "north" : "south", null, null);
        }
        train = b.build();
        TrainerSettings t = TrainerSettings.defaults(0.003).withEpochs(8).withBatchSize(128)
                .withSchedule(LearningRateSchedule.exponential(0.003, 0.98)).withValidation(0.1, 0).withSeed(2)
                .withDevice(DeviceChoice.CPU);
        try (GeoModel enc = GeoModel.create(PredictTestModels.smallSpec(), 3)) {
            tuned = FineTuner.run(enc, train, FineTuneSettings.defaults(8).withTrainer(t), null);
        }
    }

    @AfterAll
    static void close() {
        tuned.close();
        train.close();
    }

    static double luminance(int rgb) {
        return 0.2126 * ((rgb >> 16) & 0xFF) + 0.7152 * ((rgb >> 8) & 0xFF) + 0.0722 * (rgb & 0xFF);
    }

    /** Mean luminance of map pixels between two latitudes (all longitudes). */
    static double meanLuminance(BufferedImage img, Rectangle a, double latFrom, double latTo) {
        int y0 = (int) Math.round(a.y + (90 - latTo) / 180 * a.height);
        int y1 = (int) Math.round(a.y + (90 - latFrom) / 180 * a.height);
        double sum = 0;
        long n = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = a.x + 1; x < a.x + a.width - 1; x++) {
                sum += luminance(img.getRGB(x, y));
                n++;
            }
        }
        return sum / n;
    }

    @Test
    void mapOfAClassIsWrittenWithTheClassRegionBrighter(@TempDir Path tmp) throws IOException {
        ProbabilityMap north = ProbabilityMap.builder(tuned.model(), "north").modelName("hemisphere model")
                .trainingPoints(train).build();
        GridField f = north.field();
        assertEquals(360, f.width());
        assertEquals(180, f.height());
        // the model learnt the class: P(north) high in the north, low in the south (30° away from the equator)
        assertTrue(f.value(30, 100) > 0.5 && f.value(150, 100) < 0.5, f.value(30, 100) + " / " + f.value(150, 100));
        assertEquals("P(north | location) \u2014 hemisphere model", north.title());

        Path png = tmp.resolve("north.png");
        north.writePng(png);
        assertTrue(Files.size(png) > 0);
        BufferedImage img = ImageIO.read(png.toFile());
        BufferedImage direct = north.render();
        assertEquals(direct.getWidth(), img.getWidth());
        assertEquals(direct.getHeight(), img.getHeight());
        Rectangle a = north.renderer().mapArea();
        assertEquals(720, a.width);
        assertEquals(360, a.height);
        assertTrue(img.getWidth() > a.x + a.width && img.getHeight() > a.y + a.height);
        double n = meanLuminance(img, a, 20, 80);
        double s = meanLuminance(img, a, -80, -20);
        assertTrue(n > s + 50, "north " + n + " vs south " + s);

        // the other class: the opposite picture
        BufferedImage south = ProbabilityMap.builder(tuned.model(), "south").outlines(false).build().render();
        assertTrue(meanLuminance(south, a, -80, -20) > meanLuminance(south, a, 20, 80) + 50);

        // a training location of the class is marked
        int i = 0;
        while (train.labelNames().get(train.label(i)).equals("south")) {
            i++;
        }
        Point2D p = north.renderer().toPixel(train.lonDeg(i), train.latDeg(i));
        int rgb = img.getRGB((int) p.getX(), (int) p.getY()) & 0xFFFFFF;
        // marker red (anti-aliased, possibly overlapping markers): red high, green and blue low
        assertTrue(((rgb >> 16) & 0xFF) > 200 && ((rgb >> 8) & 0xFF) < 80 && (rgb & 0xFF) < 80,
                String.format("#%06X", rgb));
    }

    @Test
    void resolutionSetsTheGrid() {
        ProbabilityMap m = ProbabilityMap.builder(tuned.model(), "south").resolutionDeg(2.5).build();
        assertEquals(144, m.gridWidth());
        assertEquals(72, m.gridHeight());
        assertEquals(144, m.field().width());
        assertThrows(InvalidInputException.class, () -> ProbabilityMap.builder(tuned.model(), "south").resolutionDeg(0));
        // normalised over two classes: P(north) + P(south) = 1 per cell
        double[] pn = ProbabilityMap.builder(tuned.model(), "north").resolutionDeg(10).scoreMode(ScoreMode.NORMALISED)
                .build().field().values();
        double[] ps = ProbabilityMap.builder(tuned.model(), "south").resolutionDeg(10).scoreMode(ScoreMode.NORMALISED)
                .build().field().values();
        for (int k = 0; k < pn.length; k++) {
            assertEquals(1.0, pn[k] + ps[k], 1e-5);
        }
    }

    @Test
    void unknownClassNameListsTheValidLabels() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ProbabilityMap.builder(tuned.model(), "east"));
        assertEquals("class 'east' is not one of the model's 2 classes; valid labels: 'north', 'south'", e.getMessage());
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            many.add("c" + i);
        }
        try (GeoModel m = PredictTestModels.classifier(many, 1)) {
            InvalidInputException e2 = assertThrows(InvalidInputException.class, () -> ProbabilityMap.builder(m, "C1"));
            assertTrue(e2.getMessage().contains("'c19', ... (5 more)") && !e2.getMessage().contains("'c20'"),
                    e2.getMessage());
        }
        try (GeoModel m = GeoModel.create(PredictTestModels.smallSpec(), 1)) {
            assertThrows(InvalidInputException.class, () -> ProbabilityMap.builder(m, "north"));
        }
    }
}
