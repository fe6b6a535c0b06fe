package org.geocsp.core.predict;

import java.util.Locale;
import org.geocsp.core.geo.Coordinates;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.geo.LongitudePolicy;

/**
 * Candidate locations for image-to-location retrieval ({@link ImageGeolocator}): a table of
 * (longitude, latitude) in degrees, or the cell centres of a global grid.
 *
 * <p>A regular lon/lat grid ({@link #grid}) has as many cells in a polar band as at the equator,
 * so polar regions hold far more candidates per km² and, when the model is unsure, a polar
 * candidate is more likely to win by chance. {@link #equalAreaGrid} keeps the latitude bands but
 * gives each band a number of cells proportional to cos(latitude), so cells cover about the same
 * area (about 2/π as many candidates). Prefer it for global retrieval; {@link #grid} matches
 * {@link GridField} and maps.
 */
public final class Gallery {

    /** Finest grid resolution accepted, degrees (a 0.1° grid has 6.48 million cells). */
    public static final double MIN_RESOLUTION_DEG = 0.1;

    private final double[] lon;
    private final double[] lat;
    private final String description;

    private Gallery(double[] lon, double[] lat, String description) {
        this.lon = lon;
        this.lat = lat;
        this.description = description;
    }

    /**
     * A gallery of given locations (copied).
     *
     * @throws InvalidInputException naming rows with missing or out-of-range coordinates
     */
    public static Gallery of(double[] lonDeg, double[] latDeg) {
        double[] lon = Coordinates.validate(lonDeg, latDeg, "gallery longitude", "gallery latitude", 1,
                LongitudePolicy.REJECT);
        if (lon.length == 0) {
            throw new InvalidInputException("the gallery of candidate locations is empty");
        }
        return new Gallery(lon, latDeg.clone(), lon.length + " given locations");
    }

    /**
     * Cell centres of a regular grid of {@code resolutionDeg} (360/res columns by 180/res rows,
     * rounded), in {@link GridField} order: north row first, west column first.
     */
    public static Gallery grid(double resolutionDeg) {
        checkResolution(resolutionDeg);
        int w = Math.max(1, (int) Math.round(360 / resolutionDeg));
        int h = Math.max(1, (int) Math.round(180 / resolutionDeg));
        GridField.CellCentres c = GridField.cellCentres(w, h);
        return new Gallery(c.lonDeg(), c.latDeg(),
                String.format(Locale.ROOT, "regular %s° grid (%d x %d cell centres)", resolutionDeg, w, h));
    }

    /**
     * Centres of a nearly equal-area grid: latitude bands of {@code resolutionDeg}, each split into
     * round(360/res · cos(latitude)) cells (at least one), north band first.
     */
    public static Gallery equalAreaGrid(double resolutionDeg) {
        checkResolution(resolutionDeg);
        int w = Math.max(1, (int) Math.round(360 / resolutionDeg));
        int h = Math.max(1, (int) Math.round(180 / resolutionDeg));
        int[] perBand = new int[h];
        long total = 0;
        for (int i = 0; i < h; i++) {
            double la = GridField.centreLat(i, h);
            perBand[i] = Math.max(1, (int) Math.round(w * Math.cos(Math.toRadians(la))));
            total += perBand[i];
        }
        double[] lon = new double[(int) total];
        double[] lat = new double[(int) total];
        int at = 0;
        for (int i = 0; i < h; i++) {
            double la = GridField.centreLat(i, h);
            for (int j = 0; j < perBand[i]; j++) {
                lon[at] = GridField.centreLon(j, perBand[i]);
                lat[at++] = la;
            }
        }
        return new Gallery(lon, lat, String.format(Locale.ROOT, "equal-area %s° grid (%d cell centres)",
                resolutionDeg, total));
    }

    private static void checkResolution(double res) {
        if (!(res >= MIN_RESOLUTION_DEG && res <= 90)) {
            throw new InvalidInputException(String.format(Locale.ROOT,
                    "grid resolution must be between %s and 90 degrees, got %s", MIN_RESOLUTION_DEG, res));
        }
    }

    public int size() {
        return lon.length;
    }

    public double lonDeg(int i) {
        return lon[i];
    }

    public double latDeg(int i) {
        return lat[i];
    }

    /** Interleaved (lon, lat) pairs of candidates {@code from} (inclusive) to {@code to} (exclusive). */
    double[] lonLatPairs(int from, int to) {
        double[] out = new double[2 * (to - from)];
        for (int i = from; i < to; i++) {
            out[2 * (i - from)] = lon[i];
            out[2 * (i - from) + 1] = lat[i];
        }
        return out;
    }

    /** What the gallery is, in words. */
    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return "Gallery[" + description + "]";
    }
}
