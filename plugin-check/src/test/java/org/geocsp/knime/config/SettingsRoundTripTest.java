package org.geocsp.knime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every node's settings survive save and load unchanged (with a non-default value in every
 * setting), and the round-trip check catches a key renamed on one side, a missing key and a wrong
 * value type.
 */
class SettingsRoundTripTest {

    /** A value different from the default, within the setting's bounds. */
    static Object nonDefault(Setting s) {
        return switch (s.type()) {
            case STRING -> "text of " + s.key();
            case COLUMN -> "column of " + s.key();
            case CHOICE -> s.choices().stream().filter(c -> !c.equals(s.defaultValue())).findFirst()
                    .orElse((String) s.defaultValue());
            case INT -> {
                int d = (Integer) s.defaultValue();
                yield d + 1 <= s.max() ? d + 1 : d - 1;
            }
            case LONG -> (Long) s.defaultValue() + 7;
            case DOUBLE -> {
                double d = (Double) s.defaultValue();
                yield d < s.max() ? d + (Math.min(s.max(), d + 1) - d) / 2 : (s.min() + d) / 2;
            }
            case BOOLEAN -> !(Boolean) s.defaultValue();
        };
    }

    static SettingValues nonDefaults(List<Setting> settings) {
        SettingValues v = SettingValues.defaults(settings);
        for (Setting s : settings) {
            v = v.with(s, nonDefault(s));
        }
        return v;
    }

    /** Saves non-default values with one list and loads with another; every difference is a problem. */
    static List<String> roundTripProblems(List<Setting> saving, List<Setting> loading) {
        MapConfigStore store = new MapConfigStore();
        SettingValues saved = nonDefaults(saving);
        saved.save(store);
        SettingValues loaded;
        try {
            loaded = SettingValues.load(loading, store);
        } catch (ConfigException e) {
            return e.problems();
        }
        List<String> p = new ArrayList<>();
        for (int i = 0; i < saving.size(); i++) {
            Object a = saved.get(saving.get(i));
            Object b = loaded.get(loading.get(i));
            if (!a.equals(b)) {
                p.add("setting '" + saving.get(i).label() + "' saved " + a + " but loaded " + b);
            }
        }
        return p;
    }

    @Test
    void everyNodeRoundTripsEverySetting() {
        for (NodeCatalog.Entry e : NodeCatalog.NODES) {
            assertEquals(List.of(), roundTripProblems(e.settings(), e.settings()), e.factoryClass());
            for (Setting s : e.settings()) {
                assertNotEquals(s.defaultValue(), nonDefault(s), "no non-default value for " + s.key());
            }
        }
    }

    private static <C extends NodeConfig> void roundTripsThroughConfig(List<Setting> settings,
            Function<SettingValues, C> make, Loader<C> load) throws ConfigException {
        C config = make.apply(nonDefaults(settings));
        MapConfigStore store = new MapConfigStore();
        config.save(store);
        // each setting: its value and its settings model's internals config
        assertEquals(settings.size(), store.entries().values().stream().filter(v -> !(v instanceof MapConfigStore))
                .count());
        assertEquals(2 * settings.size(), store.entries().size());
        C back = load.load(store);
        assertEquals(config, back);
        assertNotEquals(make.apply(SettingValues.defaults(settings)), back);
    }

    interface Loader<C> {
        C load(ConfigStore s) throws ConfigException;
    }

    @Test
    void nodeConfigsRoundTrip() throws ConfigException {
        roundTripsThroughConfig(SpatialEncoderConfig.SETTINGS, SpatialEncoderConfig::new, SpatialEncoderConfig::load);
        roundTripsThroughConfig(PretrainerConfig.SETTINGS, PretrainerConfig::new, PretrainerConfig::load);
        roundTripsThroughConfig(FineTunerConfig.SETTINGS, FineTunerConfig::new, FineTunerConfig::load);
        roundTripsThroughConfig(SamplePlacesConfig.SETTINGS, SamplePlacesConfig::new, SamplePlacesConfig::load);
    }

