package org.geocsp.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.geocsp.core.sample.CountryOutlines;

/**
 * How much a country model claims land where it has never seen the country: for each of the
 * {@value #COUNTRIES} largest countries, the mean P(country | location) over the land cells of a
 * 1° grid whose centre is farther than {@value #FAR_KM} km from every training place of that
 * country, then the mean over those countries. A map a user can trust scores close to 0; the
 * axis-aligned "cross" of a grid encoder (high P along the meridian and parallel bands of the
 * country's places) scores high.
 *
 * <ul>
 *   <li><b>Land:</b> a cell is land when its centre lies inside a Natural Earth admin-0 polygon
 *       (the embedded {@link CountryOutlines}, even-odd rule over every ring, so holes count as
 *       water); 1° cells, not area-weighted.
 *   <li><b>Largest countries:</b> the {@value #COUNTRIES} countries whose places (all the
 *       places given, not only the labelled ones) occupy the most 1° cells; ties by label. A
 *       country without a training place is skipped (every cell would count as far).
 *   <li><b>Distance:</b> great circle on a sphere of radius {@value #EARTH_KM} km.
 * </ul>
 */
public final class FalsePositiveMap {

    /** How many countries are scored. */
    public static final int COUNTRIES = 20;
    /** A land cell counts when it is farther than this from every training place of the country. */
    public static final double FAR_KM = 1000;
    /** The target of the benchmark: the default model scores at most this. */
    public static final double TARGET = 0.02;
    static final double EARTH_KM = 6371.0088;

    /** Scores P(class | location) of the given classes at the given points. */
    public interface Scorer {
        /** @return [point][k] the score of {@code classIndices[k]} at point i */
        float[][] scores(double[] lon, double[] lat, int[] classIndices);
    }

    /** One country: its land cells far from its training places and their mean P. */
    public record CountryScore(String country, int occupiedCells, int trainingPlaces, int farLandCells,
            double meanProbability) {}

    /** The measure: the mean over the scored countries, and each of them. */
    public record Result(double meanProbability, List<CountryScore> countries) {}

    private FalsePositiveMap() {}

    /**
     * The {@value #COUNTRIES} countries whose places occupy the most 1° cells.
     *
     * @param labels the country of each place
     */
    public static List<String> largestCountries(String[] labels, double[] lon, double[] lat) {
        Map<String, Integer> cells = occupiedCells(labels, lon, lat);
        List<String> order = new ArrayList<>(cells.keySet());
        order.sort(Comparator.comparingInt((String c) -> -cells.get(c)).thenComparing(c -> c));
        return List.copyOf(order.subList(0, Math.min(COUNTRIES, order.size())));
    }

