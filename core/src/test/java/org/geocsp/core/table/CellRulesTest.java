package org.geocsp.core.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CellRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0", "+1", "12.5", "-12.5", ".5", "5.", "1e3", "1E-3", "-2.5e+10", "  7.25  ", "1e39"})
    void plainDecimalNumbersAreRead(String cell) {
        assertEquals(Double.parseDouble(cell.strip()), CellRules.parseNumber(cell));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x1p4", "0X10", "1d", "2.5f", "1_000", "1,5", "abc", "1e", "e5", ".", "-", "+-1", "1.2.3",
        "\u0661\u0662", "12 3", "NaNx", "Infinityy", "0x1.8p1"})
    void nonDecimalSpellingsAreNotNumbers(String cell) {
        CellException e = assertThrows(CellException.class, () -> CellRules.parseNumber(cell));
        assertTrue(e.getMessage().contains("is not a number"), e.getMessage());
    }

    @Test
    void nanAndInfinityAreReadSoThatTheyCanBeReportedAsSuch() {
        assertTrue(Double.isNaN(CellRules.parseNumber("NaN")));
        assertTrue(Double.isNaN(CellRules.parseNumber("nan")));
        assertEquals(Double.POSITIVE_INFINITY, CellRules.parseNumber("Infinity"));
        assertEquals(Double.NEGATIVE_INFINITY, CellRules.parseNumber("-inf"));
        assertThrows(CellException.class, () -> CellRules.parseNumber("-nan"));
    }

    @Test
    void columnNamesLoseByteOrderMarkAndSpaces() {
        assertEquals("lon", CellRules.columnName("\uFEFFlon"));
        assertEquals("lat", CellRules.columnName("  lat "));
        assertTrue(CellRules.sameName("\uFEFFLon", "lon"));
        assertFalse(CellRules.sameName("lon2", "lon"));
    }

    @Test
    void listsOfNumbers() {
        assertArrayEquals(new double[] {1, 2.5, -3}, CellRules.parseList("[1, 2.5; -3]"));
        assertArrayEquals(new double[] {1, 2}, CellRules.parseList(" 1  2 "));
        CellException e = assertThrows(CellException.class, () -> CellRules.parseList("1 0x1p4 3"));
        assertTrue(e.getMessage().contains("value 2") && e.getMessage().contains("0x1p4"), e.getMessage());
        assertThrows(CellException.class, () -> CellRules.parseList("[]"));
        assertTrue(CellRules.isList("1 2"));
        assertFalse(CellRules.isList("1"));
        assertFalse(CellRules.isList("a b"));
    }
}
