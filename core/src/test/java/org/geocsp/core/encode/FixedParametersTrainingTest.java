package org.geocsp.core.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.LocalParameterServer;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import java.util.LinkedHashMap;
import java.util.Map;
import org.geocsp.core.runtime.GeoRuntime;
import org.geocsp.core.testutil.Nd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One Adam step through DJL's ParameterStore + ParameterServer (what {@code Trainer.step()} does)
 * must leave the fixed encoder parameters (rbf anchors, rff W and b) unchanged while trainable
 * parameters (the head, the tile table) move.
 */
class FixedParametersTrainingTest {

    static NDManager manager;

    @BeforeAll
    static void setUp() {
        manager = GeoRuntime.manager(Device.cpu());
    }

    @AfterAll
    static void tearDown() {
        manager.close();
    }

    static final double[][] BATCH = {{1, 1}, {-45, 30}, {120, -60}, {-170, 80}, {10, 10}, {0, -5}};

    /** Runs one Adam step on encoder → Linear(1) and returns, per parameter name, whether it changed. */
    static Map<String, Boolean> oneAdamStep(PositionEncoder encoder, boolean unfreezeEverything) {
        Map<String, Boolean> changed = new LinkedHashMap<>();
        try (NDManager m = manager.newSubManager()) {
            SequentialBlock model = new SequentialBlock().add(encoder).add(Linear.builder().setUnits(1).build());
            NDArray in = Nd.matrix(m, BATCH).toType(DataType.FLOAT32, false);
            model.initialize(m, DataType.FLOAT32, in.getShape());
            if (unfreezeEverything) {
                model.freezeParameters(false); // e.g. a caller unfreezing a pretrained model for fine-tuning
            }
            Map<String, float[]> before = new LinkedHashMap<>();
            for (Pair<String, Parameter> p : model.getParameters()) {
                before.put(p.getKey(), p.getValue().getArray().toFloatArray());
            }
            ParameterStore ps = new ParameterStore(m, false);
            ps.setParameterServer(new LocalParameterServer(Optimizer.adam().build()), new Device[] {Device.cpu()});
            try (GradientCollector gc = GeoRuntime.engine().newGradientCollector()) {
                NDArray out = model.forward(ps, new NDList(in), true).head();
                gc.backward(out.sub(1).square().mean());
            }
            ps.updateAllParameters();
            for (Pair<String, Parameter> p : model.getParameters()) {
                float[] after = p.getValue().getArray().toFloatArray();
                changed.put(p.getKey(), !java.util.Arrays.equals(before.get(p.getKey()), after));
            }
        }
        return changed;
    }

    static boolean changed(Map<String, Boolean> m, String suffix) {
        for (Map.Entry<String, Boolean> e : m.entrySet()) {
            if (e.getKey().endsWith(suffix)) {
                return e.getValue();
            }
        }
        throw new AssertionError("no parameter ending in " + suffix + " among " + m.keySet());
    }

    @Test
    void adamLeavesRbfAnchorsAndRffWeightsUnchanged() {
        RbfEncoder rbf = new RbfEncoder(EncoderSpec.of("rbf").withNumAnchors(4).withKernelSize(60),
                new double[][] {{0, 0}, {-40, 30}, {100, -50}, {-160, 70}});
        Map<String, Boolean> r = oneAdamStep(rbf, false);
        assertFalse(changed(r, RbfEncoder.ANCHORS), r.toString());
        assertTrue(changed(r, "weight"), r.toString());
        assertTrue(changed(r, "bias"), r.toString());
        assertArrayEquals(new double[] {-40, 30}, rbf.anchorsLonLatDeg()[1], 0);
        // Marked non-trainable, so ParameterStore.updateAllParameters never hands it to the optimizer.
        assertFalse(rbf.getParameters().get(RbfEncoder.ANCHORS).requiresGradient());

        RffEncoder rff = new RffEncoder(EncoderSpec.of("rff").withFrequencyNum(16));
        Map<String, Boolean> f = oneAdamStep(rff, false);
        assertFalse(rff.getParameters().get(RffEncoder.W).requiresGradient());
        assertFalse(rff.getParameters().get(RffEncoder.B).requiresGradient());
        assertFalse(changed(f, "_" + RffEncoder.W), f.toString());
        assertFalse(changed(f, "_" + RffEncoder.B), f.toString());
        assertTrue(changed(f, "weight"), f.toString());
    }

    @Test
    void fixedParametersStayFixedEvenWhenAModelIsUnfrozen() {
        Map<String, Boolean> r = oneAdamStep(new RbfEncoder(EncoderSpec.of("rbf").withNumAnchors(4).withKernelSize(60),
                new double[][] {{0, 0}, {-40, 30}, {100, -50}, {-160, 70}}), true);
        assertFalse(changed(r, RbfEncoder.ANCHORS), r.toString());
        Map<String, Boolean> f = oneAdamStep(new RffEncoder(EncoderSpec.of("rff").withFrequencyNum(16)), true);
        assertFalse(changed(f, "_" + RffEncoder.W), f.toString());
        assertFalse(changed(f, "_" + RffEncoder.B), f.toString());
    }

    @Test
    void adamUpdatesTheTileTable() {
        Map<String, Boolean> t = oneAdamStep(EncoderRegistry.create(EncoderSpec.of("tile").withTileSizeDeg(10)
                .withFrequencyNum(2)), false);
        assertTrue(changed(t, TileEncoder.TABLE), t.toString());
        assertEquals(3, t.size(), t.toString());
    }
}
