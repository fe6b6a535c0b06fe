package org.geocsp.core.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.geocsp.core.runtime.GeoRuntime;
import org.junit.jupiter.api.Test;

class GreatCircleTest {

    static final double R = GreatCircle.EARTH_RADIUS_KM;

    @Test
    void knownDistances() {
        // Paris – London, haversine on a 6371 km sphere: 343.53 km.
        assertEquals(343.53, GreatCircle.distanceKm(2.3522, 48.8566, -0.1276, 51.5072), 0.01);
        assertEquals(Math.PI * R, GreatCircle.distanceKm(0, 0, 180, 0), 1e-9);
        assertEquals(Math.PI * R, GreatCircle.distanceKm(10, 45, -170, -45), 1e-6);
        assertEquals(Math.PI * R, GreatCircle.distanceKm(0, 90, 0, -90), 1e-9);
        // One degree of latitude, and across the antimeridian.
        assertEquals(Math.PI * R / 180, GreatCircle.distanceKm(30, 10, 30, 11), 1e-9);
        assertEquals(2 * Math.PI * R / 360, GreatCircle.distanceKm(179.5, 0, -179.5, 0), 1e-9);
        assertEquals(0.0, GreatCircle.distanceKm(12.3, -45.6, 12.3, -45.6), 0.0);
    }

    @Test
    void pairwiseNdArrayEqualsJava() {
        SplittableRandom rng = new SplittableRandom(5);
        int a = 7;
        int b = 9;
        double[] pa = new double[2 * a];
        double[] pb = new double[2 * b];
        for (double[] p : new double[][] {pa, pb}) {
            for (int i = 0; i < p.length; i += 2) {
                p[i] = 360 * rng.nextDouble() - 180;
                p[i + 1] = 180 * rng.nextDouble() - 90;
            }
        }
        pb[0] = pa[0]; // one identical pair and one antipodal pair
        pb[1] = pa[1];
        pb[2] = Coordinates.wrapLongitude(pa[2] + 180);
        pb[3] = -pa[3];
        try (NDManager m = GeoRuntime.manager(Device.cpu())) {
            NDArray d = GreatCircle.pairwiseKm(m.create(pa, new Shape(a, 2)), m.create(pb, new Shape(b, 2)));
            assertEquals(new Shape(a, b), d.getShape());
            assertEquals(DataType.FLOAT64, d.getDataType());
            double[] got = d.toDoubleArray();
            for (int i = 0; i < a; i++) {
                for (int j = 0; j < b; j++) {
                    double expected = GreatCircle.distanceKm(pa[2 * i], pa[2 * i + 1], pb[2 * j], pb[2 * j + 1]);
                    assertEquals(expected, got[i * b + j], 1e-8, "pair " + i + "," + j);
                }
            }
            assertEquals(0.0, got[0], 0.0);
            assertEquals(Math.PI * R, got[b + 1], 1e-6);
            // float32 input is accepted and computed in float64.
            NDArray d32 = GreatCircle.pairwiseKm(m.create(pa, new Shape(a, 2)).toType(DataType.FLOAT32, false),
                    m.create(pb, new Shape(b, 2)).toType(DataType.FLOAT32, false));
            assertEquals(DataType.FLOAT64, d32.getDataType());
        }
    }

    @Test
    void destination() {
        double[] p = GreatCircle.destination(0, 0, 90, Math.PI * R / 2);
        assertEquals(90, p[0], 1e-9);
        assertEquals(0, p[1], 1e-9);
        p = GreatCircle.destination(30, 10, 0, Math.PI * R / 180);
        assertEquals(30, p[0], 1e-9);
        assertEquals(11, p[1], 1e-9);
        // Across the antimeridian: wrapped into [-180, 180).
        p = GreatCircle.destination(179.5, 0, 90, Math.PI * R / 180);
        assertEquals(-179.5, p[0], 1e-9);
        // Over the north pole: continues down the other side.
        p = GreatCircle.destination(0, 89, 0, 2 * Math.PI * R / 180);
        assertEquals(-180, p[0], 1e-9);
        assertEquals(89, p[1], 1e-9);
        // Round trip on random inputs: the distance back equals the distance travelled.
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 1000; i++) {
            double lon = 360 * rng.nextDouble() - 180;
            double lat = 180 * rng.nextDouble() - 90;
            double km = 5000 * rng.nextDouble();
            double[] q = GreatCircle.destination(lon, lat, 360 * rng.nextDouble(), km);
            assertTrue(q[0] >= -180 && q[0] < 180 && q[1] >= -90 && q[1] <= 90);
            assertEquals(km, GreatCircle.distanceKm(lon, lat, q[0], q[1]), 1e-6);
        }
    }
}
