package org.geocsp.core.geo;

import org.geocsp.core.io.InvalidInputException;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.geocsp.core.runtime.GeoRuntime;
import org.junit.jupiter.api.Test;

/**
 * Statistical checks of the samplers with fixed seeds. Tolerances are 4 standard errors of the
 * estimated quantity (a share p: √(p(1−p)/n); a mean: σ/√n).
 */
class SamplersTest {

    static final int N = 200_000;

    static double[][] draw(LocationSampler s, int n) {
        double[] lon = new double[n];
        double[] lat = new double[n];
        s.sample(lon, lat);
        return new double[][] {lon, lat};
    }

    static double share(double[] x, java.util.function.DoublePredicate p) {
        int c = 0;
        for (double v : x) {
            if (p.test(v)) {
                c++;
            }
        }
        return (double) c / x.length;
    }

    static void assertShare(double expected, double actual, int n, String what) {
        double tol = 4 * Math.sqrt(expected * (1 - expected) / n);
        assertEquals(expected, actual, tol, what);
    }

    static void assertInRange(double[][] p) {
        for (int i = 0; i < p[0].length; i++) {
            assertTrue(p[0][i] >= -180 && p[0][i] <= 180, "lon " + p[0][i]);
            assertTrue(p[1][i] >= -90 && p[1][i] <= 90, "lat " + p[1][i]);
        }
    }

    @Test
    void areaUniform() {
        double[][] p = draw(new AreaUniformSampler(1), N);
        assertInRange(p);
        assertShare(1 - Math.sin(Math.toRadians(60)), share(p[1], x -> Math.abs(x) > 60), N, "share |lat| > 60");
        double meanSin = 0;
        double meanLon = 0;
        for (int i = 0; i < N; i++) {
            meanSin += Math.sin(Math.toRadians(p[1][i])) / N;
            meanLon += p[0][i] / N;
        }
        assertEquals(0, meanSin, 4 * Math.sqrt(1.0 / 3 / N), "sin(lat) is uniform on [-1, 1]");
        assertEquals(0, meanLon, 4 * 360 / Math.sqrt(12.0 * N), "lon is uniform");
        // It reaches the corners of the lon/lat box that sphericalold never reaches.
        int corners = 0;
        for (int i = 0; i < N; i++) {
            corners += Math.abs(p[0][i]) > 150 && Math.abs(p[1][i]) > 60 ? 1 : 0;
        }
        assertTrue(corners > 1000, "corner points: " + corners);
    }

    @Test
    void uniformBox() {
        double[][] p = draw(new UniformBoxSampler(2), N);
        assertInRange(p);
        assertShare(1.0 / 3, share(p[1], x -> Math.abs(x) > 60), N, "share |lat| > 60");
        assertShare(0.5, share(p[0], x -> x < 0), N, "share lon < 0");
    }

    @Test
    void sphericalOldKeepsTheReferenceQuirk() {
        double[][] p = draw(new SphericalOldSampler(3), N);
        assertInRange(p);
        for (int i = 0; i < N; i++) {
            double r = Math.pow(p[0][i] / 180, 2) + Math.pow(p[1][i] / 90, 2);
            assertTrue(r <= 1 + 1e-12, "outside the ellipse: " + p[0][i] + ", " + p[1][i]);
            assertFalse(Math.abs(p[0][i]) > 150 && Math.abs(p[1][i]) > 60, "a corner point");
        }
        // Latitude is marginally uniform on [-90, 90].
        assertShare(1.0 / 3, share(p[1], x -> Math.abs(x) > 60), N, "share |lat| > 60");
        assertShare(1.0 / 3, share(p[1], x -> Math.abs(x) < 30), N, "share |lat| < 30");
        assertShare(0.5, share(p[1], x -> x > 0), N, "share lat > 0");
        assertShare(0.5, share(p[0], x -> x > 0), N, "share lon > 0");
    }

    @Test
    void deterministicPerSeedAndIndependentOfEngineAndOtherSamplers() {
        double[][] a = draw(new AreaUniformSampler(42), 1000);
        LocationSampler s = new AreaUniformSampler(42);
        LocationSampler other = new AreaUniformSampler(42);
        double[] lon = new double[1000];
        double[] lat = new double[1000];
        for (int off = 0; off < 1000; off += 100) {
            draw(other, 17); // interleaved use of another sampler
            GeoRuntime.engine().setRandomSeed(off); // and of the engine RNG
            s.sample(lon, lat, off, 100);
        }
        assertArrayEquals(a[0], lon, 0.0);
        assertArrayEquals(a[1], lat, 0.0);
        double[][] c = draw(new AreaUniformSampler(43), 1000);
        assertFalse(java.util.Arrays.equals(a[0], c[0]), "another seed, another sequence");
    }

    @Test
    void ndArrayMatchesArraysAndOwnsItsMemory() {
        double[][] p = draw(new SphericalOldSampler(9), 600);
        LocationSampler s = new SphericalOldSampler(9);
        try (NDManager m = GeoRuntime.manager(Device.cpu())) {
            NDArray first = s.sample(m, 300);
            assertEquals(new Shape(300, 2), first.getShape());
            assertEquals(DataType.FLOAT64, first.getDataType());
            double[] firstCopy = first.toDoubleArray();
            NDArray second = s.sample(m, 300);
            assertArrayEquals(firstCopy, first.toDoubleArray(), 0.0, "not aliased to the reused buffer");
            double[] f = first.toDoubleArray();
            double[] g = second.toDoubleArray();
            for (int i = 0; i < 300; i++) {
                assertEquals(p[0][i], f[2 * i], 0.0);
                assertEquals(p[1][i], f[2 * i + 1], 0.0);
                assertEquals(p[0][300 + i], g[2 * i], 0.0);
                assertEquals(p[1][300 + i], g[2 * i + 1], 0.0);
            }
            assertEquals(new Shape(0, 2), s.sample(m, 0).getShape());
        }
    }

