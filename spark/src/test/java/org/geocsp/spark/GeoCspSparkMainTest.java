package org.geocsp.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.geocsp.core.model.GeoModel;
import org.geocsp.core.model.ModelFile;
import org.geocsp.core.predict.LocationPredictor;
import org.geocsp.core.predict.PredictParams;
import org.geocsp.core.predict.PredictionBatch;
import org.geocsp.core.predict.PredictionRequest;
import org.geocsp.core.runtime.DeviceChoice;
import org.geocsp.core.runtime.GeoRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spark-submit entry point in local mode: CSV and Parquet in and out, results equal to the core
 * predictor on the same rows, bad input as one line with exit code 2. The class's session is
 * running, so the command uses it (as under an application that already has one) and leaves it.
 */
class GeoCspSparkMainTest {

    @TempDir
    static Path dir;

    static Path modelFile;
    static double[] lon;
    static double[] lat;

    @BeforeAll
    static void setUp() throws Exception {
        spark = SparkTestData.session();
        modelFile = SparkTestData.classifierModel(dir, 9);
        double[][] ll = SparkTestData.locations(40, 31);
        lon = ll[0];
        lat = ll[1];
        StringBuilder csv = new StringBuilder("id,lon,lat\n");
        for (int i = 0; i < lon.length; i++) {
            csv.append(i).append(',').append(lon[i]).append(',').append(lat[i]).append('\n');
        }
        Files.writeString(dir.resolve("in.csv"), csv);
        Files.writeString(dir.resolve("bad.csv"), "id,lon,lat\n0,10.5,20\n1,12.0,-91.5\n2,13,14\n");
    }

    static SparkSession spark;

    @AfterAll
    static void stop() {
        spark.stop();
    }

    record Run(int code, String err) {}

    static Run run(String... args) {
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            int code = GeoCspSparkMain.run(args);
            return new Run(code, buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(old);
        }
    }

    @Test
    void csvInParquetOutEqualsTheCorePredictorThenParquetInCsvOut() throws Exception {
        Path out = dir.resolve("out.parquet");
        Run r = run("--model", modelFile.toString(), "--input", dir.resolve("in.csv").toString(), "--output",
                out.toString(), "--top-k", "2", "--all-scores");
        assertEquals(0, r.code(), r.err());
        PredictionBatch core;
        try (GeoModel m = ModelFile.load(modelFile, GeoRuntime.resolveDevice(DeviceChoice.AUTO))) {
            core = new LocationPredictor(m, PredictionRequest.builder().topK(2).includeEmbeddings(true).build())
                    .predictAll(lon, lat, null);
        }
        List<Row> rows = new ArrayList<>(spark.read().parquet(out.toString()).collectAsList());
        rows.sort(Comparator.comparingInt(x -> x.getInt(x.fieldIndex("id"))));
        assertEquals(lon.length, rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            assertEquals(core.topLabel(i, 0), row.getString(row.fieldIndex("pred_1")));
            assertEquals(core.topLabel(i, 1), row.getString(row.fieldIndex("pred_2")));
            assertEquals(core.topScore(i, 0), row.getFloat(row.fieldIndex("score_1")), 1e-6f);
            assertEquals("location-only", row.getString(row.fieldIndex("rule")));
            assertTrue(row.getFloat(row.fieldIndex("p_" + core.topLabel(i, 0))) > 0);
        }
        Path csvOut = dir.resolve("out-csv");
        Run back = run("--model", modelFile.toString(), "--input", out.toString(), "--output", csvOut.toString(),
                "--output-format", "csv", "--embeddings-only", "--embeddings");
        assertEquals(0, back.code(), back.err());
        List<String> lines = new ArrayList<>();
        try (var files = Files.list(csvOut)) {
            for (Path p : files.filter(p -> p.getFileName().toString().endsWith(".csv")).toList()) {
                lines.addAll(Files.readAllLines(p));
            }
        }
        assertTrue(lines.get(0).startsWith("id,lon,lat,pred_1,pred_2,score_1,score_2,rule,p_oak,"), lines.get(0));
        assertTrue(lines.get(0).contains(",p_ash,e0,") && lines.get(0).endsWith(",e15"), lines.get(0));
        assertEquals(lon.length, lines.stream().filter(l -> !l.startsWith("id,")).count());
        int e7 = List.of(lines.get(0).split(",")).indexOf("e7");
        for (String l : lines.subList(1, lines.size())) {
            String[] cells = l.split(",");
            int id = Integer.parseInt(cells[0]);
            assertEquals(core.embedding(id)[7], Float.parseFloat(cells[e7]), 1e-6f, l);
        }
        // the existing output is never replaced without --overwrite
        Run again = run("--model", modelFile.toString(), "--input", out.toString(), "--output", csvOut.toString(),
                "--output-format", "csv", "--embeddings-only", "--embeddings");
        assertEquals(2, again.code(), again.err());
        assertTrue(again.err().toLowerCase(Locale.ROOT).contains("already exists"), again.err());
    }

