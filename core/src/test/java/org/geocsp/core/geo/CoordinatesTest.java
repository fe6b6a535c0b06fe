package org.geocsp.core.geo;

import org.geocsp.core.io.InvalidInputException;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CoordinatesTest {

    @Test
    void validCoordinatesPassUnchangedAndTheInputIsNotModified() {
        double[] lon = {-180, 0, 180, 12.5};
        double[] lat = {-90, 0, 90, -45};
        double[] out = Coordinates.validate(lon, lat, "lon", "lat", 1, LongitudePolicy.REJECT);
        assertArrayEquals(new double[] {-180, 0, 180, 12.5}, out);
        assertTrue(out != lon, "a copy is returned");
    }

    @Test
    void everyKindOfProblemIsReportedWithColumnAndRow() {
        double[] lon = {0, Double.NaN, 181, 0, 0};
        double[] lat = {0, 0, 0, 91.2, Double.POSITIVE_INFINITY};
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Coordinates.validate(lon, lat, "x", "y", 10, LongitudePolicy.REJECT));
        assertEquals(4, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("column 'x' has 1 row with a value that is missing, NaN or infinite, e.g. row 11"),
                e.getMessage());
        assertTrue(e.getMessage().contains("column 'x' has 1 row with a value outside [-180, 180]"), e.getMessage());
        assertTrue(e.getMessage().contains("row 12: 181.0"), e.getMessage());
        assertTrue(e.getMessage().contains("column 'y' has 1 row with a value outside [-90, 90] (latitude in degrees), e.g. row 13: 91.2"),
                e.getMessage());
        assertTrue(e.getMessage().contains("row 14: Infinity") || e.getMessage().contains("row 14"), e.getMessage());
    }

    @Test
    void messagesCountAllRowsButQuoteAFew() {
        double[] lon = new double[100];
        double[] lat = new double[100];
        java.util.Arrays.fill(lat, 95);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Coordinates.validate(lon, lat, "lon", "lat", 1, LongitudePolicy.REJECT));
        assertTrue(e.getMessage().contains("has 100 rows"), e.getMessage());
        assertTrue(e.getMessage().contains("row 1: 95.0, row 2: 95.0, row 3: 95.0"), e.getMessage());
        assertFalse(e.getMessage().contains("row 4:"), e.getMessage());
    }

    @Test
    void wrapPolicyWrapsLongitudeButNeverLatitude() {
        double[] out = Coordinates.validate(new double[] {190, -190, 540, -540, 360}, new double[] {0, 0, 0, 0, 0},
                "lon", "lat", 1, LongitudePolicy.WRAP);
        assertArrayEquals(new double[] {-170, 170, -180, -180, 0}, out, 1e-12);
        assertThrows(InvalidInputException.class, () -> Coordinates.validate(new double[] {0}, new double[] {-90.5},
                "lon", "lat", 1, LongitudePolicy.WRAP));
        assertThrows(InvalidInputException.class, () -> Coordinates.validate(new double[] {Double.NaN},
                new double[] {0}, "lon", "lat", 1, LongitudePolicy.WRAP));
    }

    @Test
    void lengthMismatchIsAnError() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Coordinates.validate(new double[2], new double[3], "lon", "lat", 1, LongitudePolicy.REJECT));
        assertTrue(e.getMessage().contains("different lengths"));
    }

    @Test
    void isValidMatchesTheRanges() {
        assertTrue(Coordinates.isValid(180, -90));
        assertFalse(Coordinates.isValid(180.0001, 0));
        assertFalse(Coordinates.isValid(0, Double.NaN));
    }
}
