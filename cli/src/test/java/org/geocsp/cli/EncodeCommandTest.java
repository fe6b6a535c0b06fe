package org.geocsp.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.geocsp.core.testutil.Golden;
import org.geocsp.core.encode.EncoderRegistry;
import org.geocsp.core.encode.EncoderSpec;
import org.geocsp.core.encode.PositionEncoder;
import org.geocsp.core.nn.Activation;
import org.geocsp.core.nn.StackKind;
import org.geocsp.core.nn.StackSpec;
import org.geocsp.core.runtime.GeoRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code geocsp encode} end to end: raw PE, golden trained stack, error cases. */
class EncodeCommandTest {

    static final double[][] POINTS = {{0, 0}, {12.5, 41.9}, {-77.03, 38.9}, {151.2, -33.87}, {-180, -90}, {180, 90}};

    static Path csv(Path dir, String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    static Path lonLatCsv(Path dir, double[][] rows) throws IOException {
        StringBuilder sb = new StringBuilder("lon,lat\n");
        for (double[] r : rows) {
            sb.append(r[0]).append(',').append(r[1]).append('\n');
        }
        return csv(dir, "in.csv", sb.toString());
    }

    /** The output CSV: checks the header e0..e(D-1) and returns the rows. */
    static float[][] readOutput(Path f) throws IOException {
        List<String> lines = Files.readAllLines(f);
        String[] header = lines.get(0).split(",");
        for (int j = 0; j < header.length; j++) {
            assertEquals("e" + j, header[j], "header column " + j);
        }
        float[][] rows = new float[lines.size() - 1][];
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",");
            assertEquals(header.length, cells.length, "cells in output row " + i);
            rows[i - 1] = new float[cells.length];
            for (int j = 0; j < cells.length; j++) {
                rows[i - 1][j] = Float.parseFloat(cells[j]);
            }
        }
        return rows;
    }

    static void assertOneErrorLine(CliRun r, String... contains) {
        assertEquals(2, r.exitCode(), "exit code; stderr: " + r.err());
        List<String> lines = r.err().strip().lines().toList();
        assertEquals(1, lines.size(), "one line on stderr, got: " + r.err());
        assertTrue(lines.get(0).startsWith("geocsp encode: "), lines.get(0));
        for (String c : contains) {
            assertTrue(lines.get(0).contains(c), "'" + c + "' in: " + lines.get(0));
        }
    }

    @Test
    void rawGridEqualsCoreEncoder(@TempDir Path dir) throws Exception {
        Path in = lonLatCsv(dir, POINTS);
        Path out = dir.resolve("out.csv");
        CliRun r = CliRun.run("encode", "--encoder", "Space2Vec-grid", "--frequency-num", "8", "--min-radius", "1",
                "--max-radius", "180", "--raw", "--input", in.toString(), "--output", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        float[][] actual = readOutput(out);

        EncoderSpec spec = EncoderSpec.of("Space2Vec-grid").withFrequencyNum(8).withRadii(1, 180);
        PositionEncoder pe = EncoderRegistry.create(spec);
        try (NDManager m = GeoRuntime.manager(ai.djl.Device.cpu())) {
            pe.initialize(m, DataType.FLOAT32, new Shape(1, 2));
            double[] flat = new double[2 * POINTS.length];
            for (int i = 0; i < POINTS.length; i++) {
                flat[2 * i] = POINTS[i][0];
                flat[2 * i + 1] = POINTS[i][1];
            }
            NDArray coords = m.create(flat).reshape(POINTS.length, 2);
            float[] expected = pe.forward(new ParameterStore(m, false), new NDList(coords), false).head()
                    .toFloatArray();
            assertEquals(POINTS.length, actual.length);
            assertEquals(32, actual[0].length, "4S features");
            for (int i = 0; i < POINTS.length; i++) {
                float[] row = new float[32];
                System.arraycopy(expected, 32 * i, row, 0, 32);
                assertArrayEquals(row, actual[i], "row " + (i + 1) + " must be bit-identical to the core encoder");
            }
        }
    }

    @Test
    void weightsReproduceGoldenEncoderForward(@TempDir Path dir) throws Exception {
        JsonObject golden = Golden.json("encoder_forward.json");
        Path in = lonLatCsv(dir, Golden.matrix(golden.get("coords_lonlat_deg")));
        Path out = dir.resolve("emb.csv");
        CliRun r = CliRun.run("encode", "--encoder", "gridcell", "--frequency-num", "32", "--min-radius", "0.1",
                "--max-radius", "360", "--weights", Golden.file("encoder_gridcell.safetensors").toString(),
                "--hidden-layers", "1", "--hidden-dim", "512", "--output-dim", "256", "--activation", "leakyrelu",
                "--input", in.toString(), "--output", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        float[][] actual = readOutput(out);
        double[][] expected = Golden.matrix(golden.get("output_f32_reference"));
        assertEquals(expected.length, actual.length);
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i].length, actual[i].length, "row " + i);
            for (int j = 0; j < expected[i].length; j++) {
                worst = Math.max(worst, Math.abs(expected[i][j] - actual[i][j]));
            }
        }
        assertTrue(worst <= 1e-4, "worst abs error vs output_f32_reference: " + worst);
    }

    @Test
    void weightsThatDoNotFitNameTheTensors(@TempDir Path dir) throws Exception {
        Path in = lonLatCsv(dir, POINTS);
        Path out = dir.resolve("emb.csv");
        CliRun r = CliRun.run("encode", "--encoder", "gridcell", "--weights",
                Golden.file("encoder_gridcell.safetensors").toString(), "--hidden-dim", "256", "--input",
                in.toString(), "--output", out.toString());
        assertOneErrorLine(r, "loc_enc.spa_enc.ffn.layers.0.linear.weight", "shape");
        assertFalse(Files.exists(out));

        // a stack with a layer the file lacks: the missing parameters are named
        r = CliRun.run("encode", "--encoder", "gridcell", "--weights",
                Golden.file("encoder_gridcell.safetensors").toString(), "--hidden-layers", "2", "--input",
                in.toString(), "--output", out.toString());
        assertOneErrorLine(r, "missing", "loc_enc.spa_enc.ffn.layers.2.linear.weight");
    }

    @Test
    void neitherRawNorWeightsIsAnError(@TempDir Path dir) throws Exception {
        Path in = lonLatCsv(dir, POINTS);
        CliRun r = CliRun.run("encode", "--encoder", "gridcell", "--input", in.toString(), "--output",
                dir.resolve("o.csv").toString());
        assertOneErrorLine(r, "--raw", "--weights");
    }

    @Test
    void unknownEncoderListsTheValidNames(@TempDir Path dir) throws Exception {
        Path in = lonLatCsv(dir, POINTS);
        CliRun r = CliRun.run("encode", "--encoder", "gridcel", "--raw", "--input", in.toString(), "--output",
                dir.resolve("o.csv").toString());
        assertOneErrorLine(r, "'gridcel'");
        for (String name : EncoderRegistry.names()) {
            assertTrue(r.err().contains(name), name + " listed in: " + r.err());
        }
    }

    @Test
    void badRowsAreNamedAndNothingIsWritten(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("o.csv");
        Files.writeString(out, "previous content");
        Path in = csv(dir, "in.csv", "lon,lat\n1,2\n3,abc\n5,6\n");
        CliRun r = CliRun.run("encode", "--encoder", "gridcell", "--raw", "--input", in.toString(), "--output",
                out.toString());
        assertOneErrorLine(r, "row 2", "'lat'", "abc");
        assertEquals("previous content", Files.readString(out), "a failed run leaves the output untouched");

        Path range = csv(dir, "range.csv", "lon,lat\n1,2\n3,4\n5,95.5\n");
        r = CliRun.run("encode", "--encoder", "gridcell", "--raw", "--input", range.toString(), "--output",
                out.toString());
        assertOneErrorLine(r, "row 3", "95.5", "'lat'");
        assertEquals("previous content", Files.readString(out));
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = new ArrayList<>();
            files.forEach(f -> names.add(f.getFileName().toString()));
            assertEquals(List.of("in.csv", "o.csv", "range.csv"), names.stream().sorted().toList(),
                    "no temporary file left behind");
        }
    }

    @Test
    void missingLonColumnIsNamed(@TempDir Path dir) throws Exception {
        Path in = csv(dir, "in.csv", "x,lat\n1,2\n");
        Path out = dir.resolve("o.csv");
        CliRun r = CliRun.run("encode", "--encoder", "gridcell", "--raw", "--input", in.toString(), "--output",
                out.toString());
        assertOneErrorLine(r, "'lon'", "x");
        assertFalse(Files.exists(out));
    }

    @Test
    void stackOptionsMapToTheEncodersPublishedStack() {
        EncodeCommand.StackWeights o = new EncodeCommand.StackWeights();
        assertEquals(StackSpec.csp(), EncodeWithWeights.stackSpec(EncoderSpec.of("gridcell"), o));

        o.hiddenLayers = 2;
        o.hiddenDim = 128;
        o.activation = "relu";
        StackSpec wrap = EncodeWithWeights.stackSpec(EncoderSpec.of("wrap"), o);
        assertEquals(StackKind.RESIDUAL, wrap.kind());
        assertEquals(2, wrap.hiddenLayers());
        assertEquals(128, wrap.outputDim(), "the residual network keeps its width");
        assertEquals(Activation.RELU, wrap.activation());

        StackSpec sh = EncodeWithWeights.stackSpec(EncoderSpec.of("spherical_harmonics"), o);
        assertEquals(StackKind.SIREN, sh.kind());
        assertNull(sh.activation(), "SIREN uses sine; --activation is ignored");
        assertEquals(256, sh.outputDim());

        o.outputDim = 64;
        StackSpec ffn = EncodeWithWeights.stackSpec(EncoderSpec.of("theory"), o);
        assertEquals(StackKind.FFN, ffn.kind());
        assertTrue(ffn.layerNorm() && ffn.skipConnection(), "CSP default: LayerNorm and skip connections");
        assertEquals(64, ffn.outputDim());
    }
}
