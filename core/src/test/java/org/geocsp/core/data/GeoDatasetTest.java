package org.geocsp.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.geo.LongitudePolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeoDatasetTest {

    @TempDir
    Path dir;

    /** Labels "c0".."c4" with 1, 2, 5, 10, 23 rows, interleaved; embedding = (row, -row). */
    GeoDataset labelled() throws IOException {
        int[] sizes = {1, 2, 5, 10, 23};
        try (GeoDataset.Builder b = GeoDataset.builder().withLabels("label").withFeatures(2, dir).withRowIds()) {
            int row = 0;
            for (int round = 0; round < 23; round++) {
                for (int c = 4; c >= 0; c--) { // first appearance order: c4, c3, ..., c0
                    if (round < sizes[c]) {
                        b.add(-170 + row, -80 + row * 0.3, "c" + c, new float[] {row, -row}, "r" + row);
                        row++;
                    }
                }
            }
            return b.build();
        }
    }

    @Test
    void builderKeepsColumnsAndNumbersClassesByFirstAppearance() throws IOException {
        try (GeoDataset d = labelled()) {
            assertEquals(41, d.size());
            assertEquals(List.of("c4", "c3", "c2", "c1", "c0"), d.labelNames());
            assertEquals(0, d.label(0));
            assertEquals(4, d.label(4)); // "c0" appears fifth
            assertEquals(-170 + 7, d.lonDeg(7));
            assertEquals(-80 + 7 * 0.3, d.latDeg(7));
            assertArrayEquals(new float[] {7, -7}, d.feature(7));
            assertEquals("r7", d.rowId(7));
            assertEquals(2, d.featureDim());
        }
    }

    @Test
    void presetVocabularyKeepsOrderAndClosedVocabularyRejectsNewNames() throws IOException {
        GeoDataset d = GeoDataset.builder().withLabels("y", List.of("b", "a"), false)
                .add(0, 0, "a", null, null).add(1, 1, "z", null, null).build();
        assertEquals(List.of("b", "a", "z"), d.labelNames());
        assertArrayEquals(new int[] {1, 2}, d.labelArray());

        GeoDataset.Builder closed = GeoDataset.builder().withLabels("y", List.of("b", "a"), true)
                .add(0, 0, "a", null, null).add(1, 1, "z", null, null);
        InvalidInputException e = assertThrows(InvalidInputException.class, closed::build);
        assertEquals(List.of("column 'y', row 2: 'z' is not among the 2 known classes"), e.problems());
        GeoDataset.Builder many = GeoDataset.builder().withLabels("y", List.of("b", "a"), true);
        for (int i = 0; i < 5; i++) {
            many.add(0, 0, "z" + i, null, null);
        }
        assertEquals(List.of("column 'y': 5 rows with a class not among the 2 known classes, e.g. row 1: 'z0' is not"
                + " among the 2 known classes, row 2: 'z1' is not among the 2 known classes, row 3: 'z2' is not among"
                + " the 2 known classes, ..."), assertThrows(InvalidInputException.class, many::build).problems());
    }

    @Test
    void validationNamesColumnsAndRowsAndListsEveryProblem() throws IOException {
        GeoDataset.Builder b = GeoDataset.builder().columnNames("x", "y").withLabels("species").firstRowNumber(1);
        b.add(10, 20, "a", null, null);
        b.add(190, 20, "a", null, null); // row 2: lon out of range
        b.add(10, Double.NaN, "a", null, null); // row 3: lat missing
        b.add(10, 20, "", null, null); // row 4: label missing
        b.add(10, -91, "a", null, null); // row 5: lat out of range
        InvalidInputException e = assertThrows(InvalidInputException.class, b::build);
        assertEquals(List.of("column 'x', row 2: 190.0 is outside [-180, 180] (longitude in degrees; longitudes can be"
                + " wrapped instead)", "column 'y', row 3: the latitude is missing or NaN",
                "column 'y', row 5: -91.0 is outside [-90, 90] (latitude in degrees)",
                "column 'species', row 4: the label is missing"), e.problems());
    }

    @Test
    void wrapPolicyWrapsLongitudes() throws IOException {
        GeoDataset d = GeoDataset.builder().longitudePolicy(LongitudePolicy.WRAP).add(190, 0).add(-180, 0).build();
        assertEquals(-170, d.lonDeg(0), 1e-12);
        assertEquals(-180, d.lonDeg(1));
    }

    @Test
    void wrongEmbeddingWidthNamesTheRowAndFailedBuildRemovesTheTempFile() throws IOException {
        GeoDataset.Builder b = GeoDataset.builder().withFeatures(3, dir);
        b.add(0, 0, null, new float[] {1, 2, 3}, null);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> b.add(0, 0, null, new float[] {1, 2}, null));
        assertTrue(e.getMessage().contains("row 2") && e.getMessage().contains("expected 3"), e.getMessage());
        b.add(0, 95, null, new float[] {1, 2, 3}, null);
        assertThrows(InvalidInputException.class, b::build);
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(0, left.count(), "the temporary feature file is deleted when build fails");
        }
    }

    @Test
    void subsetIsAViewSharingTheStore() throws IOException {
        try (GeoDataset d = labelled()) {
            GeoDataset s = d.subset(new int[] {9, 3, 3});
            assertEquals(3, s.size());
            assertSame(d.features(), s.features());
            assertEquals(9, s.featureRow(0));
            assertArrayEquals(new float[] {3, -3}, s.feature(2));
            assertEquals(d.lonDeg(3), s.lonDeg(1));
            assertEquals(d.label(9), s.label(0));
            assertEquals("r3", s.rowId(2));
            GeoDataset ss = s.subset(new int[] {0});
            assertEquals(9, ss.featureRow(0), "views of views map to the original store row");
            s.close(); // a view does not close the store
            assertArrayEquals(new float[] {9, -9}, ss.feature(0));
        }
    }

    @Test
    void closingTheBuiltDatasetDeletesItsTemporaryStore() throws IOException {
        GeoDataset d = labelled();
        Path f = d.features().file();
        float[] first = d.feature(0);
        assertEquals(d.featureDim(), first.length, "readable while open (the file has no name on Linux)");
        d.close();
        assertFalse(Files.exists(f));
        assertThrows(IllegalStateException.class, () -> d.features().row(0), "closed store");
    }

    @Test
    void stratifiedSplitKeepsEveryClassInTrainAndIsReproducible() throws IOException {
        try (GeoDataset d = labelled()) {
            GeoDataset.Split s = d.split(0.5, 42);
            int[] trainCount = new int[5];
            int[] valCount = new int[5];
            for (int i = 0; i < s.train().size(); i++) {
                trainCount[s.train().label(i)]++;
            }
            for (int i = 0; i < s.validation().size(); i++) {
                valCount[s.validation().label(i)]++;
            }
            // classes c4..c0 have 23, 10, 5, 2, 1 rows; validation takes round(n/2) capped at n-1
            assertArrayEquals(new int[] {12, 5, 3, 1, 0}, valCount);
            assertArrayEquals(new int[] {11, 5, 2, 1, 1}, trainCount);
            // disjoint, complete, ascending
            Set<Integer> all = new HashSet<>();
            for (int r : s.trainRows()) {
                assertTrue(all.add(r));
            }
            for (int r : s.validationRows()) {
                assertTrue(all.add(r));
            }
            assertEquals(d.size(), all.size());
            assertTrue(isAscending(s.trainRows()) && isAscending(s.validationRows()));
            assertEquals(d.rowId(s.validationRows()[0]), s.validation().rowId(0));
            assertArrayEquals(s.validationRows(), d.split(0.5, 42).validationRows());
            assertFalse(Arrays.equals(s.validationRows(), d.split(0.5, 43).validationRows()),
                    "another seed draws other rows");
            // a class with 2 rows keeps one in train even at a high fraction
            GeoDataset.Split high = d.split(0.99, 1);
            int c1InTrain = 0;
            for (int i = 0; i < high.train().size(); i++) {
                c1InTrain += high.train().labelNames().get(high.train().label(i)).equals("c1") ? 1 : 0;
            }
            assertEquals(1, c1InTrain);
            assertEquals(5, high.train().size(), "each class keeps exactly one row at 0.99");
        }
    }

    @Test
    void unlabelledSplitUsesTheFraction() throws IOException {
        GeoDataset.Builder b = GeoDataset.builder();
        for (int i = 0; i < 100; i++) {
            b.add(i, 0);
        }
        GeoDataset d = b.build();
        GeoDataset.Split s = d.split(0.2, 7);
        assertEquals(20, s.validation().size());
        assertEquals(80, s.train().size());
        assertFalse(Arrays.equals(Shuffles.identity(20), s.validationRows()), "random rows, not the first 20");
        assertEquals(0, d.split(0, 7).validation().size());
        assertThrows(InvalidInputException.class, () -> d.split(1.0, 7));
        assertThrows(InvalidInputException.class, () -> d.split(Double.NaN, 7));
    }

    static boolean isAscending(int[] a) {
        for (int i = 1; i < a.length; i++) {
            if (a[i] <= a[i - 1]) {
                return false;
            }
        }
        return true;
    }
}
