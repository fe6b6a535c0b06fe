package org.geocsp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pretrain → finetune → predict / geolocate / map through the command line, on small generated data. */
class WorkflowCommandsTest {

    @TempDir
    static Path dir;
    static Path table;

    static String sector(double lon, double lat) {
        return (lat >= 0 ? "N" : "S") + (int) Math.min(3, Math.floor((lon + 180) / 90));
    }

    @BeforeAll
    static void writeTable() throws IOException {
        SplittableRandom r = new SplittableRandom(3);
        StringBuilder sb = new StringBuilder("lon,lat,region,f0,f1,f2,f3,f4,f5\n");
        for (int i = 0; i < 1200; i++) {
            double lat = Math.toDegrees(Math.asin(2 * r.nextDouble() - 1));
            double lon = 360 * r.nextDouble() - 180;
            double la = Math.toRadians(lat);
            double lo = Math.toRadians(lon);
            double[] f = {Math.sin(la), Math.cos(la) * Math.cos(lo), Math.cos(la) * Math.sin(lo), Math.sin(2 * lo),
                Math.cos(3 * la), Math.sin(lo + la)};
            sb.append(String.format(Locale.ROOT, "%.5f,%.5f,%s", lon, lat, sector(lon, lat)));
            for (double v : f) {
                sb.append(String.format(Locale.ROOT, ",%.5f", v + 0.02 * r.nextGaussian()));
            }
            sb.append('\n');
        }
        table = dir.resolve("table.csv");
        Files.writeString(table, sb.toString());
    }

