package org.geocsp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.geocsp.core.image.ImageNormalization;
import org.geocsp.core.testutil.TestPhotos;
import org.geocsp.core.testutil.TestPhotos.Exif;
import org.geocsp.core.testutil.TinyBackbone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** geocsp photos and geocsp embed-images on generated photo folders and the tiny test backbone. */
class ImageCommandsTest {

    @TempDir
    Path dir;

    static List<CSVRecord> read(Path csv) throws IOException {
        try (Reader r = Files.newBufferedReader(csv)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords();
        }
    }

    static List<String> header(Path csv) throws IOException {
        return List.of(Files.readAllLines(csv).get(0).split(","));
    }

    @Test
    void photosThenEmbedImages() throws IOException {
        Path photos = dir.resolve("photos");
        BufferedImage north = TestPhotos.pattern(32, 32, 1);
        BufferedImage south = TestPhotos.pattern(32, 32, 2);
        TestPhotos.jpeg(photos.resolve("berlin.jpg"), north, new Exif(13.4, 52.52, 34.0, "2024:05:01 14:03:22",
                "+02:00", "Acme", "Cam"));
        TestPhotos.jpeg(photos.resolve("sub/sydney.jpg"), south, Exif.at(151.21, -33.87));
        TestPhotos.png(photos.resolve("plain.png"), TestPhotos.pattern(32, 32, 3));
        TestPhotos.corruptJpeg(photos.resolve("zz-broken.jpg"));
        Path table = dir.resolve("photos.csv");
        CliRun p = CliRun.run("photos", "--input", photos.toString(), "--output", table.toString());
        assertEquals(0, p.exitCode(), p.err());
        assertTrue(p.err().contains("unreadable " + photos.resolve("zz-broken.jpg")), p.err());
        assertTrue(p.err().contains("3 photo(s) read, 1 without GPS position, 1 unreadable"), p.err());
        assertEquals(PhotosCommand.HEADER, header(table));
        List<CSVRecord> rows = read(table);
        assertEquals(3, rows.size());
        assertTrue(rows.get(0).get("path").endsWith("berlin.jpg"));
        assertEquals(13.4, Double.parseDouble(rows.get(0).get("lon")), 1e-6);
        assertEquals(52.52, Double.parseDouble(rows.get(0).get("lat")), 1e-6);
        assertEquals(34.0, Double.parseDouble(rows.get(0).get("altitude")), 1e-9);
        assertEquals("2024-05-01T14:03:22+02:00", rows.get(0).get("time"));
        assertEquals("Acme", rows.get(0).get("make"));
        assertEquals("32", rows.get(0).get("width"));
        assertTrue(rows.get(1).get("path").endsWith("plain.png"));
        assertEquals("", rows.get(1).get("lon"));
        assertEquals("", rows.get(1).get("time"));
        assertEquals(-33.87, Double.parseDouble(rows.get(2).get("lat")), 1e-6);

        Path dropped = dir.resolve("dropped.csv");
        CliRun d = CliRun.run("photos", "--input", photos.toString(), "--output", dropped.toString(), "--no-gps", "drop",
                "--pattern", "*.jpg");
        assertEquals(0, d.exitCode(), d.err());
        assertEquals(2, read(dropped).size());

        Path emb = dir.resolve("emb.csv");
        CliRun e = CliRun.run("embed-images", "--model", TinyBackbone.file().toString(), "--input", table.toString(),
                "--path-column", "path", "--output", emb.toString(), "--size", "32", "--batch-size", "2",
                "--device", "cpu");
        assertEquals(0, e.exitCode(), e.err());
        List<String> h = header(emb);
        assertEquals(PhotosCommand.HEADER.size() + 16, h.size());
        assertEquals("f0", h.get(PhotosCommand.HEADER.size()));
        assertEquals("f15", h.get(h.size() - 1));
        List<CSVRecord> er = read(emb);
        assertEquals(3, er.size());
        assertEquals(rows.get(0).get("time"), er.get(0).get("time"), "input columns repeated");
        // the PNG is lossless: its embedding is the backbone repeated in Java on the same pixels
        double[] want = TinyBackbone.reference(TestPhotos.pattern(32, 32, 3), ImageNormalization.IMAGENET);
        for (int k = 0; k < 16; k++) {
            assertEquals(want[k], Double.parseDouble(er.get(1).get("f" + k)), 1e-4, "f" + k);
        }
        assertFalse(er.get(0).get("f0").isEmpty());

        // CLIP preset and explicit mean/std equal to it give the same numbers
        Path clip = dir.resolve("clip.csv");
        Path manual = dir.resolve("manual.csv");
        assertEquals(0, CliRun.run("embed-images", "--model", TinyBackbone.file().toString(), "--input",
                table.toString(), "--output", clip.toString(), "--size", "32", "--preset", "clip", "--device", "cpu")
                .exitCode());
        assertEquals(0, CliRun.run("embed-images", "--model", TinyBackbone.file().toString(), "--input",
                table.toString(), "--output", manual.toString(), "--size", "32", "--mean",
                "0.48145466,0.4578275,0.40821073", "--std", "0.26862954,0.26130258,0.27577711", "--device", "cpu")
                .exitCode());
        assertEquals(Files.readString(clip), Files.readString(manual));
        double[] wantClip = TinyBackbone.reference(TestPhotos.pattern(32, 32, 3), ImageNormalization.CLIP);
        assertEquals(wantClip[3], Double.parseDouble(read(clip).get(1).get("f3")), 1e-4);
    }

