package org.geocsp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.geocsp.core.model.ModelFile;
import org.geocsp.core.model.ModelStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code geocsp demo} and {@code geocsp bench quality --quick --json} on tiny configurations (seconds). */
class DemoAndQualityCommandTest {

    private static final Pattern ROW = Pattern.compile("(?m)^(supervised only \\(Space2Vec-grid\\)|CSP pre-trained \\(MC B\\+L\\+D\\))"
            + "\\s+(\\d+\\.\\d)%\\s+(\\d+\\.\\d)%\\s+(\\d+\\.\\d)%\\s+(\\d+\\.\\d)%\\s+(\\d+\\.\\d)%\\s+(\\d+\\.\\d)%\\s*$");

    @Test
    void demoWritesModelsCurveAndMapAndPrintsTheTable(@TempDir Path dir) throws Exception {
        CliRun r = CliRun.run("demo", "--output-dir", dir.toString(), "--max-places", "3000", "--pretrain-rows", "1500",
                "--epochs", "1", "--finetune-steps", "20", "--embedding-width", "32", "--hidden-dim", "32",
                "--geolocate-queries", "100", "--map-country", "US");
        assertEquals(0, r.exitCode(), r.err());
        String out = r.out();
        Matcher m = ROW.matcher(out);
        int rows = 0;
        while (m.find()) {
            rows++;
            double top1 = Double.parseDouble(m.group(2));
            double top3 = Double.parseDouble(m.group(3));
            assertTrue(top3 >= top1, out);
            assertTrue(Double.parseDouble(m.group(5)) >= Double.parseDouble(m.group(4)), out);
            assertTrue(Double.parseDouble(m.group(7)) >= Double.parseDouble(m.group(6)), out);
        }
        assertEquals(2, rows, "supervised-only and CSP rows:\n" + out);
        assertTrue(out.contains("name classifier only (image)"), out);
        assertTrue(out.contains("majority class (US)"), out);
        assertTrue(Pattern.compile("median error \\d+ km").matcher(out).find(), out);
        assertTrue(Pattern.compile("Map false positives .*: CSP 0\\.\\d{4}, supervised only 0\\.\\d{4}; worst for CSP: [A-Z]{2} ")
                .matcher(out).find(), out);
        assertTrue(out.contains("outputs in " + dir.toAbsolutePath()), out);
        for (String f : List.of("csp-pretrained.geocsp", "csp-finetuned-country.geocsp", "pretrain-loss.png",
                "map-US.png")) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
        assertEquals(ModelStage.PRETRAINED, ModelFile.readSpec(dir.resolve("csp-pretrained.geocsp")).stage());
        assertEquals(ModelStage.FINETUNED, ModelFile.readSpec(dir.resolve("csp-finetuned-country.geocsp")).stage());
        assertTrue(ModelFile.readSpec(dir.resolve("csp-finetuned-country.geocsp")).classLabels().contains("US"));
    }

    @Test
    void demoRejectsAnUnknownMapCountry(@TempDir Path dir) {
        CliRun r = CliRun.run("demo", "--output-dir", dir.toString(), "--max-places", "2000", "--pretrain-rows", "500",
                "--epochs", "1", "--finetune-steps", "5", "--embedding-width", "16", "--hidden-dim", "16",
                "--geolocate-queries", "10", "--map-country", "XX");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--map-country 'XX'"), r.err());
    }

