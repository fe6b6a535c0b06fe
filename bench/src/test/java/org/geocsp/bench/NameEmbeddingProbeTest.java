package org.geocsp.bench;

import org.geocsp.core.sample.PlaceNameEmbedding;
import org.geocsp.core.sample.SamplePlaces;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The place-name embedding carries country information linearly: on a seeded 30,000-place
 * subsample (width 512 to keep the test under a minute), the linear probe's country top-1 must be
 * at least twice the majority-class rate. The full-data measurement reported in the sample-data
 * README runs only on request (several minutes):
 * {@code mvn -o -pl core test -Dtest=NameEmbeddingProbeTest -Dgeocsp.fullProbe=true [-Dgeocsp.probeWidth=256]}.
 */
class NameEmbeddingProbeTest {

    @Test
    void linearProbeClearlyBeatsMajorityClass() {
        SamplePlaces places = SamplePlaces.load();
        int[] rows = places.sampleRows(30_000, 7);
        NameEmbeddingProbe.Result r = NameEmbeddingProbe.measure(places, rows, SamplePlaces.Label.COUNTRY,
                PlaceNameEmbedding.Settings.DEFAULT.withWidth(512), LinearProbe.Settings.DEFAULT.withEpochs(4),
                0.2, 42, 2);
        System.out.println(r.summary());
        assertEquals("US", r.majorityClass());
        assertEquals(30_000, r.trainRows() + r.testRows());
        assertTrue(r.majorityRate() > 0.05 && r.majorityRate() < 0.25, "majority rate " + r.majorityRate());
        assertTrue(r.linearTop1() >= 2 * r.majorityRate(), r.summary());
        assertTrue(r.linearTop1() > r.nearestMeanTop1(), r.summary());
    }

    @Test
    @EnabledIfSystemProperty(named = "geocsp.fullProbe", matches = "true")
    void fullDataMeasurement() {
        int width = Integer.getInteger("geocsp.probeWidth", PlaceNameEmbedding.Settings.DEFAULT.width());
        NameEmbeddingProbe.Result r = NameEmbeddingProbe.measure(SamplePlaces.load(), null, SamplePlaces.Label.COUNTRY,
                PlaceNameEmbedding.Settings.DEFAULT.withWidth(width), LinearProbe.Settings.DEFAULT.withEpochs(4),
                0.2, 42, 2);
        System.out.println(r.summary() + " (embedding " + r.embedMillis() + " ms, probes " + r.probeMillis() + " ms)");
        assertTrue(r.linearTop1() >= 2 * r.majorityRate(), r.summary());
    }
}