    @Test
    void pretrainFinetunePredictGeolocateMap() throws IOException {
        Path pre = dir.resolve("pre.geocsp");
        Path curve = dir.resolve("loss.png");
        CliRun p = CliRun.run("pretrain", "--input", table.toString(), "--output", pre.toString(), "--epochs", "3",
                "--batch-size", "128", "--temperatures", "0.1,1,1", "--lr", "0.003", "--hidden-dim", "64",
                "--output-dim", "32", "--frequency-num", "8", "--loss-curve", curve.toString(), "--device", "cpu");
        assertEquals(0, p.exitCode(), p.err());
        assertTrue(Files.size(pre) > 0 && Files.size(curve) > 0);

        Path ft = dir.resolve("ft.geocsp");
        CliRun f = CliRun.run("finetune", "--model", pre.toString(), "--input", table.toString(), "--label-column",
                "region", "--output", ft.toString(), "--epochs", "8", "--batch-size", "128", "--lr", "0.01",
                "--label-ratio", "0.5", "--device", "cpu");
        assertEquals(0, f.exitCode(), f.err());

        // image probabilities for two classes only on row 1; empty cells elsewhere mean location-only
        Path in = dir.resolve("in.csv");
        Files.writeString(in, "lon,lat,region,img_N0,img_N1,img_N2,img_N3,img_S0,img_S1,img_S2,img_S3\n"
                + "-100,45,N0,0.9,0.1,0,0,0,0,0,0\n"
                + "10,-30,S2,,,,,,,,\n"
                + ",,N1,0,1,0,0,0,0,0,0\n"
                + ",,S3,,,,,,,,\n");
        Path out = dir.resolve("pred.csv");
        CliRun pr = CliRun.run("predict", "--model", ft.toString(), "--input", in.toString(), "--output",
                out.toString(), "--top-k", "3", "--image-probabilities-prefix", "img_", "--label-column", "region");
        assertEquals(0, pr.exitCode(), pr.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals("lon,lat,region,img_N0,img_N1,img_N2,img_N3,img_S0,img_S1,img_S2,img_S3,pred_1,pred_2,pred_3,"
                + "score_1,score_2,score_3,rule", lines.get(0));
        assertEquals(5, lines.size());
        assertTrue(lines.get(1).endsWith(",combined") && lines.get(1).contains(",N0,"), lines.get(1));
        assertTrue(lines.get(2).endsWith(",location-only") && lines.get(2).contains(",S2,"), lines.get(2));
        assertTrue(lines.get(3).endsWith(",image-only") && lines.get(3).contains(",N1,"), lines.get(3));
        assertTrue(lines.get(4).endsWith(",none"), lines.get(4));

        Path gallery = dir.resolve("gallery.csv");
        Files.writeString(gallery, "lon,lat\n-100,45\n10,-30\n120,60\n-60,-20\n");
        Path geo = dir.resolve("geo.csv");
        CliRun g = CliRun.run("geolocate", "--model", pre.toString(), "--input", table.toString(), "--gallery",
                gallery.toString(), "--output", geo.toString(), "--top-k", "2");
        assertEquals(0, g.exitCode(), g.err());
        List<String> geoLines = Files.readAllLines(geo);
        assertEquals("lon,lat,region,lon_1,lat_1,score_1,lon_2,lat_2,score_2,error_km", geoLines.get(0));
        assertEquals(1201, geoLines.size());

        Path png = dir.resolve("map.png");
        CliRun mp = CliRun.run("map", "--model", ft.toString(), "--class", "N0", "--output", png.toString(),
                "--resolution-deg", "5", "--width", "400");
        assertEquals(0, mp.exitCode(), mp.err());
        BufferedImage img = ImageIO.read(png.toFile());
        assertTrue(img.getWidth() >= 400);
    }

    @Test
    void finetuneWithImageClassifierThenPredictFromImageEmbeddings() throws IOException {
        Path fresh = dir.resolve("fresh.geocsp");
        Path ft = dir.resolve("ft-img.geocsp");
        // no pre-training: fine-tune a fresh encoder (the supervised baseline) with the image classifier
        CliRun p = CliRun.run("pretrain", "--input", table.toString(), "--output", fresh.toString(), "--epochs", "1",
                "--batch-size", "128", "--hidden-dim", "64", "--output-dim", "32", "--frequency-num", "8",
                "--device", "cpu");
        assertEquals(0, p.exitCode(), p.err());
        CliRun f = CliRun.run("finetune", "--model", fresh.toString(), "--input", table.toString(), "--label-column",
                "region", "--output", ft.toString(), "--epochs", "8", "--batch-size", "128", "--lr", "0.01",
                "--image-classifier", "--device", "cpu");
        assertEquals(0, f.exitCode(), f.err());

        Path in = dir.resolve("in-img.csv");
        String rows = Files.readAllLines(table).subList(1, 201).stream().reduce("", (a, b) -> a + b + "\n");
        Files.writeString(in, "lon,lat,region,f0,f1,f2,f3,f4,f5\n" + rows + "10,-30,S2,,,,,,\n");
        Path out = dir.resolve("pred-img.csv");
        CliRun pr = CliRun.run("predict", "--model", ft.toString(), "--input", in.toString(), "--output",
                out.toString(), "--top-k", "1", "--image-embedding-prefix", "f", "--label-column", "region");
        assertEquals(0, pr.exitCode(), pr.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals(202, lines.size());
        assertTrue(lines.get(1).endsWith(",combined"), lines.get(1));
        assertTrue(lines.get(201).endsWith(",location-only"), lines.get(201));
        int combined = 0;
        int hits = 0;
        for (String l : lines.subList(1, 201)) {
            String[] c = l.split(",");
            combined += c[c.length - 1].equals("combined") ? 1 : 0;
            hits += c[c.length - 3].equals(c[2]) ? 1 : 0; // pred_1 is the true region
        }
        assertEquals(200, combined);
        assertTrue(hits >= 160, "combined top-1 " + hits + " of 200");

        Path partial = dir.resolve("partial.csv");
        Files.writeString(partial, "lon,lat,f0,f1,f2,f3,f4,f5\n10,20,1,2,3,,5,6\n");
        CliRun bad = CliRun.run("predict", "--model", ft.toString(), "--input", partial.toString(), "--output",
                dir.resolve("x.csv").toString(), "--image-embedding-prefix", "f");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("row 1") && bad.err().contains("image-embedding value cells are empty"),
                bad.err());
        CliRun both = CliRun.run("predict", "--model", ft.toString(), "--input", in.toString(), "--output",
                dir.resolve("x.csv").toString(), "--image-embedding-prefix", "f", "--image-probabilities-prefix", "f");
        assertEquals(2, both.exitCode());
        assertTrue(both.err().contains("not both"), both.err());
        Path plain = dir.resolve("ft-plain.geocsp");
        CliRun fp = CliRun.run("finetune", "--model", fresh.toString(), "--input", table.toString(), "--label-column",
                "region", "--output", plain.toString(), "--epochs", "1", "--device", "cpu");
        assertEquals(0, fp.exitCode(), fp.err());
        CliRun none = CliRun.run("predict", "--model", plain.toString(), "--input", in.toString(), "--output",
                dir.resolve("x.csv").toString(), "--image-embedding-prefix", "f");
        assertEquals(2, none.exitCode());
        assertTrue(none.err().contains("--image-classifier"), none.err());
        Path noEmb = dir.resolve("no-emb.csv");
        Files.writeString(noEmb, "lon,lat,region\n0,0,N0\n10,10,N1\n-10,-10,S0\n");
        CliRun missing = CliRun.run("finetune", "--model", fresh.toString(), "--input", noEmb.toString(),
                "--label-column", "region", "--output", dir.resolve("y.geocsp").toString(), "--image-classifier");
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("f0") || missing.err().contains("embedding"), missing.err());
    }

