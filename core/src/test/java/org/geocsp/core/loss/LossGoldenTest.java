package org.geocsp.core.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.geocsp.core.runtime.GeoRuntime;
import org.geocsp.core.testutil.Golden;
import org.geocsp.core.testutil.Nd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every value in {@code golden/losses.json} (components and totals), computed in float32
 * (relative tolerance 1e-5) and in float64 (1e-6).
 */
class LossGoldenTest {

    static final double TOL_F32 = 1e-5;
    static final double TOL_F64 = 1e-6;
    /** Numeric fields of a loss entry that are metadata (settings), not results. */
    static final Set<String> SETTINGS = Set.of("rand_sample_weight", "simcse_weight", "num_classes", "pos_weight");

    static NDManager manager;
    static JsonObject golden;
    static JsonObject losses;
    static double[][] e;
    static double[][] e2;
    static double[][] v;
    static double[][] randFlat;
    static int b;

    @BeforeAll
    static void setUp() {
        manager = GeoRuntime.manager(Device.cpu());
        golden = Golden.json("losses.json");
        losses = golden.getAsJsonObject("losses");
        JsonObject in = golden.getAsJsonObject("inputs");
        e = Golden.matrix(in.get("e_loc_emb"));
        e2 = Golden.matrix(in.get("e2_second_dropout_pass"));
        v = Golden.matrix(in.get("v_img_proj_raw"));
        b = in.get("B").getAsInt();
        var kbd = in.getAsJsonArray("rand_loc_emb_KBd");
        int k = in.get("K").getAsInt();
        assertEquals(k, kbd.size());
        randFlat = new double[k * b][];
        for (int kk = 0; kk < k; kk++) {
            double[][] rows = Golden.matrix(kbd.get(kk));
            for (int i = 0; i < b; i++) {
                randFlat[kk * b + i] = rows[i]; // flat row k·B + i = negative k of row i
            }
        }
    }

    @AfterAll
    static void tearDown() {
        manager.close();
    }

    static NDArray nd(NDManager m, double[][] x, DataType t) {
        return Nd.matrix(m, x).toType(t, false);
    }

    static double scalar(NDArray a) {
        return a.toType(DataType.FLOAT64, false).toDoubleArray()[0];
    }

    static void assertRel(double expected, double actual, double tol, String what) {
        double err = Math.abs(actual - expected);
        if (!(err <= tol * Math.abs(expected))) {
            fail(what + ": expected " + expected + ", got " + actual + " (relative error " + err / Math.abs(expected)
                    + ", tolerance " + tol + ")");
        }
    }

    static PretrainingLoss lossFor(JsonObject entry) {
        var taus = entry.getAsJsonArray("tau_b_l_d");
        double wRand = entry.has("rand_sample_weight") ? entry.get("rand_sample_weight").getAsDouble() : 0;
        double wSim = entry.has("simcse_weight") ? entry.get("simcse_weight").getAsDouble() : 0;
        double tb = taus == null ? 1 : taus.get(0).getAsDouble();
        double tl = taus == null ? 1 : taus.get(1).getAsDouble();
        double td = taus == null ? 1 : taus.get(2).getAsDouble();
        return Objective.parse(entry.get("loss").getAsString()).create(tb, tl, td, wRand, wSim);
    }

    /** Checks every numeric result field of one entry; returns the names checked. */
    static Set<String> checkContrastive(String key, JsonObject entry) {
        Set<String> checked = new TreeSet<>();
        PretrainingLoss loss = lossFor(entry);
        assertEquals(entry.get("loss").getAsString(), loss.name());
        for (DataType t : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
            double tol = t == DataType.FLOAT32 ? TOL_F32 : TOL_F64;
            try (NDManager m = manager.newSubManager()) {
                ContrastiveBatch batch = ContrastiveBatch.of(nd(m, e, t), nd(m, v, t))
                        .withSecondPass(nd(m, e2, t))
                        .withRandomEmbeddings(nd(m, randFlat, t));
                LossTerms terms = loss.compute(batch);
                assertEquals(t, terms.total().getDataType(), key + ": loss dtype follows the inputs");
                assertEquals(new Shape(), terms.total().getShape(), key + ": scalar total");
                for (String c : new String[] {LossTerms.L_B, LossTerms.L_L, LossTerms.L_D}) {
                    if (entry.has(c)) {
                        assertTrue(terms.components().containsKey(c), key + " reports " + c);
                        assertRel(entry.get(c).getAsDouble(), scalar(terms.component(c)), tol, key + " " + c + " " + t);
                        checked.add(c);
                    }
                }
                String totalKey = t == DataType.FLOAT32 ? "total_f32" : "total_f64";
                assertRel(entry.get(totalKey).getAsDouble(), scalar(terms.total()), tol, key + " " + totalKey);
                checked.add(totalKey);
                // values() agrees with the NDArrays.
                Map<String, Double> values = terms.values();
                assertEquals(scalar(terms.total()), values.get(LossTerms.TOTAL), 0.0);
            }
        }
        return checked;
    }

