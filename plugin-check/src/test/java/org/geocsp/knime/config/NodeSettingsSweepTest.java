package org.geocsp.knime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The bad-setting sweep of the command line, through the nodes: for every node and every setting,
 * generated bad values (out of range, NaN, infinities, unknown choices, a missing key, a value of
 * another type) in a workflow's stored settings must give a {@link ConfigException} or a setting
 * problem that names the setting by its dialog label, and nothing else (no other exception type).
 */
class NodeSettingsSweepTest {

    /** How a node reads its settings from a store. */
    interface Loader {
        NodeConfig load(ConfigStore store) throws ConfigException;
    }

    /** Every node of the catalog with its loader. */
    static final Map<List<Setting>, Loader> NODES = new LinkedHashMap<>();

    static {
        NODES.put(SamplePlacesConfig.SETTINGS, SamplePlacesConfig::load);
        NODES.put(SpatialEncoderConfig.SETTINGS, SpatialEncoderConfig::load);
        NODES.put(PretrainerConfig.SETTINGS, PretrainerConfig::load);
        NODES.put(FineTunerConfig.SETTINGS, FineTunerConfig::load);
        NODES.put(LocationPredictorConfig.SETTINGS, LocationPredictorConfig::load);
        NODES.put(ImageGeolocatorConfig.SETTINGS, ImageGeolocatorConfig::load);
        NODES.put(GeotaggedImageReaderConfig.SETTINGS, GeotaggedImageReaderConfig::load);
        NODES.put(ImageEmbedderConfig.SETTINGS, ImageEmbedderConfig::load);
    }

    @org.junit.jupiter.api.Test
    void everyNodeOfTheCatalogIsSwept() {
        assertEquals(new java.util.HashSet<>(NodeCatalog.NODES.stream().map(NodeCatalog.Entry::settings).toList()),
                NODES.keySet());
    }

    /** A node's settings with one setting given a bad value. */
    record Case(List<Setting> node, Setting setting, Object value) {
        @Override
        public String toString() {
            return setting.key() + "=" + value;
        }
    }

    @Property(tries = 400)
    void aBadNumberOrChoiceIsReportedByItsLabel(@ForAll("badValues") Case c) {
        MapConfigStore store = defaults(c.node());
        switch (c.setting().type()) {
            case INT -> store.putInt(c.setting().key(), ((Number) c.value()).intValue());
            case LONG -> store.putLong(c.setting().key(), ((Number) c.value()).longValue());
            case DOUBLE -> store.putDouble(c.setting().key(), (Double) c.value());
            case CHOICE -> store.putString(c.setting().key(), (String) c.value());
            default -> throw new IllegalStateException(c.setting().type().toString());
        }
        List<String> problems = problems(c.node(), store);
        assertFalse(problems.isEmpty(), () -> c + " was accepted");
        assertTrue(problems.stream().anyMatch(p -> p.contains("'" + c.setting().label() + "'")),
                () -> c + ": no problem names '" + c.setting().label() + "': " + problems);
    }

    @Provide
    Arbitrary<Case> badValues() {
        List<Arbitrary<Case>> all = new ArrayList<>();
        for (List<Setting> node : NODES.keySet()) {
            for (Setting s : node) {
                Arbitrary<?> bad = bad(s);
                if (bad != null) {
                    all.add(bad.map(v -> new Case(node, s, v)));
                }
            }
        }
        return Arbitraries.oneOf(all);
    }

    /** Values outside the setting's declared range, or null where the setting has no bounds to break. */
    private static Arbitrary<?> bad(Setting s) {
        return switch (s.type()) {
            case INT -> {
                List<Arbitrary<Integer>> parts = new ArrayList<>();
                if (s.min() > Integer.MIN_VALUE) {
                    parts.add(Arbitraries.integers().between(Integer.MIN_VALUE, (int) s.min() - 1));
                }
                if (s.max() < Integer.MAX_VALUE) {
                    parts.add(Arbitraries.integers().between((int) s.max() + 1, Integer.MAX_VALUE));
                }
                yield parts.isEmpty() ? null : Arbitraries.oneOf(parts);
            }
            case DOUBLE -> {
                List<Arbitrary<Double>> parts = new ArrayList<>();
                parts.add(Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
                Arbitrary<Double> step = Arbitraries.doubles().between(0.001, 1e6).ofScale(3);
                if (s.min() > -1e300) {
                    parts.add(step.map(d -> s.min() - d * Math.max(1, Math.ulp(s.min()) * 1e3)));
                }
                if (s.max() < 1e300) {
                    parts.add(step.map(d -> s.max() + d * Math.max(1, Math.ulp(s.max()) * 1e3)));
                }
                yield Arbitraries.oneOf(parts);
            }
            case CHOICE -> Combinators.combine(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12),
                    Arbitraries.of("", " ", "-", "0")).as((a, b) -> a + b)
                    .filter(v -> s.choices().stream().noneMatch(c -> c.equalsIgnoreCase(v.trim())));
            default -> null;
        };
    }

