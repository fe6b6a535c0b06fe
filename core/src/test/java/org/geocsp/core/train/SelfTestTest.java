package org.geocsp.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.geocsp.core.runtime.DeviceChoice;
import org.junit.jupiter.api.Test;

class SelfTestTest {

    @Test
    void lossFallsOverAFewAdamSteps() throws InterruptedException {
        double[] losses = SelfTest.pretrainLosses(15, 7);
        assertEquals(15, losses.length);
        assertTrue(Arrays.stream(losses).allMatch(Double::isFinite), Arrays.toString(losses));
        // At the start the head is random, so the loss is near ln(64) = 4.16; Adam must cut it clearly.
        assertTrue(losses[0] > 3.0, Arrays.toString(losses));
        assertTrue(losses[14] < 0.8 * losses[0], Arrays.toString(losses));
    }

    @Test
    void refusesZeroSteps() {
        // A bad step count is refused with the setting named.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SelfTest.pretrainLosses(0, 1));
        assertTrue(e.getMessage().contains("steps"));
    }

}
