package org.geocsp.core.nn;

import org.geocsp.core.runtime.Tensors;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.Pair;
import java.util.SplittableRandom;

/**
 * A parameter initializer that draws from its own seeded Java generator instead of the
 * engine's global RNG ({@code Engine.setRandomSeed} is JVM-wide and shared between threads), so
 * that the same seed gives the same parameters in every JVM, thread and engine version.
 *
 * <p>Each parameter has its own stream, derived from a seed and a key; {@link #seedAll(Block, long)}
 * sets the seed of every such initializer in a block tree, keyed by the parameter's path, before
 * the block is initialised.
 */
public final class SeededInitializer implements Initializer {

    /** The distribution. */
    public enum Kind {
        /** U(−b, b) with b = √(6 / (fan_in + fan_out)) (PyTorch {@code xavier_uniform_}). */
        XAVIER_UNIFORM,
        /** U(−b, b) with a fixed bound b. */
        UNIFORM,
        /** Every element equals a constant. */
        CONSTANT
    }

    private final Kind kind;
    private final double value;
    private long seed;
    private String key;

    private SeededInitializer(Kind kind, double value, String key) {
        this.kind = kind;
        this.value = value;
        this.key = key;
    }

    /** Xavier (Glorot) uniform; fans are read from the (out, in) weight shape. */
    public static SeededInitializer xavierUniform(String key) {
        return new SeededInitializer(Kind.XAVIER_UNIFORM, 0, key);
    }

    /** U(−bound, bound), e.g. PyTorch's default bias init with bound = 1/√fan_in. */
    public static SeededInitializer uniform(double bound, String key) {
        return new SeededInitializer(Kind.UNIFORM, bound, key);
    }

    /** A constant (LayerNorm γ = 1, β = 0). */
    public static SeededInitializer constant(double value) {
        return new SeededInitializer(Kind.CONSTANT, value, "");
    }

    public Kind kind() {
        return kind;
    }

    /** Sets seed and stream key; the values are a function of exactly these two and the shape. */
    public synchronized void reseed(long seed, String key) {
        this.seed = seed;
        this.key = key;
    }

    /**
     * Seeds every {@link SeededInitializer} among the parameters of {@code block} (recursively),
     * each with a stream keyed by the parameter's path. Call before {@code initialize}; parameters
     * with other initializers are left alone.
     */
    public static void seedAll(Block block, long seed) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().getInitializer() instanceof SeededInitializer s) {
                s.reseed(seed, p.getKey());
            }
        }
    }

    /** The values, row-major, as float32 would hold them. */
    public synchronized float[] values(Shape shape) {
        int n = Math.toIntExact(shape.size());
        float[] v = new float[n];
        switch (kind) {
            case CONSTANT -> java.util.Arrays.fill(v, (float) value);
            case UNIFORM -> fillUniform(v, value);
            case XAVIER_UNIFORM -> {
                if (shape.dimension() < 2) {
                    throw new IllegalArgumentException("Xavier init needs a 2-d (out, in) shape, got " + shape);
                }
                long receptive = shape.dimension() > 2 ? shape.slice(2).size() : 1;
                double fanIn = (double) shape.get(1) * receptive;
                double fanOut = (double) shape.get(0) * receptive;
                fillUniform(v, Math.sqrt(6.0 / (fanIn + fanOut)));
            }
        }
        return v;
    }

    private void fillUniform(float[] v, double bound) {
        SplittableRandom r = new SplittableRandom(mix(seed, key.hashCode()));
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((2 * r.nextDouble() - 1) * bound);
        }
    }

    private static long mix(long seed, long key) {
        long z = seed * 0x9E3779B97F4A7C15L + key;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        NDArray a = Tensors.owned(manager.create(values(shape), shape));
        return dataType == DataType.FLOAT32 ? a : a.toType(dataType, false);
    }
}