    @Test
    void badInputGivesOneLineAndExitCode2() throws IOException {
        Path pre = dir.resolve("pre2.geocsp");
        CliRun p = CliRun.run("pretrain", "--input", table.toString(), "--output", pre.toString(), "--epochs", "1",
                "--batch-size", "128", "--objective", "nope");
        assertEquals(2, p.exitCode());
        assertTrue(p.err().contains("contsoftmax"), p.err());

        CliRun q = CliRun.run("pretrain", "--input", table.toString(), "--output", pre.toString(), "--epochs", "1",
                "--queue-size", "10");
        assertEquals(2, q.exitCode());
        assertTrue(q.err().contains("contsoftmaxsym"), q.err());

        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "lon,lat,region\n0,0,A\n1,95,B\n");
        CliRun f = CliRun.run("finetune", "--model", pre.toString(), "--input", bad.toString(), "--label-column",
                "region", "--output", dir.resolve("x.geocsp").toString());
        assertEquals(2, f.exitCode());
        assertTrue(f.err().contains("row 2") || f.err().contains("lat"), f.err());
    }

    /** The supervised-only baseline from the command line: a new untrained encoder of any architecture. */
    @Test
    void finetuneFromANewEncoderOfAnyArchitecture() throws Exception {
        Path out = dir.resolve("sup-wrap.geocsp");
        CliRun f = CliRun.run("finetune", "--encoder", "wrap", "--input", table.toString(), "--label-column", "region",
                "--output", out.toString(), "--epochs", "2", "--batch-size", "128", "--dropout", "0.2",
                "--device", "cpu");
        assertEquals(0, f.exitCode(), f.err());
        org.geocsp.core.model.ModelSpec spec = org.geocsp.core.model.ModelFile.readSpec(out);
        assertEquals("wrap", spec.encoder().name());
        assertEquals(0.2, spec.stack().dropout());
        assertEquals(org.geocsp.core.model.ModelStage.FINETUNED, spec.stage());
        assertEquals(List.of("N0", "N1", "N2", "N3", "S0", "S1", "S2", "S3"),
                spec.classLabels().stream().sorted().toList());

        CliRun neither = CliRun.run("finetune", "--input", table.toString(), "--label-column", "region", "--output",
                dir.resolve("n.geocsp").toString());
        assertEquals(2, neither.exitCode());
        assertTrue(neither.err().contains("--encoder NAME"), neither.err());
        CliRun both = CliRun.run("finetune", "--model", out.toString(), "--encoder", "wrap", "--input",
                table.toString(), "--label-column", "region", "--output", dir.resolve("b.geocsp").toString());
        assertEquals(2, both.exitCode());
        assertTrue(both.err().contains("not both"), both.err());
        CliRun unknown = CliRun.run("finetune", "--encoder", "nope", "--input", table.toString(), "--label-column",
                "region", "--output", dir.resolve("u.geocsp").toString());
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("nope"), unknown.err());
    }
}
