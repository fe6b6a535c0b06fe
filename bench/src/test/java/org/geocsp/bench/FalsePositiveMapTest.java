package org.geocsp.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FalsePositiveMapTest {

    static boolean isLand(double[] centres, double lon, double lat) {
        for (int i = 0; i < centres.length; i += 2) {
            if (centres[i] == lon && centres[i + 1] == lat) {
                return true;
            }
        }
        return false;
    }

    @Test
    void landCellsAreTheCellsInsideTheCountryOutlines() {
        double[] land = FalsePositiveMap.landCellCentres();
        int cells = land.length / 2;
        // about 29% of the Earth is land; unweighted 1° cells over-count the polar land (Antarctica, Greenland, Siberia)
        assertTrue(cells > 0.26 * 64_800 && cells < 0.40 * 64_800, "land cells: " + cells);
        assertTrue(isLand(land, 2.5, 46.5), "central France");
        assertTrue(isLand(land, -100.5, 40.5), "Kansas");
        assertTrue(isLand(land, 133.5, -25.5), "central Australia");
        assertTrue(isLand(land, 0.5, -80.5), "Antarctica");
        assertTrue(isLand(land, 28.5, -29.5), "Lesotho, a hole of South Africa filled by its own polygon");
        assertFalse(isLand(land, -30.5, 0.5), "mid-Atlantic");
        assertFalse(isLand(land, -150.5, 20.5), "Pacific");
        assertFalse(isLand(land, 50.5, 41.5), "Caspian Sea");
    }

    @Test
    void theLargestCountriesAreThoseWhosePlacesOccupyTheMostCells() {
        // A: 3 cells, B: 2 cells (3 places), C: 1 cell (5 places)
        String[] labels = {"A", "A", "A", "B", "B", "B", "C", "C", "C", "C", "C"};
        double[] lon = {0.5, 1.5, 2.5, 10.5, 10.6, 11.5, 20.1, 20.2, 20.3, 20.4, 20.5};
        double[] lat = new double[labels.length];
        assertEquals(List.of("A", "B", "C"), FalsePositiveMap.largestCountries(labels, lon, lat));
    }

    @Test
    void onlyLandCellsFarFromEveryTrainingPlaceOfTheCountryCount() {
        // one country with one training place in central France
        String[] places = {"FR"};
        double[] lon = {2.35};
        double[] lat = {48.85};
        double[] land = FalsePositiveMap.landCellCentres();
        int landCells = land.length / 2;
        // a model that says 1 everywhere: the mean is 1 over the far cells, whatever their number
        FalsePositiveMap.Result all = FalsePositiveMap.measure(List.of("DE", "FR"), places, lon, lat, places, lon, lat,
                (lo, la, idx) -> fill(lo.length, idx.length, 1f));
        assertEquals(1, all.countries().size());
        FalsePositiveMap.CountryScore fr = all.countries().get(0);
        assertEquals("FR", fr.country());
        assertEquals(1, fr.trainingPlaces());
        assertEquals(1.0, all.meanProbability(), 1e-12);
        int near = 0;
        for (int i = 0; i < land.length; i += 2) {
            if (km(land[i], land[i + 1], 2.35, 48.85) <= FalsePositiveMap.FAR_KM) {
                near++;
            }
        }
        assertTrue(near > 100 && near < 600, "land cells within 1000 km of Paris: " + near);
        assertEquals(landCells - near, fr.farLandCells());
        // a model that is right (1 within 1000 km, 0 beyond) scores 0; one that is 0.5 beyond scores 0.5
        FalsePositiveMap.Result local = FalsePositiveMap.measure(List.of("DE", "FR"), places, lon, lat, places, lon,
                lat, (lo, la, idx) -> byDistance(lo, la, 1f, 0f));
        assertEquals(0.0, local.meanProbability(), 1e-12);
        FalsePositiveMap.Result half = FalsePositiveMap.measure(List.of("DE", "FR"), places, lon, lat, places, lon,
                lat, (lo, la, idx) -> byDistance(lo, la, 0f, 0.5f));
        assertEquals(0.5, half.meanProbability(), 1e-6);
    }

    @Test
    void aCountryWithoutTrainingPlacesIsNotScored() {
        String[] places = {"FR", "ES"};
        double[] lon = {2.35, -3.7};
        double[] lat = {48.85, 40.4};
        String[] training = {"FR"};
        FalsePositiveMap.Result r = FalsePositiveMap.measure(List.of("ES", "FR"), places, lon, lat, training,
                new double[] {2.35}, new double[] {48.85}, (lo, la, idx) -> {
                    assertEquals(1, idx.length);
                    assertEquals(1, idx[0], "the model's index of FR");
                    return fill(lo.length, 1, 0.25f);
                });
        assertEquals(List.of("FR"), r.countries().stream().map(FalsePositiveMap.CountryScore::country).toList());
        assertEquals(0.25, r.meanProbability(), 1e-6);
    }

    static float[][] fill(int n, int k, float v) {
        float[][] out = new float[n][k];
        for (float[] row : out) {
            java.util.Arrays.fill(row, v);
        }
        return out;
    }

    static float[][] byDistance(double[] lo, double[] la, float near, float far) {
        float[][] out = new float[lo.length][1];
        for (int i = 0; i < lo.length; i++) {
            out[i][0] = km(lo[i], la[i], 2.35, 48.85) <= FalsePositiveMap.FAR_KM ? near : far;
        }
        return out;
    }

    static double km(double lon1, double lat1, double lon2, double lat2) {
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double dl = Math.toRadians(lon2 - lon1);
        double c = Math.sin(p1) * Math.sin(p2) + Math.cos(p1) * Math.cos(p2) * Math.cos(dl);
        return FalsePositiveMap.EARTH_KM * Math.acos(Math.max(-1, Math.min(1, c)));
    }
}
