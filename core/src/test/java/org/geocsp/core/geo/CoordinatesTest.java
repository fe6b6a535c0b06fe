package org.geocsp.core.geo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.io.RowProblems;
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
        assertEquals(List.of("column 'x', row 11: the longitude is missing or NaN",
                "column 'x', row 12: 181.0 is outside [-180, 180] (longitude in degrees; longitudes can be wrapped"
                        + " instead)",
                "column 'y', row 13: 91.2 is outside [-90, 90] (latitude in degrees)",
                "column 'y', row 14: Infinity is not a finite latitude"), e.problems());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void messagesCountAllRowsButQuoteAFew() {
        double[] lon = new double[100];
        double[] lat = new double[100];
        java.util.Arrays.fill(lat, 95);
        lon[7] = -200;
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Coordinates.validate(lon, lat, "lon", "lat", 1, LongitudePolicy.REJECT));
        assertEquals(List.of("column 'lat': 100 rows with a latitude outside [-90, 90], e.g. row 1: 95.0 is outside"
                + " [-90, 90] (latitude in degrees), row 2: 95.0 is outside [-90, 90] (latitude in degrees), row 3: 95.0"
                + " is outside [-90, 90] (latitude in degrees), ...", "column 'lon', row 8: -200.0 is outside [-180, 180]"
                + " (longitude in degrees; longitudes can be wrapped instead)"), e.problems(),
                "one message per kind, in order of the first row with it");
    }

    @Test
    void theSameRuleAndWordingAsTheRowValidatorsCollector() {
        RowProblems p = new RowProblems("file 'in.csv'");
        assertEquals(12.5, Coordinates.longitude(12.5, "lon", 3, LongitudePolicy.REJECT, p));
        assertEquals(-170, Coordinates.longitude(190, "lon", 4, LongitudePolicy.WRAP, p), 1e-12);
        assertTrue(Double.isNaN(Coordinates.longitude(Double.NEGATIVE_INFINITY, "lon", 5, LongitudePolicy.WRAP, p)));
        assertTrue(Double.isNaN(Coordinates.latitude(-90.5, "lat", "row 6 (Row5)", p)));
        assertEquals(-90, Coordinates.latitude(-90, "lat", 7, p));
        assertEquals(2, p.count());
        assertEquals(List.of("file 'in.csv', column 'lon', row 5: -Infinity is not a finite longitude",
                "file 'in.csv', column 'lat', row 6 (Row5): -90.5 is outside [-90, 90] (latitude in degrees)"),
                p.messages());
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
