package org.geocsp.core.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.geocsp.core.eval.DistanceMetrics;
import org.geocsp.core.geo.GreatCircle;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.loss.Objective;
import org.geocsp.core.model.GeoModel;
import org.geocsp.core.model.PretrainingRecord;
import org.geocsp.core.model.Provenance;
import org.geocsp.core.nn.LinearLayer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ImageGeolocatorTest {

    static final double[] LON = {-122.4, 2.35, 139.7, -58.4, 151.2, 37.6, -0.1};
    static final double[] LAT = {37.8, 48.9, 35.7, -34.6, -33.9, 55.8, 51.5};
    static GeoModel model;
    static float[][] galleryEmb;

    /** A model whose image projection is the identity: an image feature equal to e(x) is "the image of x". */
    @BeforeAll
    static void identityProjection() {
        int d = PredictTestModels.smallSpec().stack().outputDim();
        model = GeoModel.create(PredictTestModels.smallSpec().withImageDim(d, List.of()), 4);
        LinearLayer layer = model.network().imageProjection().layers().get(0);
        float[] eye = new float[d * d];
        for (int i = 0; i < d; i++) {
            eye[i * d + i] = 1;
        }
        NDArray w = layer.weight().getArray();
        w.set(eye);
        if (layer.bias() != null) {
            layer.bias().getArray().set(new float[d]);
        }
        galleryEmb = model.embed(LON, LAT);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    static double cosine(float[] a, float[] b) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }
        return ab / Math.sqrt(aa * bb);
    }

    @Test
    void handMadeGalleryRanksByCosineAcrossChunks() {
        // queries: the embedding of gallery point j (scaled: cosine ignores length)
        float[][] q = new float[LON.length][];
        for (int j = 0; j < q.length; j++) {
            q[j] = galleryEmb[j].clone();
            for (int c = 0; c < q[j].length; c++) {
                q[j][c] *= 1 + j;
            }
        }
        try (ImageGeolocator g = ImageGeolocator.create(model, Gallery.of(LON, LAT), 3, 2)) {
            GeolocationBatch r = g.locate(q, 10, LON, LAT, 1);
            assertEquals(7, r.k());
            for (int j = 0; j < q.length; j++) {
                final int jj = j;
                Integer[] want = {0, 1, 2, 3, 4, 5, 6};
                Arrays.sort(want, Comparator.comparingDouble((Integer i) -> -cosine(galleryEmb[jj], galleryEmb[i])));
                assertEquals(j, want[0]);
                for (int rank = 0; rank < 7; rank++) {
                    assertEquals((int) want[rank], r.candidate(j, rank), "query " + j + " rank " + rank);
                    assertEquals(cosine(galleryEmb[j], galleryEmb[want[rank]]), r.similarity(j, rank), 1e-5);
                }
                assertEquals(LON[j], r.lonDeg(j, 0));
                assertEquals(LAT[j], r.latDeg(j, 0));
                assertEquals(0.0, r.errorKm(j), 1e-9);
            }
        }
    }

    @Test
    void errorIsTheGreatCircleDistanceOfTheBestCandidate() {
        float[][] q = {galleryEmb[1], null, galleryEmb[2]};
        double[] tLon = {2.35 + 1, 0, Double.NaN};
        double[] tLat = {48.9, 0, 0};
        try (ImageGeolocator g = ImageGeolocator.create(model, Gallery.of(LON, LAT))) {
            GeolocationBatch r = g.locate(q, 2, tLon, tLat, 1);
            assertEquals(GreatCircle.distanceKm(2.35, 48.9, 3.35, 48.9), r.errorKm(0), 1e-9);
            assertEquals(-1, r.candidate(1, 0));
            assertTrue(Double.isNaN(r.errorKm(1)) && Double.isNaN(r.lonDeg(1, 0)));
            assertEquals("no image embedding", r.note(1));
            assertEquals(2, r.candidate(2, 0));
            assertTrue(Double.isNaN(r.errorKm(2)));
            DistanceMetrics m = g.evaluate(new float[][] {galleryEmb[0], galleryEmb[3]}, new double[] {-122.4, -58.4},
                    new double[] {37.8, -33.6});
            assertEquals(2, m.count());
            assertEquals(0.5, m.shareWithin(1), 1e-12);
            assertEquals(GreatCircle.distanceKm(-58.4, -34.6, -58.4, -33.6) / 2, m.medianKm(), 1e-9);
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> g.evaluate(new float[][] {galleryEmb[0], null}, new double[] {0, 0}, new double[] {0, 0}));
            assertEquals("image embeddings, row 2: no embedding (evaluation needs one in every row)", e.getMessage());
        }
    }

    @Test
    void badEmbeddingsAndModelsAreRejectedClearly() {
        try (ImageGeolocator g = ImageGeolocator.create(model, Gallery.of(LON, LAT))) {
            float[] nan = galleryEmb[0].clone();
            nan[3] = Float.NaN;
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> g.locate(new float[][] {galleryEmb[0], new float[5], nan}, 1, null, null, 10));
            assertEquals(2, e.problems().size());
            assertEquals("image embeddings, row 11: has 5 values, expected 16 values as in pre-training",
                    e.problems().get(0));
            assertEquals("image embeddings, row 12: has the non-finite value NaN at position 3", e.problems().get(1));
        }
        try (GeoModel noImages = GeoModel.create(PredictTestModels.smallSpec(), 1)) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> ImageGeolocator.create(noImages, Gallery.grid(30)));
            assertTrue(e.getMessage().contains("no image projection"), e.getMessage());
        }
        try (GeoModel l2 = GeoModel.create(PredictTestModels.smallSpec().withImageDim(8, List.of())
                .withProvenance(Provenance.NONE.withPretraining(
                        new PretrainingRecord(Objective.L2REGRESS, "COMPLETED", 0, List.of()))), 1)) {
            assertThrows(InvalidInputException.class, () -> ImageGeolocator.create(l2, Gallery.grid(30)));
        }
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Gallery.of(new double[] {0, 181}, new double[] {0, 0}));
        assertTrue(e.getMessage().contains("row 2"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> Gallery.grid(0.01));
    }

    @Test
    void gridsHaveTheDocumentedLayout() {
        Gallery g = Gallery.grid(1);
        assertEquals(64_800, g.size());
        assertEquals(-179.5, g.lonDeg(0));
        assertEquals(89.5, g.latDeg(0));
        assertEquals(GridField.centreLon(17, 360), g.lonDeg(5 * 360 + 17));
        assertEquals(GridField.centreLat(5, 180), g.latDeg(5 * 360 + 17));
        Gallery e = Gallery.equalAreaGrid(1);
        assertEquals(64_800 * 2 / Math.PI, e.size(), 64_800 * 0.005);
        int equatorBand = 0;
        int polarBand = 0;
        for (int i = 0; i < e.size(); i++) {
            equatorBand += e.latDeg(i) == 0.5 ? 1 : 0;
            polarBand += e.latDeg(i) == 89.5 ? 1 : 0;
        }
        assertEquals(360, equatorBand);
        assertEquals(3, polarBand); // round(360 cos 89.5°)
    }

    @Test
    void largeGalleryGivesTheSameBestCandidatesWhateverTheChunking() {
        SplittableRandom r = new SplittableRandom(3);
        float[][] q = new float[1500][16];
        for (float[] row : q) {
            for (int c = 0; c < row.length; c++) {
                row[c] = (float) r.nextGaussian();
            }
        }
        Gallery grid = Gallery.grid(1);
        GeolocationBatch a;
        GeolocationBatch b;
        try (ImageGeolocator g = ImageGeolocator.create(model, grid)) {
            a = g.locate(q, 3);
        }
        try (ImageGeolocator g = ImageGeolocator.create(model, grid, 700, 5000)) {
            b = g.locate(q, 3);
        }
        int same = 0;
        for (int i = 0; i < q.length; i++) {
            assertEquals(a.similarity(i, 0), b.similarity(i, 0), 1e-5f, "query " + i);
            assertTrue(a.similarity(i, 0) >= a.similarity(i, 1) && a.similarity(i, 1) >= a.similarity(i, 2));
            same += a.candidate(i, 0) == b.candidate(i, 0) ? 1 : 0;
        }
        // identical up to exact float ties between neighbouring cells
        assertTrue(same > 0.99 * q.length, same + " of " + q.length);
    }
}
