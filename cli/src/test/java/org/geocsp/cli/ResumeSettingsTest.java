package org.geocsp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --resume} refuses other data and changed settings, naming what differs with both values. */
class ResumeSettingsTest {

    @TempDir
    static Path dir;
    static Path table;
    static Path checkpoints;

    static final List<String> SETTINGS = List.of("--batch-size", "64", "--lr", "0.003", "--hidden-dim", "64",
            "--output-dim", "32", "--frequency-num", "8", "--device", "cpu", "--seed", "5");

    static Path table(String name, int rows) throws IOException {
        SplittableRandom r = new SplittableRandom(7);
        StringBuilder sb = new StringBuilder("lon,lat,f0,f1,f2\n");
        for (int i = 0; i < rows; i++) {
            double lat = 160 * r.nextDouble() - 80;
            double lon = 360 * r.nextDouble() - 180;
            sb.append(String.format(Locale.ROOT, "%.4f,%.4f,%.4f,%.4f,%.4f%n", lon, lat, Math.sin(Math.toRadians(lat)),
                    Math.cos(Math.toRadians(lon)), r.nextGaussian()));
        }
        Path p = dir.resolve(name);
        Files.writeString(p, sb.toString());
        return p;
    }

    static CliRun pretrain(Path input, Path out, List<String> extra) {
        List<String> a = new ArrayList<>(List.of("pretrain", "--input", input.toString(), "--output", out.toString()));
        a.addAll(SETTINGS);
        for (int i = 0; i < extra.size(); i += 2) {
            int at = a.indexOf(extra.get(i));
            if (at >= 0) {
                a.set(at + 1, extra.get(i + 1)); // a changed setting
            } else {
                a.addAll(extra.subList(i, i + 2));
            }
        }
        return CliRun.run(a.toArray(String[]::new));
    }

    @BeforeAll
    static void firstEpoch() throws IOException {
        table = table("t.csv", 400);
        checkpoints = dir.resolve("ckpt");
        CliRun r = pretrain(table, dir.resolve("first.geocsp"), List.of("--epochs", "1", "--checkpoint-dir",
                checkpoints.toString()));
        assertEquals(0, r.exitCode(), r.err());
    }

    private static void assertRefused(CliRun r, Path out, String... fragments) {
        assertEquals(2, r.exitCode(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        for (String f : fragments) {
            assertTrue(r.err().contains(f), f + " in " + r.err());
        }
        assertFalse(Files.exists(out));
    }

    @Test
    void changedStackIsRefusedBeforeTheInputIsRead() {
        Path out = dir.resolve("a.geocsp");
        List<String> a = new ArrayList<>(List.of("pretrain", "--input", "/nonexistent-geocsp-input/t.csv", "--output",
                out.toString(), "--epochs", "2", "--resume", checkpoints.toString()));
        a.addAll(SETTINGS);
        a.set(a.indexOf("--hidden-dim") + 1, "128");
        assertRefused(CliRun.run(a.toArray(String[]::new)), out,
                "--hidden-dim: Hidden dimension is 128 but the run in", "was started with 64");
    }

    @Test
    void changedTrainingSettingIsRefused() {
        Path out = dir.resolve("b.geocsp");
        List<String> extra = List.of("--epochs", "2", "--resume", checkpoints.toString(), "--lr", "0.01",
                "--temperatures", "10,1,1");
        assertRefused(pretrain(table, out, extra), out, "--lr: Learning rate is 0.01 but", "started with 0.003",
                "--temperatures: In-batch temperature (tau_b) is 10 but", "started with 20");
    }

    @Test
    void otherDataIsRefused() throws IOException {
        Path out = dir.resolve("c.geocsp");
        assertRefused(pretrain(table("other.csv", 300), out, List.of("--epochs", "2", "--resume",
                checkpoints.toString())), out, "data rows is 300 but", "started with 400", "resume with the same data");
    }

    @Test
    void sameSettingsAndDataResume() {
        Path out = dir.resolve("d.geocsp");
        CliRun r = pretrain(table, out, List.of("--epochs", "2", "--resume", checkpoints.toString()));
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(Files.isRegularFile(out));
    }
}
