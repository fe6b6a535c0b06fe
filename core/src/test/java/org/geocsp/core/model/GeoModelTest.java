package org.geocsp.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.geocsp.core.encode.EncoderSpec;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.nn.StackSpec;
import org.geocsp.core.runtime.GeoRuntime;
import org.junit.jupiter.api.Test;

class GeoModelTest {

    static ModelSpec spec() {
        return ModelSpec.of(EncoderSpec.of("gridcell"), StackSpec.csp());
    }

    @Test
    void sameSeedSameModelInAnotherInstance() {
        double[] lon = {1, 2, 3};
        double[] lat = {-4, 5, 60};
        try (GeoModel a = GeoModel.create(spec(), 5); GeoModel b = GeoModel.create(spec(), 5);
                GeoModel c = GeoModel.create(spec(), 6)) {
            float[][] ea = a.embed(lon, lat);
            float[][] eb = b.embed(lon, lat);
            float[][] ec = c.embed(lon, lat);
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(ea[i], eb[i]);
                assertFalse(java.util.Arrays.equals(ea[i], ec[i]));
            }
        }
    }

    @Test
    void embedInBatchesEqualsOneBatchAndIsInEvalMode() {
        try (GeoModel m = GeoModel.create(spec(), 1); NDManager nd = GeoRuntime.manager(Device.cpu())) {
            NDArray coords = nd.randomUniform(-80, 80, new Shape(23, 2)).toType(ai.djl.ndarray.types.DataType.FLOAT64,
                    false);
            NDArray all = m.embed(coords);
            NDArray batched = m.embed(coords, 5);
            assertEquals(new Shape(23, 256), all.getShape());
            float diff = all.sub(batched).abs().max().getFloat();
            // only float32 summation order may differ between batch sizes
            assertTrue(diff < 1e-5, "batched vs unbatched differ by " + diff);
            // eval mode: repeated calls are identical (dropout 0.5 is off)
            assertArrayEquals(all.toFloatArray(), m.embed(coords).toFloatArray());
            assertEquals(nd, all.getManager(), "the result belongs to the caller's manager");
            assertEquals(new Shape(0, 256), m.embed(nd.zeros(new Shape(0, 2))).getShape());
        }
    }

    @Test
    void invalidCoordinatesNameTheRow() {
        try (GeoModel m = GeoModel.create(spec(), 1)) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> m.embed(new double[] {0, 10}, new double[] {0, 91}));
            assertTrue(e.getMessage().contains("latitude") && e.getMessage().contains("row 2"), e.getMessage());
        }
    }

    @Test
    void specUpdatesMayNotChangeTheArchitecture() {
        try (GeoModel m = GeoModel.create(spec().withClassLabels(List.of("a", "b")), 1)) {
            m.setSpec(m.spec().withStage(ModelStage.FINETUNED).withMetadata("k", "v")
                    .withClassLabels(List.of("x", "y")));
            assertEquals(ModelStage.FINETUNED, m.spec().stage());
            assertEquals(List.of("x", "y"), m.spec().classLabels());
            assertThrows(IllegalArgumentException.class, () -> m.setSpec(m.spec().withClassLabels(List.of("x"))));
        }
    }

    @Test
    void modelSpecJsonRoundTripAndValidation() throws Exception {
        ModelSpec s = spec().withImageDim(2048, List.of()).withClassLabels(List.of("b", "a", "c"))
                .withStage(ModelStage.PRETRAINED).withMetadata("history", "[1,2]");
        ModelSpec back = ModelSpec.fromJson(s.toJson());
        assertEquals(s, back);
        assertEquals(List.of("b", "a", "c"), back.classLabels(), "label order is kept");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> spec().withClassLabels(List.of("a", "b", "a")));
        assertTrue(e.getMessage().contains("'a'"), e.getMessage());
        ModelFileException bad = assertThrows(ModelFileException.class,
                () -> ModelSpec.fromJson("{\"formatVersion\":1,\"stack\":null}"));
        assertTrue(bad.getMessage().contains("position encoder settings are missing"), bad.getMessage());
    }
}
