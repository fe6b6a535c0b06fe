package org.geocsp.core.testutil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;
import org.geocsp.core.data.GeoDataset;

/**
 * Generated data for training tests: area-uniform locations whose "image embedding" is a fixed
 * random smooth function of the location plus noise, so that location and image carry the same
 * signal and contrastive training has something to learn.
 */
public final class SyntheticData {

    private SyntheticData() {}

    /** n rows, embeddings of width dim, from a seed; noise is the share of random noise. */
    public static GeoDataset locationsWithEmbeddings(int n, int dim, long seed, double noise) {
        SplittableRandom r = new SplittableRandom(seed);
        // A fixed random feature map: 24 random directions on the sphere, cosine bumps of width ~0.5 rad.
        int centres = 24;
        double[][] c = new double[centres][3];
        for (double[] v : c) {
            double z = 2 * r.nextDouble() - 1;
            double t = 2 * Math.PI * r.nextDouble();
            double s = Math.sqrt(1 - z * z);
            v[0] = s * Math.cos(t);
            v[1] = s * Math.sin(t);
            v[2] = z;
        }
        double[][] proj = new double[centres][dim];
        for (double[] row : proj) {
            for (int j = 0; j < dim; j++) {
                row[j] = r.nextGaussian();
            }
        }
        try {
            GeoDataset.Builder b = GeoDataset.builder().withFeatures(dim, null);
            float[] emb = new float[dim];
            for (int i = 0; i < n; i++) {
                double lat = Math.toDegrees(Math.asin(2 * r.nextDouble() - 1));
                double lon = 360 * r.nextDouble() - 180;
                double[] x = unit(lon, lat);
                java.util.Arrays.fill(emb, 0f);
                for (int k = 0; k < centres; k++) {
                    double dot = x[0] * c[k][0] + x[1] * c[k][1] + x[2] * c[k][2];
                    double act = Math.exp(4 * (dot - 1));
                    for (int j = 0; j < dim; j++) {
                        emb[j] += (float) (act * proj[k][j]);
                    }
                }
                for (int j = 0; j < dim; j++) {
                    emb[j] += (float) (noise * r.nextGaussian());
                }
                b.add(lon, lat, null, emb, null);
            }
            return b.build();
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
