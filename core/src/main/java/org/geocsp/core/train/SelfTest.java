package org.geocsp.core.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.geocsp.core.encode.EncoderRegistry;
import org.geocsp.core.encode.EncoderSpec;
import org.geocsp.core.loss.InfoNce;
import org.geocsp.core.runtime.GeoRuntime;
import org.geocsp.core.runtime.TrainingLock;

/**
 * A runtime check that exercises the whole stack once: engine start, a location encoder
 * (Space2Vec-grid) with a linear head, a contrastive InfoNCE loss toward fixed random target
 * embeddings, autograd and Adam updates under the {@link TrainingLock}. A working installation
 * shows a falling loss. Used by the OSGi integration test and meant for a "runtime check" in KNIME.
 */
public final class SelfTest {

    private static final int BATCH = 64;
    private static final int EMBEDDING_DIM = 16;
    private static final double TEMPERATURE = 0.1;
    private static final double LEARNING_RATE = 0.01;

    private SelfTest() {}

    /**
     * Starts the engine if needed (default settings) and runs {@code steps} pre-training steps on
     * the CPU.
     *
     * @param steps number of Adam steps, at least 1
     * @param seed seed of the locations and targets
     * @return the InfoNCE loss of every step, before its update
     * @throws InterruptedException when interrupted while waiting for the training lock
     */
    public static double[] pretrainLosses(int steps, long seed) throws InterruptedException {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be at least 1, got " + steps);
        }
        Engine engine = GeoRuntime.engine();
        try {
            return GeoRuntime.callWithContextClassLoader(() -> run(engine, steps, seed));
        } catch (InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("self test failed: " + e.getMessage(), e);
        }
    }

    private static double[] run(Engine engine, int steps, long seed) throws InterruptedException {
        Random rnd = new Random(seed);
        double[] lonLat = new double[BATCH * 2];
        for (int i = 0; i < BATCH; i++) {
            lonLat[2 * i] = rnd.nextDouble() * 360 - 180;
            lonLat[2 * i + 1] = rnd.nextDouble() * 180 - 90;
        }
        float[] target = new float[BATCH * EMBEDDING_DIM];
        for (int i = 0; i < target.length; i++) {
            target[i] = (float) rnd.nextGaussian();
        }
        double[] losses = new double[steps];
        try (NDManager m = GeoRuntime.manager(Device.cpu())) {
            SequentialBlock net = new SequentialBlock()
                    .add(EncoderRegistry.create(EncoderSpec.of("Space2Vec-grid").withFrequencyNum(8)))
                    .add(Linear.builder().setUnits(EMBEDDING_DIM).build());
            net.initialize(m, DataType.FLOAT32, new Shape(BATCH, 2));
            Map<String, Parameter> params = new LinkedHashMap<>();
            for (Pair<String, Parameter> p : net.getParameters()) {
                params.put(p.getKey(), p.getValue());
            }
            NDArray targets = unit(m.create(target, new Shape(BATCH, EMBEDDING_DIM)));
            try (AdamOptimizer adam = new AdamOptimizer(AdamOptimizer.Settings.adam(0), m)) {
                for (int step = 0; step < steps; step++) {
                    TrainingLock.acquire();
                    try (NDManager s = m.newSubManager();
                            GradientCollector collector = engine.newGradientCollector()) {
                        // Inputs live in the step's manager so that every intermediate result is freed with it.
                        NDArray x = s.create(lonLat, new Shape(BATCH, 2));
                        NDArray z = unit(net.forward(new ParameterStore(s, false), new NDList(x), true).head());
                        NDArray logits = z.matMul(targets.transpose()).div(TEMPERATURE);
                        // InfoNCE: location i's positive is target i, the other targets are its negatives.
                        NDArray loss = InfoNce.inBatch(logits);
                        collector.backward(loss);
                        losses[step] = loss.getFloat();
                        adam.update(params, LEARNING_RATE);
                    } finally {
                        TrainingLock.release();
                    }
                }
            }
        }
        return losses;
    }

    private static NDArray unit(NDArray a) {
        return a.div(a.norm(new int[] {1}, true).add(1e-12f));
    }
}
