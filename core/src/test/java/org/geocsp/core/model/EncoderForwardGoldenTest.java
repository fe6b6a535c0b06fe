package org.geocsp.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.geocsp.core.encode.EncoderSpec;
import org.geocsp.core.nn.Activation;
import org.geocsp.core.nn.StackKind;
import org.geocsp.core.nn.StackSpec;
import org.geocsp.core.runtime.GeoRuntime;
import org.geocsp.core.testutil.Golden;
import org.geocsp.core.testutil.Nd;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The full CSP location encoder (gridcell S=32, r 0.1..360, FFN 1×512 → 256, LeakyReLU, dropout,
 * LayerNorm) and the img_dec projection against {@code golden/encoder_forward.json}, with the
 * reference weights imported from {@code encoder_gridcell.safetensors}.
 */
class EncoderForwardGoldenTest {

    static final double TOL = 1e-4;
    static JsonObject golden;

    @BeforeAll
    static void load() {
        golden = Golden.json("encoder_forward.json");
    }

    static ModelSpec spec() {
        JsonObject c = golden.getAsJsonObject("config");
        EncoderSpec enc = EncoderSpec.of(c.get("spa_enc_type").getAsString())
                .withFrequencyNum(c.get("frequency_num").getAsInt())
                .withRadii(c.get("min_radius").getAsDouble(), c.get("max_radius").getAsDouble());
        StackSpec stack = new StackSpec(StackKind.FFN, c.get("num_hidden_layer").getAsInt(),
                c.get("hidden_dim").getAsInt(), c.get("num_filts").getAsInt(),
                Activation.parse(c.get("spa_f_act").getAsString()), c.get("dropout").getAsDouble(),
                c.get("use_layn").getAsBoolean(), c.get("skip_connection").getAsBoolean(), 30, 1);
        assertEquals(StackSpec.csp(), stack, "the golden configuration is the CSP configuration");
        return ModelSpec.of(enc, stack).withImageDim(c.get("cnn_feat_dim").getAsInt(), List.of());
    }

    static double[][] embed(GeoModel model) {
        double[][] coords = Golden.matrix(golden.get("coords_lonlat_deg"));
        try (NDManager m = GeoRuntime.manager(model.device())) {
            // the reference moves coordinates through float32 tensors
            NDArray in = Nd.matrix(m, coords).toType(DataType.FLOAT32, false);
            return Nd.toMatrix(model.embed(in));
        }
    }

    static double[][] projectImages(GeoModel model) {
        double[][] feats = Golden.matrix(golden.getAsJsonObject("img_dec").get("input_2048"));
        try (NDManager m = GeoRuntime.manager(model.device())) {
            NDArray in = Nd.matrix(m, feats).toType(DataType.FLOAT32, false);
            return Nd.toMatrix(model.network().projectImages(new ParameterStore(m, false), in, false));
        }
    }

    @Test
    void locationEncoderAndImageProjectionMatchReference() throws Exception {
        try (GeoModel model = GeoModel.create(spec(), 0)) {
            double[][] before = embed(model);
            ImportReport rep = ModelFile.importSafetensors(model, Golden.file("encoder_gridcell.safetensors"));
            assertTrue(rep.isComplete(), rep.problems().toString());
            assertEquals(8, rep.loaded().size());

            double[][] expected = Golden.matrix(golden.get("output_f32_reference"));
            double[][] actual = embed(model);
            Golden.assertClose(expected, actual, TOL, "location encoder output");
            assertFalse(closeEnough(expected, before), "random init must not already match the reference");

            Golden.assertClose(Golden.matrix(golden.getAsJsonObject("img_dec").get("output_f32_reference")),
                    projectImages(model), TOL, "img_dec output");
        }
    }

    /** The reference state_dict alias {@code spa_enc.*} (and bare names) import to the same model. */
    @Test
    void referenceAliasesImport(@TempDir Path dir) throws Exception {
        Path aliased = dir.resolve("aliased.safetensors");
        Safetensors.Writer w = new Safetensors.Writer();
        try (Safetensors.Reader r = Safetensors.open(Golden.file("encoder_gridcell.safetensors"))) {
            for (Safetensors.TensorInfo t : r.tensors()) {
                String name = t.name().startsWith("loc_enc.") ? t.name().substring("loc_enc.".length()) : t.name();
                w.addFloats(name, t.shape(), r.floats(t.name()));
            }
        }
        w.addFloats("user_emb.weight", new long[] {1, 256}, new float[256]);
        w.write(aliased);
        try (GeoModel model = GeoModel.create(spec(), 3)) {
            ImportReport rep = ModelFile.importSafetensors(model, aliased);
            assertTrue(rep.isComplete(), rep.problems().toString());
            assertEquals(List.of("user_emb.weight (user embedding of the reference (not used by GeoCSP))"),
                    rep.ignored());
            Golden.assertClose(Golden.matrix(golden.get("output_f32_reference")), embed(model), TOL,
                    "location encoder output after alias import");
        }
    }

    @Test
    void referenceNamesAreTheStateDictKeys() {
        try (GeoModel model = GeoModel.create(spec(), 0)) {
            Map<String, ?> names = model.network().referenceParameters();
            List<String> expected = List.of("loc_enc.spa_enc.ffn.layers.0.linear.weight",
                    "loc_enc.spa_enc.ffn.layers.0.linear.bias", "loc_enc.spa_enc.ffn.layers.0.layernorm.weight",
                    "loc_enc.spa_enc.ffn.layers.0.layernorm.bias", "loc_enc.spa_enc.ffn.layers.1.linear.weight",
                    "loc_enc.spa_enc.ffn.layers.1.linear.bias", "img_dec.weight", "img_dec.bias");
            assertEquals(expected, List.copyOf(names.keySet()));
            List<String> goldenNames = new java.util.ArrayList<>();
            golden.getAsJsonObject("weights").getAsJsonArray("tensor_names")
                    .forEach(e -> goldenNames.add(e.getAsString()));
            assertEquals(new java.util.TreeSet<>(goldenNames), new java.util.TreeSet<>(names.keySet()));
        }
    }

    private static boolean closeEnough(double[][] a, double[][] b) {
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                if (Math.abs(a[i][j] - b[i][j]) > TOL) {
                    return false;
                }
            }
        }
        return true;
    }
}
