package org.geocsp.core.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.geocsp.core.io.InvalidInputException;
import org.junit.jupiter.api.Test;

/** Bad image embeddings are reported in the one row-problem format, one line per kind, naming the rows. */
class ImageInputCheckTest {

    @Test
    void badEmbeddingsAreNamedByRowAndProblem() {
        float[][] emb = {{1, 2, 3}, {1, 2}, null, {1, Float.POSITIVE_INFINITY, Float.NaN}, {1, 2, 3, 4}, {0, 0, 0}};
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ImageInputCheck.embeddings(emb, 3, "expected 3 values as in pre-training", 11));
        assertEquals(List.of("image embeddings: 2 rows with the wrong width (expected 3 values as in pre-training),"
                + " e.g. row 12: has 2 values, expected 3 values as in pre-training, row 15: has 4 values, expected 3"
                + " values as in pre-training", "image embeddings, row 14: has the non-finite value Infinity at"
                + " position 1"), e.problems());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void missingRowsAndGoodRowsPass() {
        ImageInputCheck.embeddings(new float[][] {null, {0.5f, -1}}, 2, "expected 2", 1);
        ImageInputCheck.probabilities(new float[][] {null, {0, 1}, {0.2f, 0.8f}}, List.of("a", "b"), 1);
    }
}
