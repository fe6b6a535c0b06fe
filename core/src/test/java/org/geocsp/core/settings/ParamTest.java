package org.geocsp.core.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ParamTest {

    private static final Param TAU = Param.real("tau", "Temperature (tau)", "--tau", "A temperature.", 1, 0, true, 10);
    private static final Param WEIGHT = Param.real("w", "Weight (w)", "--w", "A weight.", 1, 0, false, 10);
    private static final Param K = Param.integer("k", "K", "--k", "A count.", 1, 0, 64);
    private static final Param SEED = Param.longInteger("seed", "Seed", "--seed", "Seed.", 0L, Long.MIN_VALUE,
            Long.MAX_VALUE);
    private static final Param MODE = Param.choice("mode", "Mode", "--mode", "A mode.", "adam", List.of("adam", "adamw"));

    @Test
    void exclusiveLowerBoundRefusesTheBoundAndAcceptsTheNextNumber() {
        assertEquals("Temperature (tau) must be in (0, 10], got 0", TAU.problem(0.0));
        assertNull(TAU.problem(Math.nextUp(0.0)));
        assertNull(TAU.problem(10.0));
        assertEquals("Temperature (tau) must be in (0, 10], got 10.000000000000002", TAU.problem(Math.nextUp(10.0)));
        assertEquals("Temperature (tau) must be in (0, 10], got -1", TAU.problem(-1.0));
    }

    @Test
    void inclusiveLowerBoundAcceptsTheBound() {
        assertNull(WEIGHT.problem(0.0));
        assertEquals("Weight (w) must be in [0, 10], got -5", WEIGHT.problem(-5.0));
        assertTrue(WEIGHT.problem(Math.nextDown(0.0)).startsWith("Weight (w) must be in [0, 10], got -4.9e-324"));
    }

    @Test
    void nanAndInfinitiesAreRefused() {
        for (Param p : List.of(TAU, WEIGHT)) {
            assertEquals(p.label() + " must be a number, got NaN", p.problem(Double.NaN));
            assertTrue(p.problem(Double.POSITIVE_INFINITY).endsWith("got Infinity"), p.key());
            assertTrue(p.problem(Double.NEGATIVE_INFINITY).endsWith("got -Infinity"), p.key());
        }
    }

    @Test
    void integersAreCheckedAtBothEnds() {
        assertNull(K.problem(0));
        assertNull(K.problem(64));
        assertEquals("K must be in [0, 64], got -1", K.problem(-1));
        assertEquals("K must be in [0, 64], got 65", K.problem(65));
        assertNull(SEED.problem(Long.MIN_VALUE));
        assertNull(SEED.problem(Long.MAX_VALUE));
        assertEquals("any integer", SEED.rangeText());
    }

    @Test
    void choicesIgnoreCaseAndListTheValidOnes() {
        assertNull(MODE.problem(" AdamW "));
        assertEquals("Mode 'sgd' is not valid: use adam, adamw", MODE.problem("sgd"));
        assertEquals("Mode is missing", MODE.problem(null));
    }

    @Test
    void declarationsRefuseDefaultsOutsideTheirRangeAndFormatCharacters() {
        assertThrows(IllegalArgumentException.class, () -> Param.real("t", "T", null, "x", 0, 0, true, 1));
        assertThrows(IllegalArgumentException.class, () -> Param.integer("k", "K", null, "x", 65, 0, 64));
        assertThrows(IllegalArgumentException.class, () -> Param.real("t", "T", null, "5% of it", 1, 0, true, 2));
        assertThrows(IllegalArgumentException.class, () -> Param.choice("c", "C", null, "x", "z", List.of("a")));
        assertThrows(IllegalArgumentException.class, () -> Param.bool("b", "B", "-b", "x", false));
        assertThrows(IllegalArgumentException.class, () -> new Param("i", "I", null, "x", Param.Type.INT, 1.0, 0,
                false, 2, List.of()));
    }

    @Test
    void valuesAreFormattedAsUsersTypeThem() {
        assertEquals("20", Param.format(20.0));
        assertEquals("0.0005", Param.format(0.0005));
        assertEquals("0.98", Param.format(0.98));
        assertEquals("1e9", Param.format(1e9));
        assertEquals("1e-9", Param.format(1e-9));
        assertEquals("-1", Param.format(-1.0));
        assertEquals("NaN", Param.format(Double.NaN));
        assertEquals("(0, 1e9]", Param.real("t", "T", null, "x", 1, 0, true, 1e9).rangeText());
    }

    @Test
    void problemsAreCollectedWithTheirDeclarationsAndThrownAtOnce() {
        Problems p = new Problems().check(TAU, 0.0).check(WEIGHT, -1.0).check(K, 3).check(MODE, "x");
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, p::throwIfAny);
        assertEquals(3, e.problems().size());
        assertEquals(List.of(TAU, WEIGHT, MODE), e.settingProblems().stream().map(SettingProblem::param).toList());
        assertEquals("--tau: Temperature (tau) must be in (0, 10], got 0; --w: Weight (w) must be in [0, 10], got -1;"
                + " --mode: Mode 'x' is not valid: use adam, adamw", e.message(Param::cliOption));
        assertEquals(e.getMessage(), String.join("; ", e.problems()));
    }

    @Test
    void aProblemFoundTwiceIsListedOnce() {
        Problems p = new Problems().check(TAU, 0.0).check(TAU, 0.0);
        assertEquals(1, assertThrows(InvalidSettingsException.class, p::throwIfAny).problems().size());
        new Problems().check(TAU, 1.0).throwIfAny();
    }

    @Test
    void parserProblemsAreBlamedOnTheirSetting() {
        Problems p = new Problems();
        assertNull(p.collect(MODE, () -> {
            throw new org.geocsp.core.io.InvalidInputException("mode 'x' is unknown");
        }));
        assertEquals(MODE, p.list().get(0).param());
    }
}
