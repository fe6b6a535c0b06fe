package org.geocsp.core.encode;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.runtime.Tensors;

/**
 * Gaussian radial basis functions around M anchor points (reference {@code rbf},
 * {@code RBFSpatialRelationEncoder}, model type "global"): feature_m =
 * exp(−((lon − a_lon,m)² + (lat − a_lat,m)²) / (2σ²)) in raw degrees, with no wrap at the
 * antimeridian, σ = {@link EncoderSpec#kernelSize()} and M = {@link EncoderSpec#numAnchors()}.
 *
 * <p>The anchors are a non-trainable parameter named {@value #ANCHORS}, shape (M, 2) of
 * (lon, lat) degrees, saved with the model. Until {@link #fitToData} is called they are an
 * area-uniform sample on the sphere drawn from {@link EncoderSpec#seed()}; {@code fitToData}
 * replaces them, as the reference does, by M training locations sampled without replacement;
 * fewer training rows than M is an error (sampling with replacement would only duplicate features).
 * Call it before the encoder's first forward pass through a {@link ParameterStore} that copies
 * parameters (another device, or a copying store): such a store caches the old anchors.
 */
public final class RbfEncoder extends PositionEncoder {

    /** Name of the anchor parameter. */
    public static final String ANCHORS = "anchors";

    private final Parameter anchors;
    private final double sigma;
    /** The anchors used by the initializer (the source of truth until the parameter exists). */
    private double[][] anchorValues;

    /** Anchors sampled area-uniformly on the sphere from the spec's seed. */
    public RbfEncoder(EncoderSpec spec) {
        this(spec, sampleSphere(spec.numAnchors(), spec.seed()));
    }

    /**
     * Explicit anchors.
     *
     * @param anchorsLonLatDeg M rows of (lon, lat) in degrees; M must equal {@code spec.numAnchors()}
     */
    public RbfEncoder(EncoderSpec spec, double[][] anchorsLonLatDeg) {
        super(spec);
        this.sigma = spec.kernelSize();
        this.anchorValues = checkAnchors(anchorsLonLatDeg, spec.numAnchors());
        int m = spec.numAnchors();
        this.anchors = addParameter(Parameter.builder()
                .setName(ANCHORS)
                .setType(Parameter.Type.OTHER)
                .optShape(new Shape(m, 2))
                .optRequiresGrad(false)
                .optInitializer((manager, shape, dataType) -> Tensors.owned(manager.create(flat(anchorValues), shape))
                        .toType(dataType, false))
                .build());
    }

    /**
     * The current anchors as rows of (lon, lat) in degrees: read back from the parameter while its
     * array is alive (so loaded or fitted values are seen, rounded to the parameter's float32),
     * else the last known values.
     */
    public double[][] anchorsLonLatDeg() {
        if (anchors.isInitialized() && !anchors.getArray().isReleased()) {
            double[] flat;
            try (NDArray values = anchors.getArray().toType(DataType.FLOAT64, true)) {
                flat = values.toDoubleArray();
            }
            double[][] rows = new double[flat.length / 2][2];
            for (int i = 0; i < rows.length; i++) {
                rows[i][0] = flat[2 * i];
                rows[i][1] = flat[2 * i + 1];
            }
            anchorValues = rows;
        }
        double[][] copy = new double[anchorValues.length][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = anchorValues[i].clone();
        }
        return copy;
    }

    /**
     * Samples M anchors without replacement from the training locations (reproducible by
     * {@code seed}). If the parameter already exists its values are overwritten in place, so
     * stores that share the array see the new anchors.
     *
     * @throws InvalidInputException if there are fewer training rows than anchors
     */
    @Override
    public void fitToData(double[] lonDeg, double[] latDeg, long seed) {
        int m = spec().numAnchors();
        if (lonDeg.length != latDeg.length) {
            throw new IllegalArgumentException("longitude and latitude arrays differ in length: " + lonDeg.length
                    + " vs " + latDeg.length);
        }
        int n = lonDeg.length;
        if (n < m) {
            throw new InvalidInputException("rbf: num_anchors is " + m + " but the training data has only " + n
                    + " rows; the anchors are sampled without replacement from the training locations, so set"
                    + " num_anchors to at most " + n + " or train on more rows");
        }
        int[] rows = sampleWithoutReplacement(n, m, seed);
        double[][] picked = new double[m][];
        for (int i = 0; i < m; i++) {
            picked[i] = new double[] {lonDeg[rows[i]], latDeg[rows[i]]};
        }
        setAnchors(picked);
    }

