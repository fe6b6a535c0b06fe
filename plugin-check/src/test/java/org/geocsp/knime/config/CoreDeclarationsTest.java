package org.geocsp.knime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.geocsp.core.encode.EncoderParams;
import org.geocsp.core.nn.StackParams;
import org.geocsp.core.settings.Param;
import org.geocsp.core.train.FineTuneParams;
import org.geocsp.core.train.PretrainParams;
import org.geocsp.core.train.TrainerParams;
import org.junit.jupiter.api.Test;

/** The node settings are core's declarations: same key, label, default, range and choices. */
class CoreDeclarationsTest {

    private static Setting find(List<Setting> settings, String key) {
        return settings.stream().filter(s -> s.key().equals(key)).findFirst().orElse(null);
    }

    private static void assertDerived(List<Setting> settings, List<Param> params, List<String> nodeOnlyChoices) {
        for (Param p : params) {
            Setting s = find(settings, p.key());
            assertNotNull(s, "node has setting " + p.key());
            assertEquals(p.label(), s.label(), p.key());
            if (nodeOnlyChoices.contains(p.key())) {
                continue; // spelled as saved workflows hold them; parsed by core
            }
            assertEquals(p.defaultValue(), s.defaultValue(), p.key());
            switch (p.type()) {
                case INT, LONG -> {
                    assertEquals(p.min(), s.min(), p.key());
                    assertEquals(p.max(), s.max(), p.key());
                }
                case DOUBLE -> {
                    assertEquals(p.minExclusive() ? Math.nextUp(p.min()) : p.min(), s.min(), p.key());
                    assertEquals(p.max(), s.max(), p.key());
                }
                case CHOICE -> assertEquals(p.choices(), s.choices(), p.key());
                case BOOLEAN -> { }
            }
        }
    }

    @Test
    void pretrainerSettingsAreCoresDeclarations() {
        List<Param> all = new ArrayList<>(PretrainParams.ALL);
        all.addAll(TrainerParams.PRETRAINING.all());
        assertDerived(PretrainerConfig.SETTINGS, all, List.of("device"));
        assertEquals(0.0005, find(PretrainerConfig.SETTINGS, "learning_rate").defaultValue());
        assertEquals(20.0, find(PretrainerConfig.SETTINGS, "tau_in_batch").defaultValue());
    }

    @Test
    void fineTunerSettingsAreCoresDeclarations() {
        List<Param> all = new ArrayList<>(FineTuneParams.ALL);
        all.remove(FineTuneParams.IMAGE_CLASSIFIER); // the node trains it when an embedding column is chosen
        all.addAll(TrainerParams.FINE_TUNING.all());
        assertDerived(FineTunerConfig.SETTINGS, all, List.of("device", "freeze"));
        assertEquals(0.001, find(FineTunerConfig.SETTINGS, "learning_rate").defaultValue());
        assertEquals("exponential", find(FineTunerConfig.SETTINGS, "lr_schedule").defaultValue());
    }

    @Test
    void spatialEncoderSettingsAreCoresDeclarations() {
        assertDerived(SpatialEncoderConfig.SETTINGS, EncoderParams.ALL, List.of());
        assertDerived(SpatialEncoderConfig.SETTINGS, StackParams.ALL, List.of());
    }

    @Test
    void nodeOnlyChoicesStillParseInCore() {
        for (String f : FineTunerConfig.FREEZE.choices()) {
            assertNotNull(org.geocsp.core.nn.FreezeMode.parse(f), f);
        }
        assertTrue(TrainerConfig.DEVICES.containsAll(TrainerParams.DEVICE.choices().subList(0, 2)));
    }
}
