package org.geocsp.core.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.geocsp.core.io.InvalidInputException;
import org.junit.jupiter.api.Test;

class ColumnGuessTest {

    private static final List<ColumnInfo> COLUMNS = List.of(ColumnInfo.of("X", ColumnType.STRING),
            ColumnInfo.of("Lng", ColumnType.DOUBLE), ColumnInfo.of("LAT", ColumnType.DOUBLE),
            ColumnInfo.of("Class", ColumnType.STRING), new ColumnInfo("emb", ColumnType.NUMBER_LIST, 4),
            ColumnInfo.of("f_0", ColumnType.DOUBLE), ColumnInfo.of("f_1", ColumnType.INT),
            ColumnInfo.of("f_x", ColumnType.STRING));

    @Test
    void rolesAreGuessedByNameIgnoringCaseAndByKind() {
        assertEquals(1, ColumnGuess.guess(COLUMNS, ColumnKind.NUMBER, ColumnGuess.LONGITUDE_NAMES),
                "'x' is a string column here, so 'Lng' is the longitude");
        assertEquals(2, ColumnGuess.guess(COLUMNS, ColumnKind.NUMBER, ColumnGuess.LATITUDE_NAMES));
        assertEquals(3, ColumnGuess.guess(COLUMNS, ColumnKind.STRING, ColumnGuess.LABEL_NAMES));
        assertEquals(4, ColumnGuess.guess(COLUMNS, ColumnKind.VECTOR, List.of()), "the only vector column");
        assertEquals(-1, ColumnGuess.guess(COLUMNS, ColumnKind.NUMBER, List.of()), "numbers are never guessed by kind");
        assertEquals(-1, ColumnGuess.indexOf(COLUMNS, "lng"), "a selected name is exact");
    }

    @Test
    void patternMatchesNumberColumnsAndNamesTheOthers() {
        List<String> wrong = new ArrayList<>();
        assertArrayEquals(new int[] {5, 6}, ColumnGuess.matching(COLUMNS, Pattern.compile("f_.*"), wrong));
        assertEquals(List.of("'f_x' (string)"), wrong);
    }

    @Test
    void probabilityColumnsByPrefixOrPattern() {
        Header h = new Header("file 'p.csv'", List.of("lon", "img_b", "img_a", "p0", "p1"));
        assertArrayEquals(new int[] {2, 1}, ProbabilityColumns.byPrefix(h, "img_", List.of("a", "b")));
        assertArrayEquals(new int[] {3, 4}, ProbabilityColumns.byPrefix(h, "p", List.of("a", "b")));
        String m = assertThrows(InvalidInputException.class,
                () -> ProbabilityColumns.byPrefix(h, "p", List.of("a", "b", "c"))).getMessage();
        assertTrue(m.contains("p.csv") && m.contains("p<label>") && m.contains("p0..p2"), m);
        List<String> problems = new ArrayList<>();
        List<String> names = List.of("P (s=oak)", "P (s=elm)", "x");
        assertArrayEquals(new int[] {1, 0}, ProbabilityColumns.byPattern(names, i -> i < 2,
                Pattern.compile("P \\((?:[^=]*=)?(.+)\\)"), List.of("elm", "oak"), "setting 'P'", problems));
        assertEquals(List.of(), problems);
        assertNull(ProbabilityColumns.byPattern(names, i -> false, Pattern.compile("P (.*)"), null, "setting 'P'",
                problems));
        assertEquals(List.of("setting 'P': no number column name matches 'P (.*)'"), problems);
    }
}