    @Test
    void badImagesAndBadOptions() throws IOException {
        TestPhotos.png(dir.resolve("a.png"), TestPhotos.pattern(40, 36, 1));
        TestPhotos.corruptJpeg(dir.resolve("b.jpg"));
        Path table = Files.writeString(dir.resolve("t.csv"), "id,file\n1,a.png\n2,b.jpg\n3,\n4,missing.jpg\n");
        Path out = dir.resolve("out.csv");
        String model = TinyBackbone.file().toString();
        CliRun e = CliRun.run("embed-images", "--model", model, "--input", table.toString(), "--path-column", "file",
                "--output", out.toString(), "--size", "32", "--device", "cpu");
        assertEquals(0, e.exitCode(), e.err());
        assertTrue(e.err().contains("no embedding for row 2 (" + dir.resolve("b.jpg") + ")"), e.err());
        assertTrue(e.err().contains("no embedding for row 3: no image path"), e.err());
        assertTrue(e.err().contains("row 4 (" + dir.resolve("missing.jpg") + ")"), e.err());
        assertTrue(e.err().contains("4 rows, 1 embedded (16 values each), 3 without embedding"), e.err());
        List<CSVRecord> rows = read(out);
        assertFalse(rows.get(0).get("f0").isEmpty());
        assertEquals("", rows.get(1).get("f0"));
        assertEquals("2", rows.get(1).get("id"));

        Path strict = dir.resolve("strict.csv");
        CliRun f = CliRun.run("embed-images", "--model", model, "--input", table.toString(), "--path-column", "file",
                "--output", strict.toString(), "--size", "32", "--device", "cpu", "--fail-on-bad-image");
        assertEquals(2, f.exitCode());
        assertTrue(f.err().startsWith("geocsp embed-images: input " + table + ", row 2 (" + dir.resolve("b.jpg")), f.err());
        assertEquals(1, f.err().strip().lines().count(), f.err());
        assertFalse(Files.exists(strict), "no partial output");

        String[][] bad = {
            {"--path-column", "nope"},
            {"--path-column", "file", "--mean", "0.5,0.5,0.5"},
            {"--path-column", "file", "--mean", "0.5,0.5", "--std", "1,1,1"},
            {"--path-column", "file", "--preset", "vgg"},
            {"--path-column", "file", "--preset", "clip", "--mean", "0.5,0.5,0.5", "--std", "1,1,1"},
            {"--path-column", "file", "--mean", "0.5,0.5,0.5", "--std", "0.2,0,0.2"},
            {"--path-column", "file", "--size", "2"},
            {"--path-column", "file", "--batch-size", "0"},
        };
        String[] needle = {"no image path (--path-column) column 'nope'", "--mean and --std go together", "--mean needs 3", "--preset: 'vgg' is not one of imagenet, clip, none",
            "give either --preset or --mean/--std, not both", "--std: values must be positive and finite, got '0.2,0,0.2'",
            "--size: Image size must be in [8, 4096], got 2", "--batch-size: Batch size must be in [1, 4096], got 0"};
        for (int i = 0; i < bad.length; i++) {
            List<String> args = new java.util.ArrayList<>(List.of("embed-images", "--model", model, "--input",
                    table.toString(), "--output", dir.resolve("x.csv").toString(), "--device", "cpu"));
            args.addAll(List.of(bad[i]));
            CliRun r = CliRun.run(args.toArray(String[]::new));
            assertEquals(2, r.exitCode(), String.join(" ", bad[i]));
            assertTrue(r.err().contains(needle[i]) && r.err().strip().lines().count() == 1, r.err());
        }
        CliRun m = CliRun.run("embed-images", "--model", table.toString(), "--input", table.toString(), "--output",
                dir.resolve("x.csv").toString(), "--device", "cpu");
        assertEquals(2, m.exitCode());
        assertTrue(m.err().contains("is not a TorchScript model"), m.err());
        CliRun p = CliRun.run("photos", "--input", dir.resolve("nowhere").toString(), "--output",
                dir.resolve("p.csv").toString());
        assertEquals(2, p.exitCode());
        assertTrue(p.err().contains("does not exist"), p.err());
        CliRun g = CliRun.run("photos", "--input", dir.toString(), "--output", dir.resolve("p.csv").toString(),
                "--no-gps", "maybe");
        assertEquals(2, g.exitCode());
        assertTrue(g.err().contains("'maybe' is not one of keep, drop"), g.err());
    }
}
