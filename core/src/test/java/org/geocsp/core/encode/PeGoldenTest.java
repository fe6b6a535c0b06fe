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

    @Test
    void theory() {
        assertGolden("theory", "Space2Vec-theory");
    }

    @Test
    void wrap() {
        assertGolden("wrap", "wrap");
    }

    @Test
    void wrapFfnHasTheSamePositionEncodingAsWrap() {
        assertGolden("wrap", "wrap_ffn");
    }

    @Test
    void xyz() {
        assertGolden("xyz", "xyz");
    }

    /**
     * All 192 columns at the common 1e-5, none loosened. The top scales reach angles of about
     * 2³¹π, where a one-ulp change of x, y or z moves the angle by ~1.5e-6 rad, so this holds only
     * because x, y, z are computed in float64 in the reference's order (deg·(π/180), then
     * cos φ·cos λ). Observed worst error 2.7e-6 (column 127, cos x at l = 31; every other encoder
     * stays at the 3e-8 float32 rounding): libtorch's and numpy's sin/cos differ in the last ulp.
     */
    @Test
    void nerf() {
        assertGolden("nerf", "NeRF");
    }

    @Test
    void sphereC() {
        assertGolden("sphere", "Sphere2Vec-sphereC");
    }

    @Test
    void sphereCPlus() {
        assertGolden("spheregrid", "Sphere2Vec-sphereC+");
    }

    @Test
    void sphereM() {
        assertGolden("spheremixscale", "Sphere2Vec-sphereM");
    }

    @Test
    void sphereMPlus() {
        assertGolden("spheregridmixscale", "Sphere2Vec-sphereM+");
    }

    @Test
    void dfs() {
        assertGolden("dft", "Sphere2Vec-dfs");
    }

    /** The golden settings are the defaults (S = 32, r 0.1..360, geometric); checked, not assumed. */
    static void assertGolden(String goldenName, String encoderName) {
        EncoderSpec spec = EncoderSpec.of(encoderName);
        JsonObject settings = golden.getAsJsonObject("settings");
        assertEquals(settings.get("frequency_num").getAsInt(), spec.frequencyNum());
        assertEquals(settings.get("min_radius").getAsDouble(), spec.minRadius());
        assertEquals(settings.get("max_radius").getAsDouble(), spec.maxRadius());
        PositionEncoder enc = EncoderRegistry.create(spec);
        assertEquals(encoderName, enc.spec().name());
        JsonObject g = golden.getAsJsonObject("encoders").getAsJsonObject(goldenName);
        assertEquals(g.get("dim").getAsInt(), enc.outputDim(), encoderName + " output dimension");
        Golden.assertClose(expected(goldenName), run(enc), TOL, encoderName + " vs golden " + goldenName);
    }
}
