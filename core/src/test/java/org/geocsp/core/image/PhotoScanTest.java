package org.geocsp.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.testutil.TestPhotos;
import org.geocsp.core.testutil.TestPhotos.Exif;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PhotoScanTest {

    @TempDir
    Path dir;

    /** Degrees-minutes-seconds rationals lose little: 1e-6 degrees is 0.1 m. */
    private static final double EPS = 1e-6;

    @Test
    void signsOfAllFourHemispheresComeFromTheReferences() throws IOException {
        double[][] lonLat = {{13.404954, 52.520008}, {-74.006015, 40.712728}, {151.209296, -33.868820},
            {-58.381559, -34.603684}};
        for (int i = 0; i < lonLat.length; i++) {
            Path f = TestPhotos.jpeg(dir.resolve("p" + i + ".jpg"), TestPhotos.pattern(40, 30, i),
                    Exif.at(lonLat[i][0], lonLat[i][1]));
            PhotoMetadata m = PhotoReader.read(f);
            assertEquals(lonLat[i][0], m.lonDeg(), EPS, "longitude of " + f);
            assertEquals(lonLat[i][1], m.latDeg(), EPS, "latitude of " + f);
            assertEquals(40, m.width());
            assertEquals(30, m.height());
            assertNull(m.altitudeM());
            assertNull(m.time());
        }
    }

    @Test
    void altitudeBelowSeaLevelTimeWithOffsetAndCamera() throws IOException {
        Path f = TestPhotos.jpeg(dir.resolve("deadsea.jpg"), TestPhotos.pattern(64, 48, 3),
                new Exif(35.5, 31.5, -430.5, "2024:05:01 14:03:22", "+03:00", "Acme", "Field Cam 2"));
        PhotoMetadata m = PhotoReader.read(f);
        assertEquals(-430.5, m.altitudeM(), 1e-9);
        assertEquals("2024-05-01T14:03:22+03:00", m.time());
        assertEquals("Acme", m.make());
        assertEquals("Field Cam 2", m.model());
        Path up = TestPhotos.jpeg(dir.resolve("alps.jpg"), TestPhotos.pattern(64, 48, 4),
                new Exif(7.65, 45.97, 4478.0, "2023:08:02 06:00:00", null, null, null));
        PhotoMetadata u = PhotoReader.read(up);
        assertEquals(4478.0, u.altitudeM(), 1e-9);
        assertEquals("2023-08-02T06:00", u.time(), "local time without offset");
        assertNull(u.make());
    }

    @Test
    void scanKeepsOrDropsPhotosWithoutPositionAndReportsBadFiles() throws IOException {
        TestPhotos.jpeg(dir.resolve("b/2.jpg"), TestPhotos.pattern(20, 10, 1), Exif.at(-3.7, 40.4));
        TestPhotos.jpeg(dir.resolve("a.JPG"), TestPhotos.pattern(20, 10, 2), Exif.at(2.35, 48.86));
        TestPhotos.jpeg(dir.resolve("b/1-nogps.jpg"), TestPhotos.pattern(20, 10, 3), Exif.none());
        TestPhotos.png(dir.resolve("c.png"), TestPhotos.pattern(33, 17, 4));
        TestPhotos.corruptJpeg(dir.resolve("broken.jpg"));
        Files.writeString(dir.resolve("notes.jpg"), "not a photo at all\n");
        Files.writeString(dir.resolve("readme.txt"), "ignored: does not match the pattern\n");

        List<Integer> seen = new ArrayList<>();
        PhotoScan.Result keep = PhotoScan.scan(PhotoScan.Settings.of(dir), (done, total, file) -> {
            assertEquals(6, total);
            seen.add(done);
        });
        assertEquals(List.of(1, 2, 3, 4, 5, 6), seen);
        List<String> names = keep.photos().stream().map(p -> dir.relativize(p.path()).toString()).toList();
        assertEquals(List.of("a.JPG", "b/1-nogps.jpg", "b/2.jpg", "c.png"), names, "sorted by relative path");
        assertEquals(2, keep.withoutLocation(), "the photo without GPS and the PNG");
        assertEquals(0, keep.dropped());
        assertFalse(keep.photos().get(1).hasLocation());
        assertEquals(33, keep.photos().get(3).width());
        assertEquals(17, keep.photos().get(3).height());
        assertEquals(List.of(dir.resolve("broken.jpg"), dir.resolve("notes.jpg")),
                keep.unreadable().stream().map(PhotoScan.Unreadable::path).toList());
        assertTrue(keep.summary().contains("4 photo(s) read, 2 without GPS position, 2 unreadable"), keep.summary());

        PhotoScan.Result drop = PhotoScan.scan(new PhotoScan.Settings(dir, null, true,
                PhotoScan.MissingLocation.DROP), PhotoScan.SILENT);
        assertEquals(List.of("a.JPG", "b/2.jpg"),
                drop.photos().stream().map(p -> dir.relativize(p.path()).toString()).toList());
        assertEquals(2, drop.dropped());
        assertEquals(2, drop.withoutLocation());

        PhotoScan.Result flat = PhotoScan.scan(new PhotoScan.Settings(dir, "*.png", false,
                PhotoScan.MissingLocation.KEEP), PhotoScan.SILENT);
        assertEquals(1, flat.photos().size());
        PhotoScan.Result top = PhotoScan.scan(new PhotoScan.Settings(dir, "*.jpg", false,
                PhotoScan.MissingLocation.KEEP), PhotoScan.SILENT);
        assertEquals(1, top.photos().size(), "not recursive: only a.JPG (pattern ignores case)");
    }

    @Test
    void cancellationStopsTheScanAndBadSettingsAreNamed() throws IOException {
        for (int i = 0; i < 3; i++) {
            TestPhotos.png(dir.resolve(i + ".png"), TestPhotos.pattern(8, 8, i));
        }
        int[] calls = {0};
        CancellationException c = assertThrows(CancellationException.class,
                () -> PhotoScan.scan(PhotoScan.Settings.of(dir), new PhotoScan.Listener() {
                    @Override
                    public void progress(int done, int total, Path file) {
                        calls[0]++;
                    }

                    @Override
                    public boolean cancelled() {
                        return calls[0] >= 1;
                    }
                }));
        assertTrue(c.getMessage().contains("after 1 of 3"), c.getMessage());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> PhotoScan.scan(
                new PhotoScan.Settings(dir.resolve("missing"), "*.{jpg", true, PhotoScan.MissingLocation.KEEP),
                PhotoScan.SILENT));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("does not exist") && e.getMessage().contains("'*.{jpg'"), e.getMessage());
    }

    @Test
    void xmpCoordinatesInBothNotations() {
        assertEquals(-(52 + 30.5 / 60), PhotoReader.xmpCoordinate("52,30.5W"), 1e-12);
        assertEquals(12 + 3 / 60.0 + 4.5 / 3600, PhotoReader.xmpCoordinate("12,3,4.5N"), 1e-12);
        assertNull(PhotoReader.xmpCoordinate("52.5"));
    }
}