    /** How many 1° cells the places of each country occupy. */
    static Map<String, Integer> occupiedCells(String[] labels, double[] lon, double[] lat) {
        Map<String, Set<Integer>> cells = new HashMap<>();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != null && !labels[i].isEmpty()) {
                cells.computeIfAbsent(labels[i], k -> new HashSet<>()).add(cellOf(lon[i], lat[i]));
            }
        }
        Map<String, Integer> out = new HashMap<>();
        cells.forEach((c, s) -> out.put(c, s.size()));
        return out;
    }

    /**
     * Measures a country model.
     *
     * @param classes the model's class labels (countries)
     * @param placeLabels country of every place (for choosing the largest countries)
     * @param trainingLabels country of every training (labelled) place the model was fine-tuned on
     */
    public static Result measure(List<String> classes, String[] placeLabels, double[] placeLon, double[] placeLat,
            String[] trainingLabels, double[] trainingLon, double[] trainingLat, Scorer scorer) {
        Map<String, Integer> occupied = occupiedCells(placeLabels, placeLon, placeLat);
        List<String> countries = largestCountries(placeLabels, placeLon, placeLat);
        double[] land = LandCells.CENTRES;
        int n = land.length / 2;
        double[] cellLon = new double[n];
        double[] cellLat = new double[n];
        for (int i = 0; i < n; i++) {
            cellLon[i] = land[2 * i];
            cellLat[i] = land[2 * i + 1];
        }
        List<String> scored = new ArrayList<>();
        List<double[]> training = new ArrayList<>();
        for (String c : countries) {
            double[] xyz = unitVectors(trainingLabels, trainingLon, trainingLat, c);
            if (xyz.length > 0 && classes.contains(c)) {
                scored.add(c);
                training.add(xyz);
            }
        }
        int[] classIndices = scored.stream().mapToInt(classes::indexOf).toArray();
        float[][] p = scorer.scores(cellLon, cellLat, classIndices);
        double cosFar = Math.cos(FAR_KM / EARTH_KM);
        List<CountryScore> out = new ArrayList<>();
        double sum = 0;
        for (int k = 0; k < scored.size(); k++) {
            double[] t = training.get(k);
            double total = 0;
            int far = 0;
            for (int i = 0; i < n; i++) {
                if (isFar(cellLon[i], cellLat[i], t, cosFar)) {
                    total += p[i][k];
                    far++;
                }
            }
            double mean = far == 0 ? 0 : total / far;
            out.add(new CountryScore(scored.get(k), occupied.get(scored.get(k)), t.length / 3, far, mean));
            sum += mean;
        }
        return new Result(out.isEmpty() ? Double.NaN : sum / out.size(), List.copyOf(out));
    }

    /** The 1° land cells: interleaved centre longitude, latitude (for tests and maps). */
    public static double[] landCellCentres() {
        return LandCells.CENTRES.clone();
    }

    private static boolean isFar(double lonDeg, double latDeg, double[] xyz, double cosFar) {
        double lo = Math.toRadians(lonDeg);
        double la = Math.toRadians(latDeg);
        double x = Math.cos(la) * Math.cos(lo);
        double y = Math.cos(la) * Math.sin(lo);
        double z = Math.sin(la);
        for (int j = 0; j < xyz.length; j += 3) {
            // farther than FAR_KM <=> the cosine of the central angle is below cos(FAR_KM / R)
            if (x * xyz[j] + y * xyz[j + 1] + z * xyz[j + 2] >= cosFar) {
                return false;
            }
        }
        return true;
    }

    private static double[] unitVectors(String[] labels, double[] lon, double[] lat, String country) {
        double[] out = new double[3 * labels.length];
        int n = 0;
        for (int i = 0; i < labels.length; i++) {
            if (country.equals(labels[i])) {
                double lo = Math.toRadians(lon[i]);
                double la = Math.toRadians(lat[i]);
                out[n++] = Math.cos(la) * Math.cos(lo);
                out[n++] = Math.cos(la) * Math.sin(lo);
                out[n++] = Math.sin(la);
            }
        }
        return Arrays.copyOf(out, n);
    }

    static int cellOf(double lon, double lat) {
        int col = (int) Math.min(359, Math.max(0, Math.floor(lon + 180)));
        int row = (int) Math.min(179, Math.max(0, Math.floor(lat + 90)));
        return row * 360 + col;
    }

    /** The land cell centres, computed once per JVM from the embedded outlines. */
    private static final class LandCells {
        static final double[] CENTRES = compute();

        private static double[] compute() {
            List<double[]> rings = new ArrayList<>();
            for (CountryOutlines.Country c : CountryOutlines.load().countries()) {
                rings.addAll(c.rings());
            }
            double[][] boxes = new double[rings.size()][];
            for (int r = 0; r < rings.size(); r++) {
                double[] xy = rings.get(r);
                double minLo = 180;
                double maxLo = -180;
                double minLa = 90;
                double maxLa = -90;
                for (int i = 0; i < xy.length; i += 2) {
                    minLo = Math.min(minLo, xy[i]);
                    maxLo = Math.max(maxLo, xy[i]);
                    minLa = Math.min(minLa, xy[i + 1]);
                    maxLa = Math.max(maxLa, xy[i + 1]);
                }
                boxes[r] = new double[] {minLo, maxLo, minLa, maxLa};
            }
            double[] out = new double[2 * 360 * 180];
            int n = 0;
            for (int row = 0; row < 180; row++) {
                double la = row - 90 + 0.5;
                for (int col = 0; col < 360; col++) {
                    double lo = col - 180 + 0.5;
                    boolean inside = false;
                    for (int r = 0; r < rings.size(); r++) {
                        double[] b = boxes[r];
                        if (lo >= b[0] && lo <= b[1] && la >= b[2] && la <= b[3] && contains(rings.get(r), lo, la)) {
                            inside = !inside;
                        }
                    }
                    if (inside) {
                        out[n++] = lo;
                        out[n++] = la;
                    }
                }
            }
            return Arrays.copyOf(out, n);
        }

        /** Even-odd ray casting in the lon/lat plane. */
        private static boolean contains(double[] xy, double lo, double la) {
            boolean in = false;
            int m = xy.length / 2;
            for (int i = 0, j = m - 1; i < m; j = i++) {
                double xi = xy[2 * i];
                double yi = xy[2 * i + 1];
                double xj = xy[2 * j];
                double yj = xy[2 * j + 1];
                if ((yi > la) != (yj > la) && lo < (xj - xi) * (la - yi) / (yj - yi) + xi) {
                    in = !in;
                }
            }
            return in;
        }
    }
}
