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
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.testutil.TestPhotos;
import org.geocsp.core.testutil.TinyBackbone;
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

    static final int SIZE = TinyBackbone.SIZE;
    static TorchScriptBackbone backbone;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() throws URISyntaxException {
        backbone = TorchScriptBackbone.load(TinyBackbone.file(), Device.cpu());
    }

    @AfterAll
    static void close() {
        backbone.close();
    }

    static Path resource(String name) throws URISyntaxException {
        return Path.of(ImageEmbedderTest.class.getResource(name).toURI());
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
                double[] want = TinyBackbone.reference(images.get(i), norm);
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
        double[] want = TinyBackbone.reference(TestPhotos.pattern(SIZE, SIZE, 1), ImageNormalization.IMAGENET);
        assertEquals(want[5], r.get(0).embedding()[5], 1e-4);
    }

    @Test
    void cancellationStopsWithinABatch() throws IOException {
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            paths.add(TestPhotos.png(dir.resolve("c" + i + ".png"), TestPhotos.pattern(SIZE, SIZE, i)));
        }
        ImageEmbedder e = new ImageEmbedder(backbone, new ImagePreprocessor(SIZE, ImageNormalization.IMAGENET), 4);
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        assertThrows(java.util.concurrent.CancellationException.class,
                () -> e.embed(paths, 1, () -> asked.incrementAndGet() > 2));
        assertEquals(6, e.embed(paths, 1, () -> false).stream().filter(ImageEmbedder.Result::ok).count());
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
    void jpegPixelsAreReadAsGetRgbReadsThem() throws IOException {
        Path f = TestPhotos.jpeg(dir.resolve("p.jpg"), TestPhotos.pattern(37, 23, 5), TestPhotos.Exif.none());
        BufferedImage img = javax.imageio.ImageIO.read(f.toFile());
        assertEquals(BufferedImage.TYPE_3BYTE_BGR, img.getType(), "the fast path is taken");
        int[] want = img.getRGB(0, 0, 37, 23, null, 0, 37);
        int[] got = ImagePreprocessor.rgb(img);
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i] & 0xFFFFFF, got[i], "pixel " + i);
        }
        BufferedImage sub = img.getSubimage(3, 2, 20, 10);
        int[] s = ImagePreprocessor.rgb(sub);
        assertEquals(img.getRGB(3, 2) & 0xFFFFFF, s[0], "a sub-image takes the general path");
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
