package org.geocsp.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Problems stay one line each, whatever a quoted cell or file name carries. */
class InvalidInputExceptionTest {

    @Test
    void lineBreaksAndControlCharactersOfAQuotedCellAreShownEscaped() {
        InvalidInputException e = new InvalidInputException(List.of("row 3: 'a\nb' is not a number",
                "row 4: 'c\r\u2028d\u0085\te\u0000' is not a number"));
        assertEquals(List.of("row 3: 'a\\nb' is not a number", "row 4: 'c\\r\\u2028d\\u0085\\te\\u0000' is not a number"),
                e.problems());
        assertEquals("row 3: 'a\\nb' is not a number; row 4: 'c\\r\\u2028d\\u0085\\te\\u0000' is not a number",
                e.getMessage());
        assertFalse(e.getMessage().lines().count() > 1);
    }

    @Test
    void plainTextIsKeptAsItIs() {
        String s = "column 'lat', row 3: 95.0 is outside [-90, 90] (ä, 東京)";
        assertSame(s, InvalidInputException.oneLine(s));
        assertEquals(s, new InvalidInputException(s).getMessage());
    }
}
