package org.geocsp.knime.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.geocsp.core.table.ColumnInfo;
import org.geocsp.core.table.ColumnType;
import org.geocsp.core.image.ImageEmbedder;
import org.geocsp.core.image.ImageNormalization;
import org.geocsp.core.image.PhotoScan;
import org.geocsp.core.image.TorchScriptBackbone;
import org.geocsp.core.runtime.DeviceChoice;
import org.geocsp.core.testutil.TestPhotos;
import org.geocsp.core.testutil.TinyBackbone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Geotagged Image Reader's and Image Embedder's settings, output layout and rows, through core. */
class ImageNodesConfigTest {

    @TempDir
    Path dir;

    @Test
    void readerScansTheFolderItsSettingsName() throws IOException {
        GeotaggedImageReaderConfig d = GeotaggedImageReaderConfig.defaults();
        assertTrue(d.settingProblems().get(0).contains("'Folder'"), d.settingProblems().toString());
        TestPhotos.jpeg(dir.resolve("a.jpg"), TestPhotos.pattern(20, 10, 1),
                new TestPhotos.Exif(-70.25, -33.5, 520.0, "2022:01:02 03:04:05", "-04:00", "Acme", "X"));
        TestPhotos.jpeg(dir.resolve("sub/b.jpg"), TestPhotos.pattern(20, 10, 2), TestPhotos.Exif.none());
        TestPhotos.corruptJpeg(dir.resolve("c.jpg"));
        GeotaggedImageReaderConfig c = new GeotaggedImageReaderConfig(d.values()
                .with(GeotaggedImageReaderConfig.FOLDER, dir.toString()));
        assertEquals(List.of(), c.settingProblems());
        PhotoScan.Result r = PhotoScan.scan(c.scanSettings(), PhotoScan.SILENT);
        assertEquals(2, r.photos().size());
        List<ColumnInfo> cols = GeotaggedImageReaderConfig.outputColumns();
        assertEquals(List.of("path", "longitude", "latitude", "altitude", "time", "make", "model", "width", "height"),
                cols.stream().map(ColumnInfo::name).toList());
        Object[] row = GeotaggedImageReaderConfig.rowValues(r.photos().get(0));
        assertEquals(cols.size(), row.length);
        assertEquals(dir.resolve("a.jpg").toAbsolutePath().toString(), row[0]);
        assertEquals(-70.25, (Double) row[1], 1e-6);
        assertEquals(-33.5, (Double) row[2], 1e-6);
        assertEquals(520.0, (Double) row[3], 1e-9);
        assertEquals("2022-01-02T03:04:05-04:00", row[4]);
        assertEquals(20, row[7]);
        Object[] noGps = GeotaggedImageReaderConfig.rowValues(r.photos().get(1));
        assertNull(noGps[1]);
        assertNull(noGps[4]);
        String w = GeotaggedImageReaderConfig.warning(r);
        assertTrue(w.contains("1 photo(s) without GPS position kept") && w.contains("1 file(s) could not be read, e.g. "
                + dir.resolve("c.jpg")), w);

        GeotaggedImageReaderConfig drop = new GeotaggedImageReaderConfig(c.values()
                .with(GeotaggedImageReaderConfig.MISSING_GPS, GeotaggedImageReaderConfig.DROP)
                .with(GeotaggedImageReaderConfig.RECURSIVE, false));
        PhotoScan.Result rd = PhotoScan.scan(drop.scanSettings(), PhotoScan.SILENT);
        assertEquals(1, rd.photos().size());
        assertEquals(0, rd.dropped(), "b.jpg is in a sub-folder, not visited");
    }

