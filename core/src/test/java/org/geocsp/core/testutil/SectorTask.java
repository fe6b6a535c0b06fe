package org.geocsp.core.testutil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;
import org.geocsp.core.data.GeoDataset;

/**
 * A generated classification task whose classes are defined by geography: 8 sectors (four
 * longitude quadrants × two hemispheres) plus two narrow bands (|lat| < 4° and |lon − 30| < 3°)
 * that override the sectors. Locations are area-uniform on the sphere.
 */
public final class SectorTask {

    private SectorTask() {}

    public static String label(double lon, double lat) {
        if (Math.abs(lat) < 4) {
            return "equator-band";
        }
        if (Math.abs(lon - 30) < 3) {
            return "meridian-band";
        }
        int quadrant = (int) Math.min(3, Math.floor((lon + 180) / 90));
        return (lat >= 0 ? "N" : "S") + quadrant;
    }

    /** n labelled rows (with optional embeddings of width dim, or none when dim = 0). */
    public static GeoDataset dataset(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        try {
            GeoDataset.Builder b = GeoDataset.builder().withLabels("sector");
            for (int i = 0; i < n; i++) {
                double lat = Math.toDegrees(Math.asin(2 * r.nextDouble() - 1));
                double lon = 360 * r.nextDouble() - 180;
                b.add(lon, lat, label(lon, lat), null, null);
            }
            return b.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
