package org.geocsp.core.encode;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;

/**
 * Real spherical harmonics Y_l^m (SatCLIP's location encoding, Klemmer et al. 2023): L² features
 * ordered l = 0..L−1 and, within each l, m = −l..l, with L = {@link EncoderSpec#legendrePolys()}.
 * The angles follow SatCLIP: φ = radians(lon + 180), θ = radians(lat + 90).
 *
 * <p>Y_l^0 = P̄_l^0(cos θ), Y_l^m = √2·P̄_l^m(cos θ)·cos(mφ) and Y_l^−m = √2·P̄_l^m(cos θ)·sin(mφ)
 * for m &gt; 0, where P̄_l^m are the associated Legendre functions scaled so that the Y are
 * orthonormal on the unit sphere. {@link ShConvention#ORTHONORMAL} includes the Condon–Shortley
 * phase (−1)^m in P̄ (SatCLIP's "closed-form" path); {@link ShConvention#SATCLIP} drops it and
 * multiplies the m = 0 terms by π (SatCLIP's default "analytic" functions).
 *
 * <p>P̄ comes from the normalised three-term recurrence, never from factorials: the diagonal
 * P̄_m^m = c_m·sin^m θ with c_m = √(1/4π)·Π_{k≤m} √((2k+1)/2k), then, for l &gt; m,
 * P̄_l^m = a_lm·(cos θ·P̄_{l−1}^m − b_lm·P̄_{l−2}^m) with a_lm = √((4l²−1)/(l²−m²)) and
 * b_lm = √(((l−1)²−m²)/(4(l−1)²−1)). Every factor is O(1), so the values stay finite and
 * accurate in float64 up to L = 100 and at the poles (where sin θ = 0 only makes m &gt; 0 vanish).
 * The recurrence runs over l with all m and the whole batch at once, on the input's device.
 */
public final class SphericalHarmonicsEncoder extends PositionEncoder {

    private final int degrees;
    /** c_m times the phase of the convention, m = 0..L−1. */
    private final double[] diagonal;
    /** Row l holds a_lm for m = 0..L−1 (0 where m ≥ l). */
    private final double[][] recurrenceA;
    /** Row l holds b_lm for m = 0..L−1 (0 where m ≥ l−1). */
    private final double[][] recurrenceB;
    /** Per feature: the flat index l·L + |m| into the (l, m) table of P̄. */
    private final long[] legendreIndex;
    /** Per feature: |m| for the cosine (m ≥ 0), L + |m| for the sine (m &lt; 0). */
    private final long[] trigIndex;
    /** Per feature: √2 for m ≠ 0 and 1 for m = 0, times the convention's factor. */
    private final double[] featureScale;

    public SphericalHarmonicsEncoder(EncoderSpec spec) {
        super(spec);
        int n = spec.legendrePolys();
        ShConvention convention = spec.shConvention();
        this.degrees = n;
        this.diagonal = new double[n];
        double c = Math.sqrt(1.0 / (4 * Math.PI));
        for (int m = 0; m < n; m++) {
            if (m > 0) {
                c *= Math.sqrt((2.0 * m + 1) / (2.0 * m));
            }
            boolean condonShortley = convention == ShConvention.ORTHONORMAL;
            diagonal[m] = condonShortley && (m % 2 == 1) ? -c : c;
        }
        this.recurrenceA = new double[n][n];
        this.recurrenceB = new double[n][n];
        for (int l = 1; l < n; l++) {
            double ll = l;
            for (int m = 0; m < l; m++) {
                recurrenceA[l][m] = Math.sqrt((4 * ll * ll - 1) / (ll * ll - (double) m * m));
                if (m < l - 1) {
                    double p = ll - 1;
                    recurrenceB[l][m] = Math.sqrt((p * p - (double) m * m) / (4 * p * p - 1));
                }
            }
        }
        int k = n * n;
        this.legendreIndex = new long[k];
        this.trigIndex = new long[k];
        this.featureScale = new double[k];
        int i = 0;
        for (int l = 0; l < n; l++) {
            for (int m = -l; m <= l; m++) {
                int am = Math.abs(m);
                legendreIndex[i] = (long) l * n + am;
                trigIndex[i] = m >= 0 ? am : n + am;
                if (m == 0) {
                    featureScale[i] = convention == ShConvention.SATCLIP ? Math.PI : 1.0;
                } else {
                    featureScale[i] = Math.sqrt(2.0);
                }
                i++;
            }
        }
    }

    /** L, the number of Legendre degrees (l = 0..L−1). */
    public int legendrePolys() {
        return degrees;
    }

    /** The column of Y_l^m in the output, for 0 ≤ l &lt; L and −l ≤ m ≤ l. */
    public static int featureIndex(int l, int m) {
        if (l < 0 || Math.abs(m) > l) {
            throw new IllegalArgumentException("no spherical harmonic of degree " + l + " and order " + m);
        }
        return l * l + l + m;
    }

    @Override
    public int outputDim() {
        return degrees * degrees;
    }

    @Override
    protected NDArray encode(NDArray lonLatDeg, ParameterStore parameterStore, boolean training) {
        NDManager mgr = lonLatDeg.getManager();
        int n = degrees;
        long b = lonLatDeg.getShape().get(0);
        double rad = Math.PI / 180;
        NDArray phi = lonLatDeg.get(":, 0:1").add(180).mul(rad); // (B, 1)
        NDArray theta = lonLatDeg.get(":, 1:2").add(90).mul(rad); // (B, 1)
        NDArray cosTheta = theta.cos();
        NDArray sinTheta = theta.sin();
        NDArray orders = mgr.arange(0, n, 1, DataType.FLOAT64).reshape(1, n); // m = 0..L−1

        // Diagonal P̄_m^m for every m at once; sin^m θ underflows to 0 near the poles, which is its value.
        NDArray diag = sinTheta.pow(orders).mul(mgr.create(diagonal).reshape(1, n)); // (B, L)
        NDArray a = mgr.create(recurrenceA); // (L, L)
        NDArray bb = mgr.create(recurrenceB);
        NDArray eye = mgr.eye(n, n, 0, DataType.FLOAT64);

        NDList rows = new NDList(n);
        NDArray prev2 = mgr.zeros(new ai.djl.ndarray.types.Shape(b, n), DataType.FLOAT64);
        NDArray prev1 = prev2;
        for (int l = 0; l < n; l++) {
            // Column m < l: the recurrence; column l: the diagonal; columns m > l stay 0.
            NDArray cur = prev1.mul(cosTheta).sub(prev2.mul(bb.get(l))).mul(a.get(l)).add(diag.mul(eye.get(l)));
            rows.add(cur);
            prev2 = prev1;
            prev1 = cur;
        }
        NDArray legendre = NDArrays.stack(rows, 1).reshape(b, (long) n * n); // (B, L·L), index l·L + m

        NDArray mPhi = phi.mul(orders); // (B, L)
        NDArray trig = NDArrays.concat(new NDList(mPhi.cos(), mPhi.sin()), 1); // (B, 2L)
        int k = n * n;
        NDArray li = mgr.create(legendreIndex).reshape(1, k).broadcast(b, k);
        NDArray ti = mgr.create(trigIndex).reshape(1, k).broadcast(b, k);
        return legendre.gather(li, 1).mul(trig.gather(ti, 1)).mul(mgr.create(featureScale).reshape(1, k));
    }
}
