package org.geocsp.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.geocsp.core.geo.InvalidInputException;
import org.geocsp.core.testutil.TestPhotos;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedder against values computed without it: the tiny backbone's convolution repeated in
 * Java from its weight formulas (images already 32x32, so no resizing), and the outputs that
 * scripts/make-tiny-backbone.py computed with Pillow and torch for images that need resizing.
 */
class ImageEmbedderTest {

    static final int SIZE = 32;
    static TorchScriptBackbone backbone;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() throws URISyntaxException {
        backbone = TorchScriptBackbone.load(resource("tiny-backbone.pt"), Device.cpu());
    }

    @AfterAll
    static void close() {
        backbone.close();
    }

    static Path resource(String name) throws URISyntaxException {
        return Path.of(ImageEmbedderTest.class.getResource(name).toURI());
    }

    /** Same formulas as scripts/make-tiny-backbone.py. */
    static double weight(int o, int c, int i, int j) {
        return Math.sin(1.3 * o + 0.7 * c + 0.11 * i + 0.05 * j + 0.3) * 0.25;
    }

    /** Conv(3->4, k4, s4) + bias -> ReLU -> 2x2 average pool -> flatten, on a 32x32 image, in double. */
    static double[] reference(BufferedImage img, ImageNormalization norm) {
        double[] mean = norm.mean();
        double[] std = norm.std();
        double[][][] x = new double[3][SIZE][SIZE];
        for (int y = 0; y < SIZE; y++) {
            for (int xx = 0; xx < SIZE; xx++) {
                int p = img.getRGB(xx, y);
                int[] v = {(p >> 16) & 255, (p >> 8) & 255, p & 255};
                for (int c = 0; c < 3; c++) {
                    x[c][y][xx] = (v[c] / 255.0 - mean[c]) / std[c];
                }
            }
        }
        double[] out = new double[16];
        for (int o = 0; o < 4; o++) {
            double[][] conv = new double[8][8];
            for (int oy = 0; oy < 8; oy++) {
                for (int ox = 0; ox < 8; ox++) {
                    double s = 0.1 * (o - 1.5);
                    for (int c = 0; c < 3; c++) {
                        for (int i = 0; i < 4; i++) {
                            for (int j = 0; j < 4; j++) {
                                s += weight(o, c, i, j) * x[c][oy * 4 + i][ox * 4 + j];
                            }
                        }
                    }
                    conv[oy][ox] = Math.max(0, s);
                }
            }
            for (int py = 0; py < 2; py++) {
                for (int px = 0; px < 2; px++) {
                    double s = 0;
                    for (int oy = 0; oy < 4; oy++) {
                        for (int ox = 0; ox < 4; ox++) {
                            s += conv[py * 4 + oy][px * 4 + ox];
                        }
                    }
                    out[o * 4 + py * 2 + px] = s / 16;
                }
            }
        }
        return out;
    }

    @Test
    void imagesOfTheTargetSizeMatchTheBackboneRepeatedInJava() throws IOException {
        for (ImageNormalization norm : List.of(ImageNormalization.IMAGENET, ImageNormalization.CLIP,
                new ImageNormalization(new double[] {0.2, 0.5, 0.7}, new double[] {0.3, 0.1, 0.9}))) {
            List<Path> paths = new ArrayList<>();
            List<BufferedImage> images = new ArrayList<>();
            for (int s = 0; s < 3; s++) {
                BufferedImage img = TestPhotos.pattern(SIZE, SIZE, 10 + s);
                images.add(img);
                paths.add(TestPhotos.png(dir.resolve("exact" + s + ".png"), img));
            }
            ImageEmbedder e = new ImageEmbedder(backbone, new ImagePreprocessor(SIZE, norm), 2);
            List<ImageEmbedder.Result> r = e.embed(paths, 1, () -> false);
            assertEquals(16, e.dimension());
            for (int i = 0; i < 3; i++) {
                double[] want = reference(images.get(i), norm);
                float[] got = r.get(i).embedding();
                assertEquals(16, got.length);
                double maxAbs = Arrays.stream(want).map(Math::abs).max().orElse(1);
                assertTrue(maxAbs > 0.1, "the test image must give a non-trivial embedding");
                for (int k = 0; k < 16; k++) {
                    assertEquals(want[k], got[k], 2e-5 * Math.max(1, maxAbs), "image " + i + " f" + k + " " + norm);
                }
            }
        }
    }