    /** Per node, the settings added in a later version: workflows saved before load with their defaults. */
    static final Map<List<Setting>, List<Setting>> ADDED_LATER = Map.of(
            LocationPredictorConfig.SETTINGS, LocationPredictorConfig.IMAGE_EMBEDDING_COLUMNS.settings(),
            FineTunerConfig.SETTINGS, FineTunerConfig.ADDED_LATER,
            PretrainerConfig.SETTINGS, PretrainerConfig.ADDED_LATER);

    @Property(tries = 150)
    void aMissingSettingIsReportedByItsLabel(@ForAll("settings") Case c) throws ConfigException {
        MapConfigStore store = defaults(c.node());
        store.remove(c.setting().key());
        store.remove(c.setting().key() + SettingModels.INTERNALS_SUFFIX);
        if (ADDED_LATER.getOrDefault(c.node(), List.of()).contains(c.setting())) {
            assertEquals(c.setting().defaultValue() == null ? "" : c.setting().defaultValue(),
                    NODES.get(c.node()).load(store).values().get(c.setting()), () -> c + " added later takes its default");
            return;
        }
        List<String> problems = problems(c.node(), store);
        assertTrue(problems.stream().anyMatch(p -> p.contains("'" + c.setting().label() + "'")),
                () -> c + ": no problem names the missing setting: " + problems);
    }

    @Property(tries = 150)
    void aValueOfAnotherTypeIsReportedByItsLabel(@ForAll("settings") Case c) {
        MapConfigStore store = defaults(c.node());
        switch (c.setting().type()) {
            case STRING, CHOICE, COLUMN -> store.putRaw(c.setting().key(), 12);
            default -> store.putRaw(c.setting().key(), "twelve");
        }
        List<String> problems = problems(c.node(), store);
        assertTrue(problems.stream().anyMatch(p -> p.contains("'" + c.setting().label() + "'")),
                () -> c + ": no problem names the mistyped setting: " + problems);
    }

    @Provide
    Arbitrary<Case> settings() {
        List<Case> all = new ArrayList<>();
        for (List<Setting> node : NODES.keySet()) {
            for (Setting s : node) {
                all.add(new Case(node, s, null));
            }
        }
        return Arbitraries.of(all);
    }

    @org.junit.jupiter.api.Test
    void theDefaultsOfEveryNodeAreAccepted() {
        for (List<Setting> node : NODES.keySet()) {
            assertEquals(List.of(), problems(node, defaults(node)), () -> "defaults of " + node);
        }
    }

    /** The node's defaults, with what a user must choose before any run (photo folder, backbone file) chosen. */
    private static MapConfigStore defaults(List<Setting> node) {
        MapConfigStore store = new MapConfigStore();
        SettingValues v = SettingValues.defaults(node);
        if (node == GeotaggedImageReaderConfig.SETTINGS) {
            v = v.with(GeotaggedImageReaderConfig.FOLDER, System.getProperty("java.io.tmpdir"));
        }
        if (node == ImageEmbedderConfig.SETTINGS) {
            v = v.with(ImageEmbedderConfig.MODEL_FILE, "backbone.pt");
        }
        v.save(store);
        return store;
    }

    /** The problems the node reports for the stored settings; any other exception fails the test. */
    private static List<String> problems(List<Setting> node, ConfigStore store) {
        try {
            return NODES.get(node).load(store).settingProblems();
        } catch (ConfigException e) {
            return e.problems();
        }
    }
}