    @Test
    void quickQualityJsonHasOneRecordPerTaskRatioAndMethod(@TempDir Path dir) throws Exception {
        CliRun r = CliRun.run("bench", "quality", "--quick", "--json", "--no-progress", "--output-dir", dir.toString(),
                "--max-places", "3000", "--pretrain-rows", "1000", "--epochs", "1", "--finetune-steps", "10",
                "--embedding-width", "32", "--hidden-dim", "32", "--probe-budget", "1e6",
                "--methods", "supervised grid,CSP-MC-B ref,CSP-MSE");
        assertEquals(0, r.exitCode(), r.err());
        JsonArray a = JsonParser.parseString(r.out().strip()).getAsJsonArray();
        assertEquals(2 * 3, a.size(), "quick: country at 1% and 10%, three methods");
        Set<String> keys = new HashSet<>();
        for (JsonElement e : a) {
            JsonObject o = e.getAsJsonObject();
            for (String k : List.of("task", "ratio", "method", "top1_location", "top1_combined", "top1_combined_softmax")) {
                assertTrue(o.has(k), k + " in " + o);
            }
            assertEquals("country", o.get("task").getAsString());
            double loc = o.get("top1_location").getAsDouble();
            double comb = o.get("top1_combined").getAsDouble();
            assertTrue(loc >= 0 && loc <= 1 && comb >= 0 && comb <= 1, o.toString());
            assertTrue(keys.add(o.get("ratio").getAsDouble() + "|" + o.get("method").getAsString()), "unique " + o);
            if (o.get("method").getAsString().equals("supervised grid")) {
                assertEquals(0.0, o.get("rel_improvement_location").getAsDouble(), 1e-12);
            }
            assertEquals(0, o.get("seed").getAsLong());
            assertEquals("supervised grid", o.get("baseline").getAsString());
            double fp = o.get("map_false_positive").getAsDouble();
            assertTrue(fp >= 0 && fp <= 1, o.toString());
            JsonArray countries = o.getAsJsonArray("map_false_positive_countries");
            assertTrue(countries.size() >= 1 && countries.size() <= 20, o.toString());
            double sum = 0;
            for (JsonElement c : countries) {
                sum += c.getAsJsonObject().get("mean_probability").getAsDouble();
            }
            assertEquals(sum / countries.size(), fp, 1e-9, "the measure is the mean over the countries");
        }
        assertTrue(keys.contains("0.01|CSP-MC-B ref") && keys.contains("0.1|CSP-MSE"), keys.toString());
        assertTrue(Files.size(dir.resolve("quality.png")) > 0);
        assertEquals(a, JsonParser.parseString(Files.readString(dir.resolve("results.json"))));
        // the table (on stderr with --json) names the probe next to the majority class
        assertTrue(r.err().contains("probe top-1") && r.err().contains("majority class top-1"), r.err());
    }

    @Test
    void defaultsRunsBothDefaultMethodsOncePerSeedAndSummarisesOverTheSeeds(@TempDir Path dir) throws Exception {
        CliRun r = CliRun.run("bench", "quality", "--defaults", "--seeds", "3,4", "--json", "--no-progress",
                "--output-dir", dir.toString(), "--tasks", "country", "--ratios", "0.1", "--max-places", "2000",
                "--pretrain-rows", "600", "--embedding-width", "16", "--probe-budget", "1e5");
        assertEquals(0, r.exitCode(), r.err());
        JsonArray a = JsonParser.parseString(r.out().strip()).getAsJsonArray();
        Set<String> runs = new HashSet<>();
        for (JsonElement e : a) {
            JsonObject o = e.getAsJsonObject();
            runs.add(o.get("method").getAsString() + "|" + o.get("seed").getAsLong());
            assertEquals("supervised (defaults)", o.get("baseline").getAsString());
            assertTrue(o.has("rel_improvement_location"), o.toString());
        }
        assertEquals(Set.of("supervised (defaults)|3", "supervised (defaults)|4", "CSP (defaults)|3", "CSP (defaults)|4"),
                runs);
        assertTrue(Pattern.compile("(?m)^\\s+country\\s+10%\\s+CSP \\(defaults\\)\\s+2\\s+\\d+\\.\\d\\d ± \\d+\\.\\d\\d%")
                .matcher(r.err()).find(), "summary over two seeds:\n" + r.err());
    }

    @Test
    void defaultsRefusesTheBudgetOptionsItIgnores(@TempDir Path dir) {
        CliRun r = CliRun.run("bench", "quality", "--defaults", "--epochs", "3", "--output-dir", dir.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--defaults") && r.err().contains("--epochs"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }
}
