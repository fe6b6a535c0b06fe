package org.geocsp.core.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.geocsp.core.io.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MapRendererTest {

    /** Published viridis end colours (#440154 at 0, #FDE725 at 1). */
    private static final int VIRIDIS_LOW = 0x440154;
    private static final int VIRIDIS_HIGH = 0xFDE725;

    @TempDir
    Path tmp;

    private static GridField constant(int w, int h, double v) {
        double[] a = new double[w * h];
        Arrays.fill(a, v);
        return new GridField(w, h, a);
    }

    /** Pixel of (lon, lat) computed from the map area alone: plate carrée, 360° over its width. */
    private static int[] pixel(MapRenderer r, double lon, double lat) {
        Rectangle a = r.mapArea();
        return new int[] {(int) Math.floor(a.x + (lon + 180) / 360 * a.width),
            (int) Math.floor(a.y + (90 - lat) / 180 * a.height)};
    }

    private static int rgb(BufferedImage img, int[] p) {
        return img.getRGB(p[0], p[1]) & 0xFFFFFF;
    }

    private static void assertColourNear(int want, int got, int tolerance, String what) {
        for (int shift = 16; shift >= 0; shift -= 8) {
            int d = Math.abs(((want >> shift) & 0xFF) - ((got >> shift) & 0xFF));
            assertTrue(d <= tolerance, String.format("%s: want #%06X, got #%06X", what, want, got));
        }
    }

    @Test
    void northHalfOneSouthHalfZeroGivesTheColourMapEnds() {
        MapRenderer r = MapRenderer.builder().probabilityRange().title("north").colourScaleLabel("probability").build();
        GridField f = new GridField(4, 2, new double[] {1, 1, 1, 1, 0, 0, 0, 0});
        BufferedImage img = r.render(f);
        assertTrue(GraphicsEnvironment.isHeadless());
        Rectangle a = r.mapArea();
        assertEquals(720, a.width);
        assertEquals(360, a.height);
        for (double lon : new double[] {-165, -100, 15, 100, 165}) {
            assertColourNear(VIRIDIS_HIGH, rgb(img, pixel(r, lon, 45)), 6, "north at lon " + lon);
            assertColourNear(VIRIDIS_LOW, rgb(img, pixel(r, lon, -45)), 6, "south at lon " + lon);
        }
        assertColourNear(VIRIDIS_HIGH, rgb(img, pixel(r, 15, 1)), 6, "just north of the equator");
        assertColourNear(VIRIDIS_LOW, rgb(img, pixel(r, 15, -1)), 6, "just south of the equator");
        // The colour bar beside the map runs from the high colour at the top to the low one at the bottom.
        int barX = a.x + a.width + 30;
        assertColourNear(VIRIDIS_HIGH, img.getRGB(barX, a.y + 1) & 0xFFFFFF, 6, "colour bar top");
        assertColourNear(VIRIDIS_LOW, img.getRGB(barX, a.y + a.height - 2) & 0xFFFFFF, 6, "colour bar bottom");
    }

    @Test
    void autoRangeSpansTheFiniteValues() {
        MapRenderer r = MapRenderer.builder().build();
        GridField f = new GridField(2, 1, new double[] {2.0, 10.0});
        assertArrayEquals(new double[] {2.0, 10.0}, r.valueRange(f), 0);
        BufferedImage img = r.render(f);
        assertColourNear(VIRIDIS_LOW, rgb(img, pixel(r, -100, 45)), 6, "minimum");
        assertColourNear(VIRIDIS_HIGH, rgb(img, pixel(r, 100, 45)), 6, "maximum");
        double[] c = r.valueRange(constant(2, 1, 3.0));
        assertTrue(c[0] < 3.0 && c[1] > 3.0, "a constant field still gets a non-empty range");
    }

    @Test
    void toPixelMatchesTheMapArea() {
        MapRenderer r = MapRenderer.builder().mapWidth(400).build();
        Rectangle a = r.mapArea();
        assertEquals(200, a.height);
        Point2D p = r.toPixel(-180, 90);
        assertEquals(a.x, p.getX(), 1e-9);
        assertEquals(a.y, p.getY(), 1e-9);
        p = r.toPixel(90, -45);
        assertEquals(a.x + 300, p.getX(), 1e-9);
        assertEquals(a.y + 150, p.getY(), 1e-9);
    }

    @Test
    void outlineCrossingTheAntimeridianIsNotDrawnAcrossTheMap() {
        GridField f = constant(8, 4, 0.5);
        MapRenderer plain = MapRenderer.builder().probabilityRange().build();
        MapRenderer crossing = MapRenderer.builder().probabilityRange()
            .outlines(List.of(new double[] {-170, 10, 170, 10})).build();
        BufferedImage base = plain.render(f);
        BufferedImage img = crossing.render(f);
        int y = pixel(plain, 0, 10)[1];
        int west = pixel(plain, -169, 10)[0];
        int east = pixel(plain, 169, 10)[0];
        for (int dy = -3; dy <= 3; dy++) {
            for (int x = west; x <= east; x++) {
                assertEquals(base.getRGB(x, y + dy), img.getRGB(x, y + dy), "pixel " + x + "," + (y + dy) + " changed");
            }
        }
        // The two pieces are drawn from each point to the nearer map edge.
        assertNotEquals(base.getRGB(pixel(plain, -175, 10)[0], y), img.getRGB(pixel(plain, -175, 10)[0], y), "west piece");
        assertNotEquals(base.getRGB(pixel(plain, 175, 10)[0], y), img.getRGB(pixel(plain, 175, 10)[0], y), "east piece");
    }

    @Test
    void ordinaryOutlineIsDrawn() {
        GridField f = constant(8, 4, 0.5);
        BufferedImage base = MapRenderer.builder().probabilityRange().build().render(f);
        MapRenderer r = MapRenderer.builder().probabilityRange().outlines(List.of(new double[] {-10, 10, 10, 10})).build();
        BufferedImage img = r.render(f);
        int[] p = pixel(r, 5, 10);
        int before = base.getRGB(p[0], p[1]) & 0xFFFFFF;
        double change = 0;
        for (int dy = -1; dy <= 1; dy++) {
            change = Math.max(change, Math.abs(lightness(img.getRGB(p[0], p[1] + dy) & 0xFFFFFF) - lightness(before)));
        }
        assertTrue(change > 30, String.format("outline should show on #%06X, lightness changed by %.0f", before, change));
        int[] off = pixel(r, 15, 10);
        assertEquals(base.getRGB(off[0], off[1]), img.getRGB(off[0], off[1]), "beyond the end of the line");
    }

    @Test
    void pointMarkerAppearsAtItsLocation() {
        GridField f = constant(8, 4, 0.0);
        MapRenderer r = MapRenderer.builder().probabilityRange()
            .points(new double[] {45.3}, new double[] {-20.7}, "training locations").build();
        BufferedImage img = r.render(f);
        assertEquals(MapRenderer.POINT_FILL.getRGB() & 0xFFFFFF, rgb(img, pixel(r, 45.3, -20.7)));
        assertColourNear(VIRIDIS_LOW, rgb(img, pixel(r, 45.3 + 5, -20.7)), 6, "5 degrees east of the marker");
        assertColourNear(VIRIDIS_LOW, rgb(img, pixel(r, -45.3, 20.7)), 6, "elsewhere");
    }

    @Test
    void invalidPointsAreRejectedWithTheirIndex() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
            () -> MapRenderer.builder().points(new double[] {0, 200}, new double[] {0, 0}));
        assertTrue(e.getMessage().contains("point longitude"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> MapRenderer.builder().points(new double[] {0}, new double[] {0, 1}));
        assertThrows(InvalidInputException.class, () -> MapRenderer.builder().outlines(List.of(new double[] {1, 2, 3})));
        assertThrows(InvalidInputException.class, () -> MapRenderer.builder().fixedRange(1, 1));
    }

    @Test
    void nanCellsAreGreyAndExplainedInTheLegend() {
        double[] v = new double[8];
        Arrays.fill(v, 1.0);
        v[5] = Double.NaN; // row 1 (south), column 1: lon -90..0, lat -90..0
        MapRenderer r = MapRenderer.builder().probabilityRange().build();
        BufferedImage img = r.render(new GridField(4, 2, v));
        int grey = MapRenderer.NO_DATA.getRGB() & 0xFFFFFF;
        assertEquals(grey, rgb(img, pixel(r, -45 + 7, -45 + 7)));
        assertColourNear(VIRIDIS_HIGH, rgb(img, pixel(r, 45 + 7, -45 + 7)), 6, "neighbouring cell");
        Rectangle a = r.mapArea();
        assertTrue(countBelowMap(img, a, grey) > 50, "legend swatch for NaN below the map");

        BufferedImage complete = r.render(constant(4, 2, 1.0));
        assertEquals(0, countBelowMap(complete, a, grey), "no NaN legend when nothing is missing");
        assertTrue(img.getHeight() > complete.getHeight(), "legend row added");
    }

    private static int countBelowMap(BufferedImage img, Rectangle a, int rgb) {
        int n = 0;
        for (int y = a.y + a.height + 1; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                n += (img.getRGB(x, y) & 0xFFFFFF) == rgb ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void pngIsWrittenAndReadable() throws IOException {
        MapRenderer r = MapRenderer.builder().mapWidth(400).probabilityRange().title("P(class | location)")
            .outlines(List.of(new double[] {-10, 40, 30, 60, 20, -10})).build();
        GridField f = new GridField(4, 2, new double[] {1, 1, 1, 1, 0, 0, 0, 0});
        Path file = tmp.resolve("maps/class.png");
        r.writePng(f, file);
        BufferedImage read = ImageIO.read(file.toFile());
        BufferedImage expected = r.render(f);
        assertEquals(expected.getWidth(), read.getWidth());
        assertEquals(expected.getHeight(), read.getHeight());
        assertTrue(read.getWidth() > 400 && read.getHeight() > 200, "map area plus margins");
        int[] north = pixel(r, 100, 45);
        assertEquals(expected.getRGB(north[0], north[1]), read.getRGB(north[0], north[1]));
        assertColourNear(VIRIDIS_HIGH, rgb(read, north), 6, "read back");
        try (Stream<Path> s = Files.list(file.getParent())) {
            assertEquals(List.of(file), s.toList(), "only the PNG, no temporary file left");
        }
    }

    @Test
    void failedWriteLeavesNoTemporaryFileAndOverwriteWorks() throws IOException {
        MapRenderer r = MapRenderer.builder().mapWidth(200).build();
        GridField f = constant(2, 2, 0.3);
        Path blocked = tmp.resolve("blocked.png");
        Files.createDirectories(blocked);
        Files.writeString(blocked.resolve("keep.txt"), "x");
        assertThrows(IOException.class, () -> r.writePng(f, blocked));
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(blocked), s.toList());
        }
        Path file = tmp.resolve("again.png");
        Files.writeString(file, "old");
        r.writePng(f, file);
        assertFalse(ImageIO.read(file.toFile()) == null, "old content replaced by a PNG");
    }

    @Test
    void colourBarTicksAreRoundNumbers() {
        List<double[]> t = MapRenderer.ticks(0, 1);
        assertEquals(6, t.size());
        assertEquals(0.0, t.get(0)[0], 1e-12);
        assertEquals(0.2, t.get(1)[0], 1e-12);
        assertEquals(1.0, t.get(5)[0], 1e-12);
        List<double[]> u = MapRenderer.ticks(2, 10);
        assertEquals(2.0, u.get(0)[0], 1e-12);
        assertEquals(10.0, u.get(u.size() - 1)[0], 1e-12);
        assertEquals("30°W", MapRenderer.lonLabel(-30));
        assertEquals("60°S", MapRenderer.latLabel(-60));
    }

    private static double lightness(int rgb) {
        return 0.299 * ((rgb >> 16) & 0xFF) + 0.587 * ((rgb >> 8) & 0xFF) + 0.114 * (rgb & 0xFF);
    }
}