    static Set<String> checkL2regress(JsonObject entry) throws IOException {
        SafetensorsFile st = new SafetensorsFile(Golden.file("losses_l2regress.safetensors"));
        long[] ws = st.shape("loc_dec.weight");
        long[] fs = st.shape("cnn_features");
        assertEquals(b, fs[0]);
        Set<String> checked = new TreeSet<>();
        for (DataType t : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
            try (NDManager m = manager.newSubManager()) {
                NDArray w = m.create(st.floats("loc_dec.weight"), new Shape(ws)).toType(t, false);
                NDArray bias = m.create(st.floats("loc_dec.bias"), new Shape(st.shape("loc_dec.bias"))).toType(t, false);
                NDArray features = m.create(st.floats("cnn_features"), new Shape(fs)).toType(t, false);
                NDArray decoded = nd(m, e, t).matMul(w.transpose()).add(bias); // the trainer's Linear
                LossTerms terms = new MseLoss().compute(decoded, features);
                String totalKey = t == DataType.FLOAT32 ? "total_f32" : "total_f64";
                assertRel(entry.get(totalKey).getAsDouble(), scalar(terms.total()),
                        t == DataType.FLOAT32 ? TOL_F32 : TOL_F64, "l2regress " + totalKey);
                checked.add(totalKey);
            }
        }
        return checked;
    }

    static Set<String> checkFullLoss(JsonObject entry) {
        Set<String> checked = new TreeSet<>();
        int c = entry.get("num_classes").getAsInt();
        double[] labels = Golden.vector(entry.get("labels"));
        double[][] w = Golden.matrix(entry.get("class_emb_weight_Cxd"));
        double[][] r = Golden.matrix(entry.get("rand_loc_emb_one_per_row"));
        PresenceAbsenceLoss loss = PresenceAbsenceLoss.reference(c, entry.get("rand_sample_weight").getAsDouble());
        assertEquals(entry.get("pos_weight").getAsDouble(), loss.positiveWeight(), 0.0);
        for (DataType t : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
            double tol = t == DataType.FLOAT32 ? TOL_F32 : TOL_F64;
            try (NDManager m = manager.newSubManager()) {
                NDArray wNd = nd(m, w, t);
                NDArray logits = nd(m, e, t).matMul(wNd.transpose());
                NDArray logitsRand = nd(m, r, t).matMul(wNd.transpose());
                Golden.assertClose(Golden.matrix(entry.get("logits")), Nd.toMatrix(logits), tol, "full_loss logits " + t);
                Golden.assertClose(Golden.matrix(entry.get("logits_rand")), Nd.toMatrix(logitsRand), tol,
                        "full_loss logits_rand " + t);
                NDArray lab = m.create(labels).toType(DataType.INT64, false);
                LossTerms terms = loss.compute(logits, lab, logitsRand);
                String totalKey = t == DataType.FLOAT32 ? "total_f32" : "total_f64";
                assertRel(entry.get(totalKey).getAsDouble(), scalar(terms.total()), tol, "full_loss " + totalKey);
                checked.add(totalKey);
            }
        }
        checked.add("logits");
        checked.add("logits_rand");
        return checked;
    }

    /** Every entry, and within it every numeric result field, is checked. */
    @Test
    void everyGoldenValue() throws IOException {
        int entries = 0;
        for (Map.Entry<String, JsonElement> kv : losses.entrySet()) {
            JsonObject entry = kv.getValue().getAsJsonObject();
            String kind = entry.get("loss").getAsString();
            Set<String> checked = switch (kind) {
                case "l2regress" -> checkL2regress(entry);
                case "full_loss" -> checkFullLoss(entry);
                default -> checkContrastive(kv.getKey(), entry);
            };
            for (Map.Entry<String, JsonElement> f : entry.entrySet()) {
                boolean numeric = f.getValue().isJsonPrimitive() && f.getValue().getAsJsonPrimitive().isNumber();
                boolean result = numeric && !SETTINGS.contains(f.getKey());
                if (result || f.getKey().startsWith("logits")) {
                    assertTrue(checked.contains(f.getKey()), kv.getKey() + ": field " + f.getKey() + " not checked");
                }
            }
            entries++;
        }
        assertEquals(8, entries, "golden entries");
    }

    /** The queue-less, unmasked, fixed-temperature options leave the reference loss unchanged. */
    @Test
    void learnableScaleAtOneOverTauEqualsFixedTemperature() {
        JsonObject entry = losses.getAsJsonObject("contsoftmax_tau20_1_1_w1_1");
        try (NDManager m = manager.newSubManager()) {
            McLoss learn = new McLoss(McLoss.Settings.csp(false, 1, 1, 1, 1, 1).withLearnableTemperature(true));
            NDArray logScale = m.create(new double[] {Math.log(1.0 / 20)});
            ContrastiveBatch batch = ContrastiveBatch.of(nd(m, e, DataType.FLOAT64), nd(m, v, DataType.FLOAT64))
                    .withSecondPass(nd(m, e2, DataType.FLOAT64))
                    .withRandomEmbeddings(nd(m, randFlat, DataType.FLOAT64))
                    .withLogitScale(logScale);
            assertRel(entry.get("total_f64").getAsDouble(), scalar(learn.compute(batch).total()), TOL_F64,
                    "logit scale ln(1/20) = tau_b 20");
        }
    }
}