    @Test
    void badInputIsOneLineWithExitCode2() {
        Run lat = run("--model", modelFile.toString(), "--input", dir.resolve("bad.csv").toString(), "--output",
                dir.resolve("bad-out").toString());
        assertEquals(2, lat.code(), lat.err());
        String line = lat.err().lines().filter(l -> l.startsWith("geocsp-spark:")).findFirst().orElse("");
        assertTrue(line.contains("column 'lat'") && line.contains("row 2: -91.5") && line.contains("id=1"), lat.err());
        assertFalse(lat.err().contains("\tat "), "no stack trace: " + lat.err());
        assertFalse(Files.exists(dir.resolve("bad-out").resolve("_SUCCESS")), "no output of a failed job");

        Run column = run("--model", modelFile.toString(), "--input", dir.resolve("in.csv").toString(), "--output",
                dir.resolve("x").toString(), "--lat-column", "latitude");
        assertEquals(2, column.code(), column.err());
        assertTrue(column.err().contains("no latitude column 'latitude'"), column.err());

        Run score = run("--model", modelFile.toString(), "--input", dir.resolve("in.csv").toString(), "--output",
                dir.resolve("y").toString(), "--score-mode", "probit");
        assertEquals(2, score.code(), score.err());
        assertTrue(score.err().contains("setting 'score mode' has the unknown value 'probit'"), score.err());

        Run array = run("--model", modelFile.toString(), "--input", dir.resolve("in.csv").toString(), "--output",
                dir.resolve("z").toString(), "--output-format", "csv", "--embedding-array");
        assertEquals(2, array.code(), array.err());
        assertTrue(array.err().contains("CSV output cannot hold the array column 'embedding'"), array.err());
    }

    @Test
    void topKAndBatchSizeAreTheCoreDeclarations() {
        GeoCspSparkMain main = new GeoCspSparkMain();
        picocli.CommandLine cl = new picocli.CommandLine(main);
        GeoCspSparkMain.declare(cl);
        cl.parseArgs("--model", "m", "--input", "i", "--output", "o");
        SparkPredictOptions o = main.options();
        assertEquals(PredictParams.TOP_K.defaultInt(), o.topK());
        assertEquals(PredictParams.BATCH_SIZE.defaultInt(), o.batchSize());
        String help = cl.getUsageMessage().replaceAll("\\s+", " ");
        assertTrue(help.contains(PredictParams.BATCH_SIZE.description()) && help.contains("default 4096; [1, 1000000]"),
                help);

        Run bad = run("--model", modelFile.toString(), "--input", dir.resolve("in.csv").toString(), "--output",
                dir.resolve("w").toString(), "--top-k", "0", "--batch-size", String.valueOf(PredictParams.MAX_BATCH + 1));
        assertEquals(2, bad.code(), bad.err());
        String line = bad.err().lines().filter(l -> l.startsWith("geocsp-spark:")).findFirst().orElse("");
        assertTrue(line.contains("--top-k: Top k must be in [1, 10000], got 0")
                && line.contains("--batch-size: Batch size must be in [1, 1000000], got 1000001"), bad.err());
        assertFalse(Files.exists(dir.resolve("w")), "settings are checked before anything is written");
    }
}
