package org.geocsp.core.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import com.google.gson.JsonObject;
import org.geocsp.core.runtime.GeoRuntime;
import org.geocsp.core.testutil.Golden;
import org.geocsp.core.testutil.Nd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Raw position encodings against {@code golden/pe_raw.json} (float32 output, tolerance 1e-5). */
class PeGoldenTest {

    static final double TOL = 1e-5;
    static NDManager manager;
    static JsonObject golden;
    static double[][] coords;

    @BeforeAll
    static void setUp() {
        manager = GeoRuntime.manager(ai.djl.Device.cpu());
        golden = Golden.json("pe_raw.json");
        coords = Golden.matrix(golden.get("coords_lonlat_deg"));
    }

    @AfterAll
    static void tearDown() {
        manager.close();
    }

    /** Runs the encoder in eval mode on the golden coordinates (given as float32, like the reference). */
    static double[][] run(PositionEncoder enc) {
        try (NDManager m = manager.newSubManager()) {
            NDArray in = Nd.matrix(m, coords).toType(DataType.FLOAT32, false);
            enc.initialize(m, DataType.FLOAT32, in.getShape());
            NDArray out = enc.forward(new ParameterStore(m, false), new NDList(in), false).head();
            assertEquals(DataType.FLOAT32, out.getDataType(), "features must be float32");
            assertEquals(enc.outputDim(), out.getShape().get(1));
            return Nd.toMatrix(out);
        }
    }

    static double[][] expected(String goldenName) {
        return Golden.matrix(golden.getAsJsonObject("encoders").getAsJsonObject(goldenName).get("values"));
    }

    @Test
    void gridcell() {
        PositionEncoder enc = EncoderRegistry.create(EncoderSpec.of("gridcell"));
        Golden.assertClose(expected("gridcell"), run(enc), TOL, "Space2Vec-grid");
    }
}