    @Test
    void resizedAndCroppedImagesMatchThePillowAndTorchReference() throws Exception {
        List<String> lines = Files.readAllLines(resource("expected.csv"));
        List<Path> paths = new ArrayList<>();
        List<float[]> want = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            paths.add(resource(cells[0]));
            float[] v = new float[cells.length - 1];
            for (int k = 1; k < cells.length; k++) {
                v[k - 1] = Float.parseFloat(cells[k]);
            }
            want.add(v);
        }
        assertEquals(3, paths.size());
        ImageEmbedder e = new ImageEmbedder(backbone, new ImagePreprocessor(SIZE, ImageNormalization.IMAGENET), 8);
        List<ImageEmbedder.Result> r = e.embed(paths, 1, () -> false);
        for (int i = 0; i < paths.size(); i++) {
            assertArrayEquals(want.get(i), r.get(i).embedding(), 1e-4f, paths.get(i).getFileName().toString());
        }
    }

    @Test
    void badImagesAreReportedByRowAndPathAndTheOthersAreEmbedded() throws IOException {
        Path good = TestPhotos.png(dir.resolve("good.png"), TestPhotos.pattern(SIZE, SIZE, 1));
        Path corrupt = TestPhotos.corruptJpeg(dir.resolve("corrupt.jpg"));
        Path text = Files.writeString(dir.resolve("text.png"), "hello");
        Path missing = dir.resolve("missing.jpg");
        Path jpeg = TestPhotos.jpeg(dir.resolve("photo.jpg"), TestPhotos.pattern(48, 40, 2),
                TestPhotos.Exif.at(1, 2));
        List<Path> paths = Arrays.asList(good, corrupt, null, text, missing, jpeg);
        ImageEmbedder e = new ImageEmbedder(backbone, new ImagePreprocessor(SIZE, ImageNormalization.IMAGENET), 2);
        List<ImageEmbedder.Result> r = e.embed(paths, 10, () -> false);
        assertEquals(6, r.size());
        assertTrue(r.get(0).ok());
        assertTrue(r.get(5).ok());
        for (int i = 1; i <= 4; i++) {
            assertFalse(r.get(i).ok(), r.get(i).toString());
            assertNull(r.get(i).embedding());
            assertEquals(10 + i, r.get(i).row());
        }
        assertTrue(r.get(1).message().startsWith("row 11 (" + corrupt + "): "), r.get(1).message());
        assertEquals("row 12: no image path", r.get(2).message());
        assertTrue(r.get(3).message().contains("not an image format"), r.get(3).message());
        assertTrue(r.get(4).message().contains("row 14 (" + missing + ")"), r.get(4).message());
        double[] want = reference(TestPhotos.pattern(SIZE, SIZE, 1), ImageNormalization.IMAGENET);
        assertEquals(want[5], r.get(0).embedding()[5], 1e-4);
    }

    @Test
    void aFileThatIsNotTorchScriptIsNamed() throws IOException {
        Path notModel = Files.writeString(dir.resolve("model.pt"), "not a model");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> TorchScriptBackbone.load(notModel, Device.cpu()));
        assertTrue(e.getMessage().contains(notModel.toString()) && e.getMessage().contains("TorchScript"),
                e.getMessage());
        assertThrows(InvalidInputException.class, () -> TorchScriptBackbone.load(dir.resolve("nope.pt"), Device.cpu()));
        assertThrows(InvalidInputException.class, () -> new ImagePreprocessor(4, ImageNormalization.IMAGENET));
        assertThrows(InvalidInputException.class, () -> new ImageNormalization(new double[] {0, 0, 0},
                new double[] {1, 0, 1}));
        assertEquals(ImageNormalization.CLIP, ImageNormalization.preset("CLIP"));
    }

    @Test
    void anImageOfTheTargetSizeIsUsedUnchanged() {
        ImagePreprocessor p = new ImagePreprocessor(SIZE, ImageNormalization.NONE);
        int[] px = new int[SIZE * SIZE];
        for (int i = 0; i < px.length; i++) {
            px[i] = (i * 2654435761L % 0xFFFFFF) > 0 ? (int) (i * 2654435761L % 0xFFFFFF) : 0;
        }
        float[] out = new float[3 * SIZE * SIZE];
        p.toChw(px, SIZE, SIZE, out, 0);
        for (int i = 0; i < px.length; i++) {
            assertEquals(((px[i] >> 16) & 255) / 255f, out[i], 1e-6f);
            assertEquals((px[i] & 255) / 255f, out[i + 2 * SIZE * SIZE], 1e-6f);
        }
        // a uniform image stays uniform through resize and crop
        int[] grey = new int[70 * 45];
        Arrays.fill(grey, 0x336699);
        p.toChw(grey, 70, 45, out, 0);
        assertEquals(0x33 / 255f, out[0], 1e-6f);
        assertEquals(0x99 / 255f, out[3 * SIZE * SIZE - 1], 1e-6f);
    }
}
