package org.geocsp.core.model;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.geocsp.core.geo.Coordinates;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.geo.LongitudePolicy;
import org.geocsp.core.nn.GeoNetwork;
import org.geocsp.core.runtime.GeoRuntime;

/**
 * A model: its {@link ModelSpec} and a DJL {@link Model} holding the {@link GeoNetwork} with
 * float32 parameters on one device.
 *
 * <p>Initialisation is deterministic: every stack and head parameter is drawn from a Java
 * generator seeded by ({@code seed}, parameter path) ({@link org.geocsp.core.nn.SeededInitializer}),
 * not from the engine's global RNG ({@code Engine.setRandomSeed} is JVM-wide and shared by all
 * threads), so the same spec and seed give bit-identical parameters anywhere. Position encoders
 * with parameters initialise from their own {@code EncoderSpec.seed}.
 */
public final class GeoModel implements AutoCloseable {

    /** Rows per forward pass in {@link #embed}. */
    public static final int DEFAULT_BATCH_SIZE = 4096;

    private final Model model;
    private final GeoNetwork network;
    private final Device device;
    private ModelSpec spec;
    /** The optimiser moments of the run that trained the parameters (empty if none). */
    private Map<String, NDArray> optimizerState = Map.of();

    private GeoModel(ModelSpec spec, Model model, GeoNetwork network, Device device) {
        this.spec = spec;
        this.model = model;
        this.network = network;
        this.device = device;
    }

    /** Builds and initialises a model on the CPU. */
    public static GeoModel create(ModelSpec spec, long seed) {
        return create(spec, Device.cpu(), seed);
    }

    /** Builds and initialises a model on a device. */
    public static GeoModel create(ModelSpec spec, Device device, long seed) {
        Objects.requireNonNull(spec, "spec");
        GeoNetwork network = GeoNetwork.create(spec.encoder(), spec.stack(), spec.imageDim(), spec.imageHiddenDims(),
                spec.numClasses(), spec.imageClassifierDim());
        GeoRuntime.engine();
        Model model = GeoRuntime.withContextClassLoader(
                () -> GeoRuntime.engine().newModel("geocsp-" + spec.encoder().name(), device));
        try {
            model.setBlock(network);
            network.initialize(model.getNDManager(), seed);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        return new GeoModel(spec, model, network, device);
    }

    public ModelSpec spec() {
        return spec;
    }

    /**
     * Replaces the spec (stage, labels' names, metadata); the architecture must stay the same.
     *
     * @throws IllegalArgumentException if the new spec describes different parameters
     */
    public void setSpec(ModelSpec newSpec) {
        if (!spec.sameArchitecture(newSpec)) {
            throw new IllegalArgumentException("the new model description changes the architecture; build a new model");
        }
        this.spec = newSpec;
    }

    public GeoNetwork network() {
        return network;
    }

    /**
     * The Adam moments of the training run that produced these parameters ({@code m/NAME},
     * {@code v/NAME}, per-parameter step {@code s/NAME}, NAME a reference parameter name), or an
     * empty map. A later training run from this model continues them, as the CSP reference keeps
     * one optimiser from pre-training into fine-tuning. The arrays belong to the model.
     */
    public Map<String, NDArray> optimizerState() {
        return optimizerState;
    }

    /**
     * Replaces the optimiser moments with copies of {@code state} on this model's device (empty:
     * none).
     */
    public void setOptimizerState(Map<String, NDArray> state) {
        Map<String, NDArray> copy = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : state.entrySet()) {
            NDArray a = e.getValue();
            NDArray c = a.getDevice().equals(device) ? a.duplicate() : a.toDevice(device, true);
            c.attach(manager());
            copy.put(e.getKey(), c);
        }
        optimizerState.values().forEach(NDArray::close);
        optimizerState = Collections.unmodifiableMap(copy);
    }

    /** The DJL model (for trainers); do not close it separately. */
    public Model djlModel() {
        return model;
    }

    /** The manager that owns the parameters. */
    public NDManager manager() {
        return model.getNDManager();
    }

    public Device device() {
        return device;
    }

    /**
     * Location embeddings e(x) in eval mode (no dropout, no gradient), computed in batches of
     * {@link #DEFAULT_BATCH_SIZE}.
     *
     * @param lonLatDeg (B, 2) longitude, latitude in degrees, any float type
     * @return (B, d) float32, attached to the manager of {@code lonLatDeg}
     */
    public NDArray embed(NDArray lonLatDeg) {
        return embed(lonLatDeg, DEFAULT_BATCH_SIZE);
    }

    /** As {@link #embed(NDArray)} with a batch size. */
    public NDArray embed(NDArray lonLatDeg, int batchSize) {
        if (lonLatDeg.getShape().dimension() != 2 || lonLatDeg.getShape().get(1) != 2) {
            throw new IllegalArgumentException("coordinates must have shape (B, 2) of (longitude, latitude), got "
                    + lonLatDeg.getShape());
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        NDManager caller = lonLatDeg.getManager();
        long n = lonLatDeg.getShape().get(0);
        if (n == 0) {
            return caller.zeros(new ai.djl.ndarray.types.Shape(0, network.embeddingDim()), DataType.FLOAT32);
        }
        // inference must not build autograd graphs; grad mode is thread-local in libtorch
        boolean grad = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (NDManager step = caller.newSubManager(device)) {
            ParameterStore ps = new ParameterStore(step, false);
            List<NDArray> parts = new ArrayList<>();
            for (long a = 0; a < n; a += batchSize) {
                NDArray part = lonLatDeg.get(new NDIndex("{}:{}", a, Math.min(n, a + batchSize)));
                part.attach(step);
                if (!part.getDevice().equals(device)) {
                    part = part.toDevice(device, false);
                }
                parts.add(network.embedLocations(ps, part, false));
            }
            NDArray out = parts.size() == 1 ? parts.get(0) : NDArrays.concat(new NDList(parts), 0);
            out.attach(caller);
            return out;
        } finally {
            JniUtils.setGradMode(grad);
        }
    }

    /**
     * Location embeddings of validated coordinates.
     *
     * @return B rows of d float32 values
     * @throws InvalidInputException if a coordinate is missing or out of range (naming the row)
     */
    public float[][] embed(double[] lonDeg, double[] latDeg) {
        double[] lon = Coordinates.validate(lonDeg, latDeg, "longitude", "latitude", 1, LongitudePolicy.REJECT);
        int n = lon.length;
        double[] flat = new double[2 * n];
        for (int i = 0; i < n; i++) {
            flat[2 * i] = lon[i];
            flat[2 * i + 1] = latDeg[i];
        }
        int d = network.embeddingDim();
        float[][] out = new float[n][d];
        try (NDManager m = GeoRuntime.manager(device)) {
            NDArray coords = m.create(flat).reshape(n, 2);
            float[] v = embed(coords).toType(DataType.FLOAT32, false).toFloatArray();
            for (int i = 0; i < n; i++) {
                System.arraycopy(v, i * d, out[i], 0, d);
            }
        }
        return out;
    }

    @Override
    public void close() {
        model.close();
    }
}