    /** Replaces the anchors (M rows of (lon, lat) degrees), in place if the parameter exists. */
    public void setAnchors(double[][] anchorsLonLatDeg) {
        double[][] checked = checkAnchors(anchorsLonLatDeg, spec().numAnchors());
        anchorValues = checked;
        if (anchors.isInitialized() && !anchors.getArray().isReleased()) {
            // Overwrite the existing tensor rather than replacing it: a ParameterStore that already
            // holds this very array (same device, no copy) then sees the new anchors.
            NDArray array = anchors.getArray();
            double[] values = flat(checked);
            if (array.getDataType() == DataType.FLOAT64) {
                Tensors.assign(array, DoubleBuffer.wrap(values));
            } else if (array.getDataType() == DataType.FLOAT32) {
                float[] f = new float[values.length];
                for (int i = 0; i < f.length; i++) {
                    f[i] = (float) values[i];
                }
                Tensors.assign(array, FloatBuffer.wrap(f));
            } else {
                throw new IllegalStateException("rbf anchors stored as " + array.getDataType()
                        + "; expected float32 or float64");
            }
        }
    }

    @Override
    public int outputDim() {
        return spec().numAnchors();
    }

    @Override
    protected NDArray encode(NDArray lonLatDeg, ParameterStore parameterStore, boolean training) {
        long b = lonLatDeg.getShape().get(0);
        long m = spec().numAnchors();
        // stopGradient: the anchors stay fixed even if a caller unfreezes every parameter of a model
        // (the float64 cast below also detaches in DJL 0.36, but that is not a documented guarantee).
        NDArray a = fixedValue(parameterStore, anchors, lonLatDeg, training)
                .toType(DataType.FLOAT64, false).reshape(1, m, 2);
        NDArray sq = lonLatDeg.reshape(b, 1, 2).sub(a).square().sum(new int[] {2}); // (B, M)
        return sq.mul(-1.0 / (2 * sigma * sigma)).exp();
    }

    /** M area-uniform points: lon = 360·u − 180, lat = 90 − degrees(arccos(2v − 1)). */
    static double[][] sampleSphere(int count, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] pts = new double[count][];
        for (int i = 0; i < count; i++) {
            double lon = 360 * r.nextDouble() - 180;
            double lat = 90 - Math.toDegrees(Math.acos(2 * r.nextDouble() - 1));
            pts[i] = new double[] {lon, lat};
        }
        return pts;
    }

    /** The first k of a seeded partial Fisher–Yates shuffle of 0..n−1. */
    static int[] sampleWithoutReplacement(int n, int k, long seed) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < k; i++) {
            int j = i + r.nextInt(n - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        int[] out = new int[k];
        System.arraycopy(idx, 0, out, 0, k);
        return out;
    }

    private static double[][] checkAnchors(double[][] rows, int expected) {
        List<String> problems = new ArrayList<>();
        if (rows == null) {
            throw new InvalidInputException("rbf: no anchors given");
        }
        if (rows.length != expected) {
            problems.add("rbf: " + rows.length + " anchors given but num_anchors is " + expected);
        }
        double[][] copy = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            double[] r = rows[i];
            if (r == null || r.length != 2) {
                problems.add("rbf anchor " + i + " must be a (lon, lat) pair");
                continue;
            }
            if (!(r[0] >= -180 && r[0] <= 180) || !(r[1] >= -90 && r[1] <= 90)) {
                problems.add("rbf anchor " + i + " (" + r[0] + ", " + r[1]
                        + ") is not a (lon, lat) in [-180, 180] x [-90, 90] degrees");
            }
            copy[i] = r.clone();
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return copy;
    }

    private static double[] flat(double[][] rows) {
        double[] f = new double[rows.length * 2];
        for (int i = 0; i < rows.length; i++) {
            f[2 * i] = rows[i][0];
            f[2 * i + 1] = rows[i][1];
        }
        return f;
    }
}
