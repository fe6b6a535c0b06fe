package org.geocsp.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.geocsp.core.encode.EncoderRegistry;
import org.geocsp.core.encode.EncoderSpec;
import org.geocsp.core.encode.PositionEncoder;
import org.geocsp.core.encode.RbfEncoder;
import org.geocsp.core.geo.AreaUniformSampler;
import org.geocsp.core.nn.DefaultStacks;
import org.geocsp.core.runtime.GradMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every registered encoder with its default stack survives a model-file round trip and a
 * safetensors export/import bit for bit, position-encoder parameters included (rbf anchors
 * fitted to data, rff W and b, the tile table): those are changed away from what the spec's seed
 * would rebuild before saving, so a loader that re-created them instead of reading them fails.
 */
class AllEncodersModelTest {

    static final double[] LON = {0, -180, 180, 12.5, -77.03, 151.2, 0.25, -33.3};
    static final double[] LAT = {0, -90, 90, 41.9, 38.9, -33.87, 0.75, 64.1};

    static List<String> encoders() {
        return EncoderRegistry.names();
    }

    static EncoderSpec spec(String name) {
        EncoderSpec s = EncoderSpec.of(name);
        // dfs has 4S² + 4S features: S = 4 keeps the test small
        return s.name().equals("Sphere2Vec-dfs") ? s.withFrequencyNum(4) : s;
    }

    static Map<String, float[]> parameters(GeoModel m) {
        Map<String, float[]> out = new LinkedHashMap<>();
        m.network().referenceParameters().forEach((k, p) -> out.put(k, p.getArray().toFloatArray()));
        return out;
    }

    static void assertSameEmbeddings(float[][] expected, float[][] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], what + ", row " + i);
        }
    }

    static void assertSameParameters(Map<String, float[]> expected, GeoModel actual, String what) {
        Map<String, float[]> got = parameters(actual);
        assertEquals(expected.keySet(), got.keySet(), what);
        expected.forEach((k, v) -> assertArrayEquals(v, got.get(k), what + ": " + k));
    }

    /** Moves every position-encoder parameter away from its seeded initial value. */
    static void changePositionEncoderParameters(PositionEncoder pe) {
        if (pe instanceof RbfEncoder) {
            double[] lon = new double[500];
            double[] lat = new double[500];
            new AreaUniformSampler(5).sample(lon, lat);
            pe.fitToData(lon, lat, 9);
        }
        try (GradMode g = GradMode.disabled()) {
            for (Pair<String, Parameter> p : pe.getParameters()) {
                if (!(pe instanceof RbfEncoder)) {
                    NDArray a = p.getValue().getArray();
                    a.muli(0.75f).addi(0.125f);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("encoders")
    void modelFileAndSafetensorsRoundTripsAreBitExact(String name, @TempDir Path dir) throws Exception {
        ModelSpec spec = ModelSpec.of(spec(name), DefaultStacks.forEncoder(name));
        try (GeoModel model = GeoModel.create(spec, 17)) {
            PositionEncoder pe = model.network().locationEncoder().positionEncoder();
            Map<String, float[]> seeded = parameters(model);
            changePositionEncoderParameters(pe);
            Map<String, float[]> params = parameters(model);
            for (Pair<String, Parameter> p : pe.getParameters()) {
                String ref = "loc_enc.spa_enc." + p.getKey();
                assertFalse(Arrays.equals(seeded.get(ref), params.get(ref)), ref + " must differ from its seeded value");
            }
            float[][] expected = model.embed(LON, LAT);
            assertEquals(model.network().embeddingDim(), expected[0].length);
            for (float[] row : expected) {
                for (float v : row) {
                    assertTrue(Float.isFinite(v), name + " gives a non-finite embedding");
                }
            }

            Path file = dir.resolve("m.geocsp");
            ModelFile.save(model, file);
            assertEquals(spec, ModelFile.readSpec(file));
            try (GeoModel loaded = ModelFile.load(file, Device.cpu())) {
                assertEquals(spec, loaded.spec());
                assertSameParameters(params, loaded, name + " model file");
                assertSameEmbeddings(expected, loaded.embed(LON, LAT), name + " after model file round trip");
                if (pe instanceof RbfEncoder rbf) {
                    RbfEncoder back = (RbfEncoder) loaded.network().locationEncoder().positionEncoder();
                    assertTrue(Arrays.deepEquals(rbf.anchorsLonLatDeg(), back.anchorsLonLatDeg()),
                            "rbf anchors after loading");
                }
            }

            Path st = dir.resolve("m.safetensors");
            ModelFile.exportSafetensors(model, st);
            try (GeoModel fresh = GeoModel.create(spec, 99)) {
                assertFalse(Arrays.deepEquals(expected, fresh.embed(LON, LAT)), "a fresh model must differ first");
                ImportReport rep = ModelFile.importSafetensors(fresh, st);
                assertTrue(rep.isComplete(), rep.problems().toString());
                assertEquals(params.keySet(), new java.util.HashSet<>(rep.loaded()), "every parameter imported");
                assertSameParameters(params, fresh, name + " safetensors import");
                assertSameEmbeddings(expected, fresh.embed(LON, LAT), name + " after safetensors import");
            }
        }
    }
}