    @Test
    void aKeyRenamedOnOneSideIsCaught() {
        List<Setting> real = PretrainerConfig.SETTINGS;
        List<Setting> renamed = new ArrayList<>(real);
        int i = real.indexOf(PretrainerConfig.TRAINER.epochs);
        Setting s = real.get(i);
        renamed.set(i, new Setting("epoch_count", s.label(), s.type(), s.defaultValue(), s.min(), s.max(),
                s.choices(), s.columnKind(), s.port(), s.optional(), s.tab()));
        List<String> p = roundTripProblems(real, renamed);
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).contains("'Epochs' (key epoch_count) is missing"), p.get(0));
        assertFalse(roundTripProblems(renamed, real).isEmpty());
    }

    @Test
    void missingKeysAndWrongTypesAreAllReported() {
        MapConfigStore store = new MapConfigStore();
        SettingValues.defaults(FineTunerConfig.SETTINGS).save(store);
        store.remove("label_ratio");
        store.remove("seed");
        store.putRaw("epochs", "30");
        ConfigException e = assertThrows(ConfigException.class, () -> FineTunerConfig.load(store));
        assertEquals(3, e.problems().size(), e.problems().toString());
        assertTrue(e.getMessage().contains("'Label ratio' (key label_ratio) is missing"), e.getMessage());
        assertTrue(e.getMessage().contains("'Seed' (key seed) is missing"), e.getMessage());
        assertTrue(e.getMessage().contains("'Epochs' (key epochs) cannot be read"), e.getMessage());
    }

    @Test
    void aNullStringLoadsAsEmpty() throws ConfigException {
        // the column drop-down stores null for "none"
        MapConfigStore store = new MapConfigStore();
        SettingValues.defaults(PretrainerConfig.SETTINGS).save(store);
        store.putString("image_embedding_column", null);
        assertEquals("", PretrainerConfig.load(store).values().getString(PretrainerConfig.EMBEDDING.column));
    }

    @Test
    void keysAreUniquePerNodeAndLabelsToo() {
        for (NodeCatalog.Entry e : NodeCatalog.NODES) {
            assertEquals(e.settings().size(), e.settings().stream().map(Setting::key).distinct().count());
            assertEquals(e.settings().size(), e.settings().stream().map(Setting::label).distinct().count(),
                    "labels double as description option names and must be unique: " + e.factoryClass());
        }
    }

    @Test
    void pretrainersSavedBeforeTheEmbeddingRescaleLoadWithItsDefault() throws ConfigException {
        List<Setting> older = new ArrayList<>(PretrainerConfig.SETTINGS);
        older.remove(PretrainerConfig.EMBEDDING_RESCALE);
        MapConfigStore store = new MapConfigStore();
        nonDefaults(older).save(store);
        PretrainerConfig c = PretrainerConfig.load(store);
        assertEquals(true, c.values().get(PretrainerConfig.EMBEDDING_RESCALE));
        assertEquals(nonDefault(PretrainerConfig.QUEUE_SIZE), c.values().get(PretrainerConfig.QUEUE_SIZE),
                "the others are read");
    }

    @Test
    void workflowsSavedBeforeTheImageEmbeddingSettingsStillLoad() throws ConfigException {
        List<Setting> older = new ArrayList<>(FineTunerConfig.SETTINGS);
        older.removeAll(FineTunerConfig.EMBEDDING.settings());
        MapConfigStore store = new MapConfigStore();
        nonDefaults(older).save(store);
        FineTunerConfig ft = FineTunerConfig.load(store);
        assertFalse(ft.trainsImageClassifier(), "no image embedding in an older workflow");
        assertEquals(FineTunerConfig.EMBEDDING.mode.defaultValue(), ft.values().get(FineTunerConfig.EMBEDDING.mode));
        assertEquals(nonDefault(FineTunerConfig.LOSS), ft.values().get(FineTunerConfig.LOSS), "the others are read");

        List<Setting> olderPredictor = new ArrayList<>(LocationPredictorConfig.SETTINGS);
        olderPredictor.removeAll(LocationPredictorConfig.IMAGE_EMBEDDING_COLUMNS.settings());
        MapConfigStore p = new MapConfigStore();
        SettingValues.defaults(olderPredictor).save(p);
        assertEquals("", LocationPredictorConfig.load(p).values()
                .get(LocationPredictorConfig.IMAGE_EMBEDDING_COLUMNS.column));

        // a setting that every version writes is still required
        MapConfigStore broken = new MapConfigStore();
        List<Setting> noLabel = new ArrayList<>(older);
        noLabel.remove(FineTunerConfig.LABEL);
        SettingValues.defaults(noLabel).save(broken);
        ConfigException e = assertThrows(ConfigException.class, () -> FineTunerConfig.load(broken));
        assertEquals(List.of("setting 'Label column' (key label_column) is missing"), e.problems());
    }
}
