package org.geocsp.core.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.geocsp.core.io.InvalidInputException;
import org.junit.jupiter.api.Test;

class HeaderTest {

    private static Header h(String... names) {
        return new Header("file 'x.csv'", List.of(names));
    }

    private static String fail(Runnable r) {
        return assertThrows(InvalidInputException.class, r::run).getMessage();
    }

    @Test
    void oneCaseRuleForEveryColumn() {
        Header h = h("\uFEFFLon", "LAT", "label");
        assertEquals(0, h.indexOf("lon"), "a byte order mark and the case do not hide 'lon'");
        assertEquals(1, h.indexOf("lat"));
        assertEquals("Lon", h.name(0));
        assertEquals(-1, h.indexOf("lo"));
        Header both = h("lon", "LON", "lat");
        assertEquals(1, both.indexOf("LON"), "the exact spelling wins");
        assertEquals(0, both.indexOf("lon"));
        String m = fail(() -> both.indexOf("Lon"));
        assertTrue(m.contains("x.csv") && m.contains("'Lon'") && m.contains("different case"), m);
        m = fail(() -> h("lon", "lon").indexOf("lon"));
        assertTrue(m.contains("more than one column named 'lon'"), m);
        m = fail(() -> h("a", "b").require("lon", "longitude"));
        assertTrue(m.contains("no longitude column 'lon'") && m.contains("columns found: a, b"), m);
    }

    @Test
    void numberedColumnsAreExactlyZeroToNMinusOne() {
        Header h = h("lon", "f2", "lat", "f0", "F1", "feature", "f");
        assertArrayEquals(new int[] {3, 4, 1}, h.numbered("f", -1, "image-embedding"));
        assertArrayEquals(new int[] {3, 4, 1}, h.numbered("f", 3, "image-embedding"));
        assertNull(h("lon", "lat").numbered("f", -1, "image-embedding"));
        String m = fail(() -> h("f0", "f1", "f3").numbered("f", -1, "image-embedding"));
        assertTrue(m.contains("not numbered contiguously") && m.contains("missing 'f2'"), m);
        m = fail(() -> h("f0", "f00").numbered("f", -1, "image-embedding"));
        assertTrue(m.contains("'f0' and 'f00'"), m);
        m = fail(() -> h("f0", "f99999999999").numbered("f", -1, "image-embedding"));
        assertTrue(m.contains("column 'f99999999999'") && m.contains("too large"), m);
    }

    @Test
    void numberedColumnsMustHaveTheModelsWidth() {
        String[] names = new String[12];
        for (int i = 0; i < 12; i++) {
            names[i] = "f" + i;
        }
        String m = fail(() -> h(names).numbered("f", 8, "image-embedding"));
        assertTrue(m.contains("has 12 image-embedding columns f0..f11") && m.contains("expects 8 (f0..f7)"), m);
        m = fail(() -> h("lon", "lat").numbered("f", 8, "image-embedding"));
        assertTrue(m.contains("no image-embedding columns f0..f7"), m);
    }
}