    @Test
    void parse() {
        assertEquals(Samplers.Kind.AREA_UNIFORM, Samplers.parse("AreaUniform"));
        assertEquals(Samplers.Kind.UNIFORM_BOX, Samplers.parse(" uniform "));
        assertEquals(Samplers.Kind.SPHERICAL_OLD, Samplers.parse("sphericalold"));
        assertEquals(Samplers.Kind.TRAINING, Samplers.parse("training"));
        // The reference's 'spherical' name gives the correct sampler, never its north-east-quadrant bug.
        LocationSampler spherical = Samplers.create("spherical", 5);
        assertEquals("areauniform", spherical.name());
        double[][] p = draw(spherical, 10_000);
        assertShare(0.25, share(index(p), i -> p[0][(int) i] < 0 && p[1][(int) i] < 0), 10_000, "SW quadrant");
        InvalidInputException ex = assertThrows(InvalidInputException.class, () -> Samplers.parse("gaussian"));
        for (Samplers.Kind k : Samplers.Kind.values()) {
            assertTrue(ex.getMessage().contains(k.canonicalName()), ex.getMessage());
        }
        assertTrue(ex.getMessage().contains("'random-location sampler'"), ex.getMessage());
        assertThrows(InvalidInputException.class, () -> Samplers.create(Samplers.Kind.TRAINING, 1));
    }

    static double[] index(double[][] p) {
        double[] idx = new double[p[0].length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        return idx;
    }

    @Test
    void trainingSamplerHalfNormalDistances() {
        double sigma = 50;
        int n = 50_000;
        for (double[] origin : new double[][] {{10, 45}, {179.9, 89.9}, {-179.99, -60}}) {
            LocationSampler s = Samplers.training(7, new double[] {origin[0]}, new double[] {origin[1]}, sigma,
                    TrainingLocationSampler.Jitter.HALF_NORMAL);
            double[][] p = draw(s, n);
            assertInRange(p);
            double mean = 0;
            double meanSq = 0;
            for (int i = 0; i < n; i++) {
                double d = GreatCircle.distanceKm(origin[0], origin[1], p[0][i], p[1][i]);
                mean += d / n;
                meanSq += d * d / n;
                assertTrue(p[0][i] < 180, "longitude wrapped");
            }
            // |N(0, σ)|: mean σ√(2/π), sd σ√(1 − 2/π); E[d²] = σ², sd σ²√2.
            assertEquals(sigma * Math.sqrt(2 / Math.PI), mean, 4 * sigma * Math.sqrt(1 - 2 / Math.PI) / Math.sqrt(n),
                    "mean distance from " + origin[0] + ", " + origin[1]);
            assertEquals(sigma * sigma, meanSq, 4 * sigma * sigma * Math.sqrt(2.0 / n), "mean squared distance");
        }
    }

    @Test
    void trainingSamplerUniformDisc() {
        double radius = 100;
        int n = 50_000;
        double[] origin = {-179.95, 89.5}; // near the pole and the antimeridian
        LocationSampler s = Samplers.training(8, new double[] {origin[0]}, new double[] {origin[1]}, radius,
                TrainingLocationSampler.Jitter.UNIFORM_DISC);
        double[][] p = draw(s, n);
        assertInRange(p);
        int inner = 0;
        for (int i = 0; i < n; i++) {
            double d = GreatCircle.distanceKm(origin[0], origin[1], p[0][i], p[1][i]);
            assertTrue(d <= radius + 1e-6, "distance " + d + " beyond the disc");
            inner += d <= radius / 2 ? 1 : 0;
        }
        double r = GreatCircle.EARTH_RADIUS_KM;
        double expected = (1 - Math.cos(radius / 2 / r)) / (1 - Math.cos(radius / r)); // cap-area ratio ≈ 1/4
        assertShare(expected, (double) inner / n, n, "share within half the radius");
    }

    @Test
    void trainingSamplerPicksLocationsUniformly() {
        double[] lon = {2.35, 151.2, 151.2};
        double[] lat = {48.86, -33.87, -33.87};
        int n = 30_000;
        double[][] p = draw(Samplers.training(9, lon, lat, 10, TrainingLocationSampler.Jitter.HALF_NORMAL), n);
        double nearParis = share(index(p), i -> GreatCircle.distanceKm(2.35, 48.86, p[0][(int) i], p[1][(int) i]) < 200);
        assertShare(1.0 / 3, nearParis, n, "share near Paris (1 of 3 training rows)");
        assertEquals(1.0, nearParis + share(index(p),
                i -> GreatCircle.distanceKm(151.2, -33.87, p[0][(int) i], p[1][(int) i]) < 200), 0.0);
    }

    @Test
    void trainingSamplerValidatesItsInputs() {
        InvalidInputException ex = assertThrows(InvalidInputException.class,
                () -> new TrainingLocationSampler(1, new double[0], new double[0], -5, null));
        assertEquals(3, ex.problems().size(), ex.getMessage());
        ex = assertThrows(InvalidInputException.class, () -> new TrainingLocationSampler(1,
                new double[] {0, 200}, new double[] {Double.NaN, 0}, 10, TrainingLocationSampler.Jitter.HALF_NORMAL));
        assertTrue(ex.getMessage().contains("training longitude") && ex.getMessage().contains("training latitude"),
                ex.getMessage());
    }
}
