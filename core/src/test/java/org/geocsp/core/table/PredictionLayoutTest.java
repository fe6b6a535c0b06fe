package org.geocsp.core.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class PredictionLayoutTest {

    enum R { COMBINED, LOCATION_ONLY }

    /** Names in the style of one front end: "pred_1" or "class 1". */
    record Names(boolean cli) implements PredictionLayout.Names {
        @Override
        public String classScore(String label, boolean withImages) {
            return cli ? "p_" + label : withImages ? "P(" + label + ")" : "P(" + label + " | location)";
        }

        @Override
        public String locationScore(String label) {
            return cli ? "p_" + label : "P(" + label + " | location)";
        }

        @Override
        public String topClass(int rank) {
            return cli ? "pred_" + rank : "class " + rank;
        }

        @Override
        public String topScore(int rank) {
            return cli ? "score_" + rank : "score " + rank;
        }

        @Override
        public String rule() {
            return cli ? "rule" : "prediction rule";
        }

        @Override
        public String note() {
            return "prediction note";
        }

        @Override
        public String embeddingValue(int j) {
            return "e" + j;
        }

        @Override
        public String embeddingVector() {
            return "location embedding";
        }

        @Override
        public String ruleValue(Enum<?> rule) {
            return rule.name().toLowerCase(Locale.ROOT).replace('_', cli ? '-' : ' ');
        }
    }

    /** Two rows, classes a,b,c, k=2: row 0 combined, row 1 without location scores or embedding. */
    static final class Batch implements PredictionLayout.Values {
        @Override
        public int k() {
            return 2;
        }

        @Override
        public Enum<?> rule(int row) {
            return row == 0 ? R.COMBINED : R.LOCATION_ONLY;
        }

        @Override
        public String note(int row) {
            return "note " + row;
        }

        @Override
        public String topLabel(int row, int rank) {
            return rank == 0 ? "b" : "a";
        }

        @Override
        public float topScore(int row, int rank) {
            return rank == 0 ? 0.5f : Float.NaN;
        }

        @Override
        public float[] classScores(int row) {
            return new float[] {0.25f, 0.5f, 0.125f};
        }

        @Override
        public float[] locationScores(int row) {
            return row == 0 ? new float[] {0.1f, 0.2f, 0.3f} : null;
        }

        @Override
        public float[] embedding(int row) {
            return row == 0 ? new float[] {1f, -2f} : null;
        }
    }

    private static final List<String> CLASSES = List.of("a", "b", "c");

    @Test
    void theCommandLineLayout() {
        PredictionLayout l = new PredictionLayout(List.of(PredictionLayout.Part.TOP_CLASSES,
                PredictionLayout.Part.TOP_SCORES, PredictionLayout.Part.RULE, PredictionLayout.Part.LOCATION_SCORES,
                PredictionLayout.Part.EMBEDDING_VALUES), CLASSES, 5, 2, false, new Names(true));
        assertEquals(List.of("pred_1", "pred_2", "pred_3", "score_1", "score_2", "score_3", "rule", "p_a", "p_b", "p_c",
                "e0", "e1"), l.infos().stream().map(ColumnInfo::name).toList(), "k is capped at the number of classes");
        Object[] v = l.values(new Batch(), 0);
        assertArrayEquals(new Object[] {"b", "a", null, 0.5, null, null, "combined", (double) 0.1f, (double) 0.2f,
            (double) 0.3f, 1.0, -2.0}, v);
        Object[] w = l.values(new Batch(), 1);
        assertEquals("location-only", w[6]);
        assertEquals(null, w[7], "no location scores");
        assertEquals(null, w[11], "no embedding");
    }

    @Test
    void theNodeLayoutFromTheSameDeclaration() {
        PredictionLayout l = new PredictionLayout(List.of(PredictionLayout.Part.CLASS_SCORES,
                PredictionLayout.Part.TOP_PAIRS, PredictionLayout.Part.RULE, PredictionLayout.Part.NOTE,
                PredictionLayout.Part.EMBEDDING_VECTOR), CLASSES, 2, 2, true, new Names(false));
        assertEquals(List.of("P(a)", "P(b)", "P(c)", "class 1", "score 1", "class 2", "score 2", "prediction rule",
                "prediction note", "location embedding"), l.infos().stream().map(ColumnInfo::name).toList());
        assertEquals(ColumnType.DOUBLE_VECTOR, l.infos().get(9).type());
        assertEquals(2, l.infos().get(9).width());
        Object[] v = l.values(new Batch(), 0);
        assertEquals("b", v[3]);
        assertEquals(0.5, v[4]);
        assertEquals("combined", v[7]);
        assertEquals("note 0", v[8]);
        assertArrayEquals(new double[] {1, -2}, (double[]) v[9]);
        assertEquals("location only", l.values(new Batch(), 1)[7]);
    }
}
