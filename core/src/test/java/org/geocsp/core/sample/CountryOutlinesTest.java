package org.geocsp.core.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class CountryOutlinesTest {

    /**
     * Hand-made quantised topology: two unit squares side by side sharing the border arc 0.
     * transform: x = q * 0.5 + 10, y = q * 0.25 - 5.
     * arc 0 (shared border): quantised (2,0) -> (2,4)         = lon/lat (11,-5) -> (11,-4)
     * arc 1 (A's outer part): (2,4) -> (0,4) -> (0,0) -> (2,0) = (11,-4) (10,-4) (10,-5) (11,-5)
     * arc 2 (B's outer part): (2,0) -> (4,0) -> (4,4) -> (2,4) = (11,-5) (12,-5) (12,-4) (11,-4)
     * A = [0, 1]; B = [2, ~0] (arc 0 reversed).
     */
    private static final String TINY = """
            {"type":"Topology",
             "transform":{"scale":[0.5,0.25],"translate":[10,-5]},
             "objects":{
               "countries":{"type":"GeometryCollection","geometries":[
                 {"type":"Polygon","id":"001","properties":{"name":"A"},"arcs":[[0,1]]},
                 {"type":"MultiPolygon","properties":{"name":"B"},"arcs":[[[2,-1]]]}]},
               "land":{"type":"GeometryCollection","geometries":[{"type":"Polygon","arcs":[[1,2]]}]}},
             "arcs":[[[2,0],[0,4]],
                     [[2,4],[-2,0],[0,-4],[2,0]],
                     [[2,0],[2,0],[0,4],[-2,0]]]}
            """;

    @Test
    void decodesQuantisedDeltaArcs() throws IOException {
        CountryOutlines o = CountryOutlines.read(new StringReader(TINY));
        assertEquals(3, o.arcs().size());
        assertArrayEquals(new double[] {11, -5, 11, -4}, o.arcs().get(0), 1e-12);
        assertArrayEquals(new double[] {11, -4, 10, -4, 10, -5, 11, -5}, o.arcs().get(1), 1e-12);
        assertArrayEquals(new double[] {11, -5, 12, -5, 12, -4, 11, -4}, o.arcs().get(2), 1e-12);
    }

    @Test
    void stitchesRingsWithReversedArcsAndSharedJunctions() throws IOException {
        CountryOutlines o = CountryOutlines.read(new StringReader(TINY));
        CountryOutlines.Country a = o.countries().get(0);
        assertEquals("001", a.isoNumeric());
        assertEquals("A", a.name());
        assertEquals(1, a.rings().size());
        assertArrayEquals(new double[] {11, -5, 11, -4, 10, -4, 10, -5, 11, -5}, a.rings().get(0), 1e-12);
        CountryOutlines.Country b = o.countries().get(1);
        assertEquals("", b.isoNumeric());
        assertArrayEquals(new double[] {11, -5, 12, -5, 12, -4, 11, -4, 11, -5}, b.rings().get(0), 1e-12);
        assertEquals(1, o.landRings().size());
        assertEquals(7 * 2, o.landRings().get(0).length);
        assertEquals("A", o.namesByIsoNumeric().get("001"));
        assertEquals(1, o.namesByIsoNumeric().size());
    }

    @Test
    void unquantisedArcsAreAbsolute() throws IOException {
        String topo = """
                {"type":"Topology","objects":{},"arcs":[[[1.5,2.5],[3.5,4.5]]]}""";
        CountryOutlines o = CountryOutlines.read(new StringReader(topo));
        assertArrayEquals(new double[] {1.5, 2.5, 3.5, 4.5}, o.arcs().get(0), 1e-12);
        assertTrue(o.countries().isEmpty());
    }

    @Test
    void rejectsNonTopologyAndBadArcIndex() {
        assertThrows(IOException.class, () -> CountryOutlines.read(new StringReader("{\"type\":\"FeatureCollection\"}")));
        String bad = TINY.replace("\"arcs\":[[0,1]]", "\"arcs\":[[0,7]]");
        IOException e = assertThrows(IOException.class, () -> CountryOutlines.read(new StringReader(bad)));
        assertTrue(e.getMessage().contains("7"), e.getMessage());
    }

    @Test
    void embeddedNaturalEarthOutlines() {
        CountryOutlines o = CountryOutlines.load();
        assertEquals(241, o.countries().size()); // world-atlas 2.0.2 countries-50m
        assertEquals("France", o.namesByIsoNumeric().get("250"));
        assertEquals("Brazil", o.namesByIsoNumeric().get("076"));
        for (double[] arc : o.arcs()) {
            for (int i = 0; i < arc.length; i += 2) {
                assertTrue(arc[i] >= -180 - 1e-9 && arc[i] <= 180 + 1e-9, "lon " + arc[i]);
                assertTrue(arc[i + 1] >= -90 - 1e-9 && arc[i + 1] <= 90 + 1e-9, "lat " + arc[i + 1]);
            }
        }
        // Paris lies inside one of France's rings (even-odd ray casting).
        CountryOutlines.Country france = o.countries().stream().filter(c -> c.isoNumeric().equals("250")).findFirst().orElseThrow();
        boolean inside = false;
        for (double[] ring : france.rings()) {
            assertEquals(ring[0], ring[ring.length - 2], 1e-12, "ring closed");
            assertEquals(ring[1], ring[ring.length - 1], 1e-12, "ring closed");
            inside ^= contains(ring, 2.3488, 48.85341);
        }
        assertTrue(inside, "Paris inside France");
        CountryOutlines.Country germany = o.countries().stream().filter(c -> c.isoNumeric().equals("276")).findFirst().orElseThrow();
        assertTrue(germany.rings().stream().noneMatch(r -> contains(r, 2.3488, 48.85341)), "Paris not in Germany");
        assertTrue(germany.rings().stream().anyMatch(r -> contains(r, 13.41053, 52.52437)), "Berlin in Germany");
    }

    private static boolean contains(double[] ring, double lon, double lat) {
        boolean in = false;
        for (int i = 0, j = ring.length - 2; i < ring.length; j = i, i += 2) {
            double xi = ring[i], yi = ring[i + 1], xj = ring[j], yj = ring[j + 1];
            if ((yi > lat) != (yj > lat) && lon < (xj - xi) * (lat - yi) / (yj - yi) + xi) {
                in = !in;
            }
        }
        return in;
    }
}