    @Test
    void embedderSettingsNormalisationAndOutputLayout() {
        ImageEmbedderConfig d = ImageEmbedderConfig.defaults();
        assertTrue(d.settingProblems().toString().contains("'Backbone model file (TorchScript)'"));
        assertEquals(ImageNormalization.IMAGENET, d.normalization());
        // the custom mean/std start at ImageNet's values, in the form users type
        assertEquals("0.485,0.456,0.406", d.values().getString(ImageEmbedderConfig.MEAN));
        assertEquals("0.229,0.224,0.225", d.values().getString(ImageEmbedderConfig.STD));
        assertEquals(ImageNormalization.IMAGENET, new ImageEmbedderConfig(d.values()
                .with(ImageEmbedderConfig.NORMALIZATION, ImageEmbedderConfig.NORM_CUSTOM)).normalization());
        ImageEmbedderConfig clip = new ImageEmbedderConfig(d.values().with(ImageEmbedderConfig.MODEL_FILE, "/m.pt")
                .with(ImageEmbedderConfig.NORMALIZATION, ImageEmbedderConfig.NORM_CLIP));
        assertEquals(List.of(), clip.settingProblems());
        assertEquals(ImageNormalization.CLIP, clip.normalization());
        ImageEmbedderConfig bad = new ImageEmbedderConfig(clip.values()
                .with(ImageEmbedderConfig.NORMALIZATION, ImageEmbedderConfig.NORM_CUSTOM)
                .with(ImageEmbedderConfig.STD, "0.2,0,0.2"));
        assertTrue(bad.settingProblems().toString().contains("setting 'Standard deviation (r,g,b)': values must be"
                + " positive and finite, got '0.2,0,0.2'"), bad.settingProblems().toString());
        ImageEmbedderConfig badMean = new ImageEmbedderConfig(bad.values().with(ImageEmbedderConfig.STD, "1,1,1")
                .with(ImageEmbedderConfig.MEAN, "0.5;0.5"));
        assertTrue(badMean.settingProblems().toString().contains("setting 'Mean (r,g,b)' needs 3"),
                badMean.settingProblems().toString());
        assertEquals(DeviceChoice.CPU, clip.device(DeviceChoice.CPU), "preference");
        assertEquals(DeviceChoice.AUTO, new ImageEmbedderConfig(clip.values().with(ImageEmbedderConfig.DEVICE, "auto"))
                .device(DeviceChoice.CPU));

        List<ColumnInfo> in = List.of(ColumnInfo.of("id", ColumnType.INT), ColumnInfo.of("file", ColumnType.STRING),
                ColumnInfo.of("image_embedding", ColumnType.STRING));
        assertThrows(ConfigException.class, () -> clip.resolvePathColumn(List.of(ColumnInfo.of("x", ColumnType.DOUBLE))));
        assertEquals(1, assertDoesNotThrowConfig(clip, in), "guessed from the name 'file'");
        List<String> names = in.stream().map(ColumnInfo::name).toList();
        List<ColumnInfo> vec = clip.outputColumns(names, 16);
        assertEquals(List.of(new ColumnInfo("image_embedding (#1)", ColumnType.DOUBLE_VECTOR, 16)), vec);
        ImageEmbedderConfig cols = new ImageEmbedderConfig(clip.values()
                .with(ImageEmbedderConfig.OUTPUT, ImageEmbedderConfig.OUT_COLUMNS)
                .with(ImageEmbedderConfig.OUTPUT_NAME, "f"));
        assertNull(cols.outputColumns(names, -1), "unknown before the backbone ran");
        assertEquals(List.of("f0", "f1", "f2"), cols.outputColumns(names, 3).stream().map(ColumnInfo::name).toList());
        assertArrayEquals(new Object[] {1.5, -2.0, 0.25}, cols.appendedValues(new float[] {1.5f, -2f, 0.25f}, 3));
        assertArrayEquals(new Object[] {null, null, null}, cols.appendedValues(null, 3));
        assertArrayEquals(new double[] {1.5, -2.0}, (double[]) clip.appendedValues(new float[] {1.5f, -2f}, 2)[0]);
        assertNull(clip.appendedValues(null, 2)[0]);
    }

    private static int assertDoesNotThrowConfig(ImageEmbedderConfig c, List<ColumnInfo> in) {
        try {
            return c.resolvePathColumn(in);
        } catch (ConfigException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    @Test
    void embedderConfigDrivesCoreOnTheTinyBackbone() throws IOException {
        Path png = TestPhotos.png(dir.resolve("p.png"), TestPhotos.pattern(TinyBackbone.SIZE, TinyBackbone.SIZE, 4));
        ImageEmbedderConfig c = new ImageEmbedderConfig(ImageEmbedderConfig.defaults().values()
                .with(ImageEmbedderConfig.MODEL_FILE, TinyBackbone.file().toString())
                .with(ImageEmbedderConfig.SIZE, TinyBackbone.SIZE).with(ImageEmbedderConfig.BATCH_SIZE, 2));
        try (TorchScriptBackbone b = TorchScriptBackbone.load(c.modelFile(), Device.cpu())) {
            ImageEmbedder e = new ImageEmbedder(b, c.preprocessor(), c.batchSize());
            assertEquals(16, e.probeDimension());
            List<ImageEmbedder.Result> r = e.embed(java.util.Arrays.asList(png, null), 1, () -> false);
            double[] got = (double[]) c.appendedValues(r.get(0).embedding(), 16)[0];
            double[] want = TinyBackbone.reference(TestPhotos.pattern(TinyBackbone.SIZE, TinyBackbone.SIZE, 4),
                    ImageNormalization.IMAGENET);
            assertArrayEquals(want, got, 1e-4);
            assertEquals("row 2: no image path", r.get(1).message());
        }
    }
}
