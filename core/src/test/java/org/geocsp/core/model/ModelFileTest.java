package org.geocsp.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.geocsp.core.encode.EncoderSpec;
import org.geocsp.core.nn.StackSpec;
import org.geocsp.core.runtime.GeoRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {

    static ModelSpec spec() {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("history", "[{\"epoch\":1,\"loss\":0.5}]");
        meta.put("note", "zürich");
        return new ModelSpec(ModelSpec.FORMAT_VERSION, EncoderSpec.of("gridcell").withFrequencyNum(8),
                StackSpec.csp().withHiddenDim(32).withOutputDim(16), 12, List.of(20), List.of("oak", "pine", "elm"),
                7, ModelStage.FINETUNED, new Provenance(new PretrainingRecord(org.geocsp.core.loss.Objective.CONTSOFTMAX,
                        "COMPLETED", 2, TrainingHistoryTest.twoEpochs()), new FineTuningRecord("presence_absence", 0.5, 9,
                        true, 1.25, "COMPLETED", 1, TrainingHistoryTest.twoEpochs())), meta);
    }

    static final double[] LON = {0, -180, 180, 12.5, -77.03, 151.2};
    static final double[] LAT = {0, -90, 90, 41.9, 38.9, -33.87};

    static Map<String, float[]> parameters(GeoModel m) {
        Map<String, float[]> out = new LinkedHashMap<>();
        m.network().referenceParameters().forEach((k, p) -> out.put(k, p.getArray().toFloatArray()));
        return out;
    }

    static void assertSameParameters(GeoModel a, GeoModel b) {
        Map<String, float[]> pa = parameters(a);
        Map<String, float[]> pb = parameters(b);
        assertEquals(pa.keySet(), pb.keySet());
        pa.forEach((k, v) -> assertArrayEquals(v, pb.get(k), k));
    }

    @Test
    void roundTripIsBitExact(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("m.geocsp");
        try (GeoModel a = GeoModel.create(spec(), 7)) {
            ModelFile.save(a, f);
            assertEquals(spec(), ModelFile.readSpec(f));
            try (GeoModel b = ModelFile.load(f, Device.cpu()); GeoModel fresh = GeoModel.create(spec(), 0)) {
                assertEquals(a.spec(), b.spec());
                assertSameParameters(a, b);
                assertFalse(java.util.Arrays.equals(parameters(a).get("class_emb.weight"),
                        parameters(fresh).get("class_emb.weight")), "load must not just re-create seed 0");
                assertEquals(List.of(3, 7), java.util.Arrays.stream(b.network().referenceParameters()
                        .get("img_cls.weight").getArray().getShape().getShape()).mapToObj(x -> (int) x).toList());
                float[][] ea = a.embed(LON, LAT);
                float[][] eb = b.embed(LON, LAT);
                for (int i = 0; i < ea.length; i++) {
                    assertArrayEquals(ea[i], eb[i], "embedding row " + i);
                }
                try (NDManager m = GeoRuntime.manager(Device.cpu())) {
                    NDArray img = m.randomNormal(new ai.djl.ndarray.types.Shape(3, 12));
                    ParameterStore ps = new ParameterStore(m, false);
                    assertArrayEquals(a.network().projectImages(ps, img, false).toFloatArray(),
                            b.network().projectImages(ps, img, false).toFloatArray());
                }
            }
        }
    }

    @Test
    void specsWrittenBeforeTheImageClassifierReadWithout() throws Exception {
        String json = spec().toJson().replaceAll("\\s*\"imageClassifierDim\": 7,", "");
        assertFalse(json.contains("imageClassifierDim"), json);
        ModelSpec old = ModelSpec.fromJson(json);
        assertEquals(0, old.imageClassifierDim());
        assertFalse(old.hasImageClassifier());
        assertEquals(spec().withImageClassifier(0), old);
    }

    @Test
    void failedSaveLeavesTargetUntouched(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("m.geocsp");
        try (GeoModel a = GeoModel.create(spec(), 1); GeoModel b = GeoModel.create(spec(), 2)) {
            ModelFile.save(a, f);
            byte[] before = Files.readAllBytes(f);
            IOException e = assertThrows(IOException.class, () -> ModelFile.save(b, f, os -> new FailingStream(os, 3000)));
            assertEquals("disk full (simulated)", e.getMessage());
            assertArrayEquals(before, Files.readAllBytes(f), "the old file must be untouched");
            try (Stream<Path> s = Files.list(dir)) {
                assertEquals(List.of(f), s.toList(), "no temporary file may be left behind");
            }
            Path fresh = dir.resolve("new.geocsp");
            assertThrows(IOException.class, () -> ModelFile.save(b, fresh, os -> new FailingStream(os, 10)));
            assertFalse(Files.exists(fresh));
            // and the old file still loads
            try (GeoModel c = ModelFile.load(f, Device.cpu())) {
                assertSameParameters(a, c);
            }
        }
    }

    @Test
    void unsupportedFormatVersionNamesBothVersions(@TempDir Path dir) throws Exception {
        for (int v : new int[] {99, 0}) {
            Path f = dir.resolve("v" + v + ".geocsp");
            ModelSpec s = spec();
            ModelSpec other = new ModelSpec(v, s.encoder(), s.stack(), s.imageDim(), s.imageHiddenDims(),
                    s.classLabels(), s.imageClassifierDim(), s.stage(), s.provenance(), s.metadata());
            try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(f))) {
                z.putNextEntry(new ZipEntry(ModelFile.SPEC_ENTRY));
                z.write(other.toJson().getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
            ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(f, Device.cpu()));
            assertTrue(e.getMessage().contains("format version " + v), e.getMessage());
            assertTrue(e.getMessage().contains("reads format version " + ModelSpec.FORMAT_VERSION), e.getMessage());
            assertTrue(e.getMessage().contains(v > 1 ? "newer" : "older"), e.getMessage());
        }
    }

    @Test
    void notAModelFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("x.geocsp");
        Files.writeString(f, "hello");
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(f, Device.cpu()));
        assertTrue(e.getMessage().contains("not a GeoCSP model file"), e.getMessage());
    }

    @Test
    void exportImportSafetensors(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("p.safetensors");
        try (GeoModel a = GeoModel.create(spec(), 11); GeoModel b = GeoModel.create(spec(), 12)) {
            ModelFile.exportSafetensors(a, f);
            try (Safetensors.Reader r = Safetensors.open(f)) {
                assertEquals("pt", r.metadata().get("format"));
                assertEquals(a.spec(), ModelSpec.fromJson(r.metadata().get(ModelFile.META_MODEL)));
                assertEquals(List.copyOf(a.network().referenceParameters().keySet()), r.names());
            }
            ImportReport rep = ModelFile.importSafetensors(b, f);
            assertTrue(rep.isComplete());
            assertSameParameters(a, b);
        }
    }

    @Test
    void importReportsMissingUnexpectedAndMismatchedByName(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.safetensors");
        try (GeoModel a = GeoModel.create(spec(), 1); GeoModel b = GeoModel.create(spec(), 2)) {
            Map<String, Parameter> params = a.network().referenceParameters();
            Safetensors.Writer w = new Safetensors.Writer();
            String wrongShape = "loc_enc.spa_enc.ffn.layers.1.linear.weight";
            String missing = "img_dec.0.bias";
            for (Map.Entry<String, Parameter> e : params.entrySet()) {
                float[] v = e.getValue().getArray().toFloatArray();
                long[] shape = e.getValue().getArray().getShape().getShape();
                if (e.getKey().equals(wrongShape)) {
                    w.addFloats(e.getKey(), new long[] {shape[1], shape[0]}, v);
                } else if (e.getKey().equals("class_emb.weight")) {
                    // a float64 tensor is converted on import
                    double[] d = new double[v.length];
                    for (int i = 0; i < v.length; i++) {
                        d[i] = v[i];
                    }
                    w.addDoubles("loc_enc.class_emb.weight", shape, d);
                } else if (!e.getKey().equals(missing)) {
                    w.addFloats(e.getKey(), shape, v);
                }
            }
            w.addFloats("decoder.extra", new long[] {2}, new float[] {1, 2});
            w.write(f);

            Map<String, float[]> before = parameters(b);
            ModelFileException ex = assertThrows(ModelFileException.class, () -> ModelFile.importSafetensors(b, f));
            assertTrue(ex.getMessage().contains(missing), ex.getMessage());
            assertTrue(ex.getMessage().contains("decoder.extra"), ex.getMessage());
            assertTrue(ex.getMessage().contains(wrongShape + ": shape [16, 32] in the file, [32, 16] in the model")
                    || ex.getMessage().contains(wrongShape + ": shape [32, 16] in the file, [16, 32] in the model"),
                    ex.getMessage());
            Map<String, float[]> after = parameters(b);
            before.forEach((k, v) -> assertArrayEquals(v, after.get(k), "strict import must not change " + k));

            ImportReport rep = ModelFile.importSafetensors(b, f, false);
            assertEquals(List.of(missing, wrongShape).stream().sorted().toList(),
                    java.util.stream.Stream.concat(rep.missing().stream(), Stream.<String>empty()).sorted().toList());
            assertEquals(List.of("decoder.extra"), rep.unexpected());
            assertEquals(1, rep.mismatched().size());
            assertArrayEquals(parameters(a).get("class_emb.weight"), parameters(b).get("class_emb.weight"));
            assertArrayEquals(parameters(a).get("img_dec.0.weight"), parameters(b).get("img_dec.0.weight"));
        }
    }

    @Test
    void referenceAliases() {
        assertTrue(ModelFile.candidates("spa_enc.ffn.layers.0.linear.weight")
                .contains("loc_enc.spa_enc.ffn.layers.0.linear.weight"));
        assertTrue(ModelFile.candidates("spa_enc.feats.0.weight").contains("loc_enc.feats.0.weight"));
        assertTrue(ModelFile.candidates("feats.3.w1.bias").contains("loc_enc.feats.3.w1.bias"));
        assertTrue(ModelFile.candidates("model.location.nnet.last_layer.weight")
                .contains("loc_enc.nnet.last_layer.weight"));
        assertTrue(ModelFile.candidates("nnet.layers.0.weight").contains("loc_enc.nnet.layers.0.weight"));
        assertTrue(ModelFile.candidates("module.loc_enc.class_emb.weight").contains("class_emb.weight"));
    }

    /** Passes {@code limit} bytes through, then fails like a full disk. */
    static final class FailingStream extends FilterOutputStream {
        private long left;

        FailingStream(OutputStream out, long limit) {
            super(out);
            left = limit;
        }

        @Override
        public void write(int b) throws IOException {
            if (--left < 0) {
                throw new IOException("disk full (simulated)");
            }
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            for (int i = 0; i < len; i++) {
                write(b[off + i]);
            }
        }
    }
}
