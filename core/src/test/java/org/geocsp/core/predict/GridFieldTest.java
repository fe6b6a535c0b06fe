package org.geocsp.core.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GridFieldTest {

    @Test
    void cellCentresAreRowMajorNorthFirst() {
        GridField.CellCentres c = GridField.cellCentres(4, 2);
        assertEquals(8, c.size());
        assertArrayEquals(new double[] {-135, -45, 45, 135, -135, -45, 45, 135}, c.lonDeg(), 1e-12);
        assertArrayEquals(new double[] {45, 45, 45, 45, -45, -45, -45, -45}, c.latDeg(), 1e-12);
        assertArrayEquals(new double[] {45, 45, 135, 45, -135, -45}, c.lonLatPairs(2, 5), 1e-12);
    }

    @Test
    void oneDegreeGridCentresAreHalfDegreesOffTheLines() {
        GridField.CellCentres c = GridField.cellCentres(360, 180);
        assertEquals(-179.5, c.lonDeg()[0], 1e-12);
        assertEquals(89.5, c.latDeg()[0], 1e-12);
        assertEquals(179.5, c.lonDeg()[360 * 180 - 1], 1e-12);
        assertEquals(-89.5, c.latDeg()[360 * 180 - 1], 1e-12);
    }

    @Test
    void valuesAreIndexedByRowAndColumnAndCopied() {
        double[] v = {1, 2, 3, 4, 5, 6};
        GridField f = new GridField(3, 2, v);
        v[0] = 99;
        assertEquals(1, f.value(0, 0));
        assertEquals(6, f.value(1, 2));
        assertEquals(4, f.value(1, 0));
        assertFalse(f.hasMissing());
        assertTrue(GridField.ofFloats(1, 2, new float[] {1f, Float.NaN}).hasMissing());
    }

    @Test
    void rejectsWrongSizes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new GridField(3, 2, new double[5]));
        assertTrue(e.getMessage().contains("6 values, got 5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GridField.cellCentres(0, 3));
    }
}
