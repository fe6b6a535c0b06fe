package org.geocsp.core.predict;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;
import org.geocsp.core.data.GeoDataset;

/**
 * A generated image-to-location task: the "image embedding" of a location is a fixed set of
 * random Fourier features of its unit vector on the sphere at three length scales (about 3000,
 * 1000 and 400 km), plus a little noise. Locations are area-uniform. The embedding determines
 * the location, but only a model that has learnt the map can read it back to within ~200 km.
 */
final class RetrievalTask {

    private final double[][] w;
    private final double[] b;
    private final double noise;
    final int dim;

    RetrievalTask(int dim, long seed, double noise) {
        this.dim = dim;
        this.noise = noise;
        SplittableRandom r = new SplittableRandom(seed);
        double[] scales = {2, 6, 15};
        w = new double[dim][3];
        b = new double[dim];
        for (int j = 0; j < dim; j++) {
            double s = scales[j % scales.length];
            for (int a = 0; a < 3; a++) {
                w[j][a] = s * r.nextGaussian();
            }
            b[j] = 2 * Math.PI * r.nextDouble();
        }
    }

    /** Embedding of one location (without noise). */
    float[] embed(double lon, double lat) {
        double[] x = unit(lon, lat);
        float[] e = new float[dim];
        for (int j = 0; j < dim; j++) {
            e[j] = (float) Math.cos(w[j][0] * x[0] + w[j][1] * x[1] + w[j][2] * x[2] + b[j]);
        }
        return e;
    }

    /** n rows: area-uniform locations with noisy embeddings. */
    GeoDataset dataset(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        try {
            GeoDataset.Builder bld = GeoDataset.builder().withFeatures(dim, null);
            for (int i = 0; i < n; i++) {
                double lat = Math.toDegrees(Math.asin(2 * r.nextDouble() - 1));
                double lon = 360 * r.nextDouble() - 180;
                float[] e = embed(lon, lat);
                for (int j = 0; j < dim; j++) {
                    e[j] += (float) (noise * r.nextGaussian());
                }
                bld.add(lon, lat, null, e, null);
            }
            return bld.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double[] unit(double lonDeg, double latDeg) {
        double lon = Math.toRadians(lonDeg);
        double lat = Math.toRadians(latDeg);
        return new double[] {Math.cos(lat) * Math.cos(lon), Math.cos(lat) * Math.sin(lon), Math.sin(lat)};
    }
}
