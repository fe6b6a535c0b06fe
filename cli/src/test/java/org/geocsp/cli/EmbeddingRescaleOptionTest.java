package org.geocsp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.geocsp.core.model.GeoModel;
import org.geocsp.core.model.ModelFile;
import org.geocsp.core.train.EmbeddingRescale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code geocsp pretrain} rescales the embedding by default; {@code --no-embedding-rescale} is the paper's behaviour. */
class EmbeddingRescaleOptionTest {

    @TempDir
    Path dir;

    private Map<String, String> pretrain(Path table, String name, String... extra) throws Exception {
        Path out = dir.resolve(name);
        List<String> a = new ArrayList<>(List.of("pretrain", "--input", table.toString(), "--output", out.toString(),
                "--epochs", "1", "--batch-size", "64", "--hidden-dim", "32", "--output-dim", "16",
                "--frequency-num", "8", "--device", "cpu", "--seed", "5"));
        a.addAll(List.of(extra));
        CliRun r = CliRun.run(a.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        try (GeoModel m = ModelFile.load(out, ai.djl.Device.cpu())) {
            return m.spec().metadata();
        }
    }

    @Test
    void onByDefaultAndOffWithTheNegatedOption() throws Exception {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
        StringBuilder sb = new StringBuilder("lon,lat,f0,f1,f2\n");
        for (int i = 0; i < 300; i++) {
            double lat = 160 * rnd.nextDouble() - 80;
            double lon = 360 * rnd.nextDouble() - 180;
            sb.append(String.format(java.util.Locale.ROOT, "%.4f,%.4f,%.4f,%.4f,%.4f%n", lon, lat,
                    Math.sin(Math.toRadians(lat)), Math.cos(Math.toRadians(lon)), rnd.nextGaussian()));
        }
        Path table = dir.resolve("t.csv");
        java.nio.file.Files.writeString(table, sb.toString());
        Map<String, String> on = pretrain(table, "on.geocsp");
        double c = Double.parseDouble(on.get(EmbeddingRescale.FACTOR));
        double untrained = Double.parseDouble(on.get(EmbeddingRescale.UNTRAINED_NORM));
        double trained = Double.parseDouble(on.get(EmbeddingRescale.TRAINED_NORM));
        assertEquals(untrained / trained, c, 1e-12);
        assertTrue(untrained > 0 && trained > 0);
        Map<String, String> explicit = pretrain(table, "explicit.geocsp", "--embedding-rescale");
        assertEquals(on.get(EmbeddingRescale.FACTOR), explicit.get(EmbeddingRescale.FACTOR));
        Map<String, String> off = pretrain(table, "off.geocsp", "--no-embedding-rescale");
        assertFalse(off.containsKey(EmbeddingRescale.FACTOR), off.toString());
        assertFalse(off.containsKey(EmbeddingRescale.UNTRAINED_NORM), off.toString());
    }

    @Test
    void theHelpStatesTheDefault() {
        CliRun r = CliRun.run("pretrain", "--help");
        String help = r.out().replaceAll("\\s+", " ");
        assertTrue(help.contains("--[no-]embedding-rescale"), help);
        assertTrue(help.contains("the CSP paper's behaviour. (default true)"), help);
    }
}
