package org.geocsp.knime.config;

import org.geocsp.core.table.ColumnInfo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.List;
import org.geocsp.core.sample.SamplePlaces;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Row selection, split column and output columns of the GeoCSP Sample Places node. */
class SamplePlacesConfigTest {

    private static SamplePlaces places;

    @BeforeAll
    static void load() {
        places = SamplePlaces.load();
    }

    @Test
    void selectsASeededSampleOrEverything() {
        SamplePlacesConfig c = SamplePlacesConfig.defaults();
        int[] rows = c.selectRows(places);
        assertEquals(20_000, rows.length);
        assertArrayEquals(rows, c.selectRows(places));
        assertArrayEquals(places.sampleRows(20_000, 0), rows);
        int[] other = new SamplePlacesConfig(c.values().with(SamplePlacesConfig.SEED, 5L)).selectRows(places);
        assertEquals(20_000, other.length);
        assertEquals(false, Arrays.equals(rows, other));
        SamplePlacesConfig all = new SamplePlacesConfig(c.values().with(SamplePlacesConfig.ROWS, 0));
        assertEquals(places.size(), all.selectRows(places).length);
    }

    @Test
    void splitIsStratifiedByCountry() {
        SamplePlacesConfig c = new SamplePlacesConfig(SamplePlacesConfig.defaults().values()
                .with(SamplePlacesConfig.ROWS, 5000).with(SamplePlacesConfig.TEST_FRACTION, 0.25));
        int[] rows = c.selectRows(places);
        String[] split = c.splitColumn(places, rows);
        long test = Arrays.stream(split).filter("test"::equals).count();
        // per country round(n * 0.25), so about a quarter overall
        assertEquals(0.25, test / (double) rows.length, 0.02);
        // France: its rows get round(n_FR * 0.25) test rows
        long fr = 0;
        long frTest = 0;
        for (int i = 0; i < rows.length; i++) {
            if (places.country(rows[i]).equals("FR")) {
                fr++;
                frTest += split[i].equals("test") ? 1 : 0;
            }
        }
        assertEquals(Math.round(fr * 0.25), frTest);
        assertNull(new SamplePlacesConfig(c.values().with(SamplePlacesConfig.SPLIT, "none")).splitColumn(places, rows));
    }

    @Test
    void outputColumnsFollowTheOptions() {
        SamplePlacesConfig c = SamplePlacesConfig.defaults();
        assertEquals(List.of("geonameid", "name", "longitude", "latitude", "country", "admin1", "population",
                "feature_code", "split", "name_embedding"), c.outputColumns().stream().map(ColumnInfo::name).toList());
        assertEquals(128, c.outputColumns().get(9).width());
        SamplePlacesConfig bare = new SamplePlacesConfig(c.values().with(SamplePlacesConfig.SPLIT, "none")
                .with(SamplePlacesConfig.NAME_EMBEDDING, false));
        assertEquals(8, bare.outputColumns().size());
    }
}
