package org.geocsp.core.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import com.google.gson.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.geocsp.core.runtime.GeoRuntime;
import org.geocsp.core.testutil.Golden;
import org.geocsp.core.testutil.Nd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SphericalHarmonicsEncoderTest {

    static NDManager manager;
    static JsonObject golden;
    static double[][] coords;

    @BeforeAll
    static void setUp() {
        manager = GeoRuntime.manager(Device.cpu());
        golden = Golden.json("pe_raw.json");
        coords = Golden.matrix(golden.get("coords_lonlat_deg"));
    }

    @AfterAll
    static void tearDown() {
        manager.close();
    }

    static SphericalHarmonicsEncoder encoder(int l, ShConvention c) {
        return (SphericalHarmonicsEncoder) EncoderRegistry.create(
                EncoderSpec.of("spherical_harmonics").withLegendrePolys(l).withShConvention(c));
    }

    /** Public path: float32 input, float32 output, as the reference feeds it. */
    static double[][] forward32(PositionEncoder enc, double[][] lonLat) {
        try (NDManager m = manager.newSubManager()) {
            NDArray in = Nd.matrix(m, lonLat).toType(DataType.FLOAT32, false);
            enc.initialize(m, DataType.FLOAT32, in.getShape());
            NDArray out = enc.forward(new ParameterStore(m, false), new NDList(in), false).head();
            assertEquals(DataType.FLOAT32, out.getDataType());
            return Nd.toMatrix(out);
        }
    }

    /** The float64 features before the final cast, for precision checks. */
    static double[][] encode64(PositionEncoder enc, double[][] lonLat) {
        try (NDManager m = manager.newSubManager()) {
            NDArray in = Nd.matrix(m, lonLat);
            enc.initialize(m, DataType.FLOAT32, in.getShape());
            NDArray out = enc.encode(in, new ParameterStore(m, false), false);
            assertEquals(DataType.FLOAT64, out.getDataType());
            return Nd.toMatrix(out);
        }
    }

    static double[][] expected(String name) {
        return Golden.matrix(golden.getAsJsonObject("encoders").getAsJsonObject(name).get("values"));
    }

    @Test
    void registeredUnderItsAliases() {
        for (String alias : new String[] {"spherical_harmonics", "sphericalharmonics", "SH", "satclip"}) {
            assertEquals("spherical_harmonics", EncoderRegistry.canonicalName(alias));
        }
        assertEquals(100, EncoderRegistry.create(EncoderSpec.of("SH")).outputDim());
    }

    @Test
    void orthonormalMatchesSatclipClosedFormGolden() {
        Golden.assertClose(expected("sphericalharmonics_closedform"),
                forward32(encoder(10, ShConvention.ORTHONORMAL), coords), 1e-5, "SH orthonormal");
    }

    @Test
    void satclipConventionMatchesSatclipAnalyticGolden() {
        Golden.assertClose(expected("sphericalharmonics"), forward32(encoder(10, ShConvention.SATCLIP), coords),
                1e-5, "SH satclip");
    }

    @Test
    void finiteAtPolesAndEverywhereForHighDegrees() {
        SplittableRandom r = new SplittableRandom(7);
        double[][] pts = new double[64][];
        pts[0] = new double[] {0, 90};
        pts[1] = new double[] {0, -90};
        pts[2] = new double[] {180, 90};
        pts[3] = new double[] {-180, -90};
        pts[4] = new double[] {33, 89.99999};
        pts[5] = new double[] {-12, -89.99999};
        for (int i = 6; i < pts.length; i++) {
            pts[i] = new double[] {360 * r.nextDouble() - 180, 180 * r.nextDouble() - 90};
        }
        for (int l : new int[] {40, 100}) {
            for (ShConvention c : ShConvention.values()) {
                double[][] y = forward32(encoder(l, c), pts);
                double maxAbs = 0;
                for (double[] row : y) {
                    assertEquals(l * l, row.length);
                    for (double v : row) {
                        assertTrue(Double.isFinite(v), "non-finite SH value at L=" + l);
                        maxAbs = Math.max(maxAbs, Math.abs(v));
                    }
                }
                // |Y_l^m| ≤ √((2l+1)/4π) (×π for SatCLIP's m = 0); anything larger means the recurrence blew up.
                double bound = Math.sqrt((2.0 * l + 1) / (4 * Math.PI)) * (c == ShConvention.SATCLIP ? Math.PI : 1)
                        * 1.0001;
                assertTrue(maxAbs <= bound, "max |Y| " + maxAbs + " above " + bound + " at L=" + l);
            }
        }
        // At a pole only m = 0 survives: Y_l^0 = ±√((2l+1)/4π).
        double[][] north = encode64(encoder(40, ShConvention.ORTHONORMAL), new double[][] {{10, 90}});
        for (int l = 0; l < 40; l++) {
            for (int m = -l; m <= l; m++) {
                double v = north[0][SphericalHarmonicsEncoder.featureIndex(l, m)];
                if (m == 0) {
                    // θ = π at lat 90 in SatCLIP's angles, so cos θ = −1 and P_l(−1) = (−1)^l.
                    double expected = Math.sqrt((2.0 * l + 1) / (4 * Math.PI)) * (l % 2 == 0 ? 1 : -1);
                    assertEquals(expected, v, 1e-12, "Y_" + l + "^0 at the north pole");
                } else {
                    assertEquals(0, v, 1e-12, "Y_" + l + "^" + m + " at the north pole");
                }
            }
        }
    }

    @Test
    void orthonormalOnGaussLegendreGrid() {
        int lmax = 20;
        int nTheta = 24; // exact for polynomial degree ≤ 47 in cos θ; products reach 2(L−1) = 38
        int nPhi = 48; // exact for trigonometric products up to order 47
        double[][] gl = gaussLegendre(nTheta);
        double[][] pts = new double[nTheta * nPhi][];
        double[] weights = new double[pts.length];
        for (int i = 0; i < nTheta; i++) {
            double theta = Math.acos(gl[0][i]);
            for (int j = 0; j < nPhi; j++) {
                double phi = 2 * Math.PI * j / nPhi;
                pts[i * nPhi + j] = new double[] {Math.toDegrees(phi) - 180, Math.toDegrees(theta) - 90};
                weights[i * nPhi + j] = gl[1][i] * 2 * Math.PI / nPhi;
            }
        }
        for (ShConvention c : ShConvention.values()) {
            double[][] y = encode64(encoder(lmax, c), pts);
            int k = lmax * lmax;
            double worst = 0;
            for (int a = 0; a < k; a++) {
                for (int b = a; b < k; b++) {
                    double s = 0;
                    for (int p = 0; p < pts.length; p++) {
                        s += weights[p] * y[p][a] * y[p][b];
                    }
                    double expected = 0;
                    if (a == b) {
                        boolean mZero = isOrderZero(a);
                        expected = c == ShConvention.SATCLIP && mZero ? Math.PI * Math.PI : 1;
                    }
                    worst = Math.max(worst, Math.abs(s - expected));
                }
            }
            assertTrue(worst < 1e-6, c + ": Gram matrix deviates from the expected diagonal by " + worst);
        }
    }

    private static boolean isOrderZero(int feature) {
        int l = (int) Math.floor(Math.sqrt(feature));
        return feature - (l * l + l) == 0;
    }

    /** Nodes (row 0) and weights (row 1) of n-point Gauss–Legendre quadrature on [−1, 1], by Newton. */
    static double[][] gaussLegendre(int n) {
        double[] x = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            double z = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
            double dp = 0;
            for (int it = 0; it < 100; it++) {
                double p0 = 1;
                double p1 = z;
                for (int k = 2; k <= n; k++) {
                    double p2 = ((2 * k - 1) * z * p1 - (k - 1) * p0) / k;
                    p0 = p1;
                    p1 = p2;
                }
                dp = n * (z * p1 - p0) / (z * z - 1);
                double dz = p1 / dp;
                z -= dz;
                if (Math.abs(dz) < 1e-16) {
                    break;
                }
            }
            x[i] = z;
            w[i] = 2 / ((1 - z * z) * dp * dp);
        }
        return new double[][] {x, w};
    }

    @Test
    void matchesIndependentHighPrecisionEvaluationUpToDegree40() {
        SphericalHarmonicsEncoder enc = encoder(41, ShConvention.ORTHONORMAL);
        double[][] pts = {{0, 0}, {-122.4194, 37.7749}, {151.2093, -33.8688}, {17.5, 88.7}, {-63.1, -89.95},
            {179.99, 10}, {-180, -45.25}};
        double[][] y = encode64(enc, pts);
        int[][] lm = {{0, 0}, {1, -1}, {5, 3}, {12, -7}, {20, 20}, {25, 0}, {33, -12}, {40, 0}, {40, 1}, {40, -39},
            {40, 40}, {40, -17}};
        for (int p = 0; p < pts.length; p++) {
            double phi = (pts[p][0] + 180) * (Math.PI / 180);
            double theta = (pts[p][1] + 90) * (Math.PI / 180);
            for (int[] q : lm) {
                double expected = referenceY(q[0], q[1], Math.cos(theta), Math.sin(theta), phi);
                double got = y[p][SphericalHarmonicsEncoder.featureIndex(q[0], q[1])];
                assertEquals(expected, got, 1e-11 * Math.max(1, Math.abs(expected)),
                        "Y_" + q[0] + "^" + q[1] + " at " + pts[p][0] + ", " + pts[p][1]);
            }
        }
    }

    private static final MathContext MC = new MathContext(110);
    private static final BigDecimal PI = new BigDecimal(
            "3.14159265358979323846264338327950288419716939937510582097494459230781640628620899862803482534211706798");

    /**
     * Orthonormal real Y_l^m with the Condon–Shortley phase from the explicit sum
     * P_l^m(x) = (−1)^m (1−x²)^{m/2} 2^{−l} Σ_k (−1)^k C(l,k) C(2l−2k,l) (l−2k)!/(l−2k−m)! x^{l−2k−m},
     * evaluated in 110-digit decimal arithmetic so the huge cancelling terms are exact enough.
     */
    static double referenceY(int l, int m, double x, double s, double phi) {
        int am = Math.abs(m);
        BigDecimal bx = new BigDecimal(x);
        BigDecimal sum = BigDecimal.ZERO;
        for (int k = 0; 2 * k <= l - am; k++) {
            int pow = l - 2 * k - am;
            BigInteger coef = binomial(l, k).multiply(binomial(2 * l - 2 * k, l))
                    .multiply(factorial(l - 2 * k)).divide(factorial(pow));
            BigDecimal term = new BigDecimal(coef).multiply(bx.pow(pow, MC), MC);
            sum = k % 2 == 0 ? sum.add(term, MC) : sum.subtract(term, MC);
        }
        BigDecimal plm = sum.divide(new BigDecimal(BigInteger.TWO.pow(l)), MC)
                .multiply(new BigDecimal(s).pow(am, MC), MC);
        if (am % 2 == 1) {
            plm = plm.negate();
        }
        BigDecimal norm = new BigDecimal(2 * l + 1).multiply(new BigDecimal(factorial(l - am)), MC)
                .divide(new BigDecimal(4).multiply(PI, MC).multiply(new BigDecimal(factorial(l + am)), MC), MC)
                .sqrt(MC);
        double p = norm.multiply(plm, MC).doubleValue();
        if (m == 0) {
            return p;
        }
        return Math.sqrt(2) * p * (m > 0 ? Math.cos(am * phi) : Math.sin(am * phi));
    }

    private static BigInteger factorial(int n) {
        BigInteger f = BigInteger.ONE;
        for (int i = 2; i <= n; i++) {
            f = f.multiply(BigInteger.valueOf(i));
        }
        return f;
    }

    private static BigInteger binomial(int n, int k) {
        return factorial(n).divide(factorial(k).multiply(factorial(n - k)));
    }
}
