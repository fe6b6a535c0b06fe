package org.geocsp.knime.config;

import org.geocsp.core.table.ColumnType;
import org.geocsp.core.table.ColumnInfo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The settings a node model saves equal those its dialog saves after opening and OK without edits
 * (KNIME's {@code areDialogAndNodeSettingsEqual()}), for every node and from the same settings
 * declaration; settings saved flat by earlier versions still load.
 *
 * <p>The dialog is simulated from KNIME's source (knime-core, tags analytics-platform/5.5.3 and
 * 5.8.3, package {@code org.knime.core.node.defaultnodesettings}), independently of
 * {@link SettingModels}:
 * <ul>
 * <li>{@code SettingsModel#dlgSaveSettingsTo} adds the config {@code <configName>_Internals} with
 * {@code SettingsModelID} (the class's {@code getModelTypeID()}) and {@code EnabledStatus}, then
 * {@code saveSettingsForDialog} the value: {@code addString/addInt/addLong/addDouble/addBoolean};</li>
 * <li>{@code loadSettingsForDialog} reads {@code settings.getX(key, current)};</li>
 * <li>{@code DialogComponentColumnNameSelection} with the "&lt;none&gt;" item
 * ({@code ColumnSelectionPanel#update}): a value naming an accepted column of the input spec is
 * selected, anything else selects "&lt;none&gt;", saved as a null string; without the item the last
 * accepted column is selected instead;</li>
 * <li>{@code DialogComponentNumberEdit} writes back {@code Double.toString}/{@code Long.toString} of
 * the value parsed again; {@code DialogComponentStringSelection} keeps a value not in its list.</li>
 * </ul>
 */
class NodeAndDialogSettingsTest {

    /** What each settings model class writes: {model type id, entry kind}, from the classes' source. */
    private static final Map<String, String> MODEL_IDS = Map.of("SettingsModelString", "SMID_string",
            "SettingsModelInteger", "SMID_integer", "SettingsModelLong", "SMN_long", "SettingsModelDouble",
            "SMID_double", "SettingsModelBoolean", "SMID_boolean");

    /** The dialog's save after loading {@code node}'s settings, with {@code columns} as every input spec. */
    static MapConfigStore dialogOk(List<Setting> settings, MapConfigStore node, List<ColumnInfo> columns,
            boolean noneItem) {
        MapConfigStore out = new MapConfigStore();
        for (Setting s : settings) {
            String cls = SettingModels.kind(s).className();
            Object current = SettingModels.modelValue(s, s.defaultValue());
            Object stored = node.entries().get(s.key());
            Object loaded = stored != null || node.entries().containsKey(s.key()) ? stored : current;
            MapConfigStore in = out.addConfig(s.key() + "_Internals");
            in.putString("SettingsModelID", MODEL_IDS.get(cls));
            in.putBoolean("EnabledStatus", true);
            switch (cls) {
                case "SettingsModelString" -> {
                    String v = (String) loaded;
                    if (s.type() == SettingType.COLUMN) {
                        List<String> accepted = columns.stream().filter(c -> s.columnKind().accepts(c.type()))
                                .map(ColumnInfo::name).toList();
                        if (v == null || !accepted.contains(v)) {
                            v = noneItem || accepted.isEmpty() ? null : accepted.get(accepted.size() - 1);
                        }
                    }
                    out.putString(s.key(), v);
                }
                case "SettingsModelInteger" -> out.putInt(s.key(), (Integer) loaded);
                case "SettingsModelLong" -> out.putLong(s.key(), Long.parseLong(Long.toString((Long) loaded)));
                case "SettingsModelDouble" -> out.putDouble(s.key(),
                        Double.parseDouble(Double.toString((Double) loaded)));
                case "SettingsModelBoolean" -> out.putBoolean(s.key(), (Boolean) loaded);
                default -> throw new AssertionError(cls);
            }
        }
        return out;
    }

    static MapConfigStore nodeSave(SettingValues v) {
        MapConfigStore node = new MapConfigStore();
        v.save(node);
        return node;
    }

    /** Columns of every kind, named as the test values name them. */
    static List<ColumnInfo> columnsFor(SettingValues v) {
        List<ColumnInfo> cols = new ArrayList<>();
        for (Setting s : v.settings()) {
            if (s.type() == SettingType.COLUMN && !v.getString(s).isEmpty()) {
                ColumnType t = switch (s.columnKind()) {
                    case NUMBER -> ColumnType.DOUBLE;
                    case STRING, ANY -> ColumnType.STRING;
                    case VECTOR -> ColumnType.DOUBLE_VECTOR;
                };
                cols.add(new ColumnInfo(v.getString(s), t, t == ColumnType.DOUBLE_VECTOR ? 16 : 1));
            }
        }
        cols.add(new ColumnInfo("other number", ColumnType.DOUBLE, 1));
        cols.add(new ColumnInfo("other text", ColumnType.STRING, 1));
        cols.add(new ColumnInfo("other vector", ColumnType.DOUBLE_VECTOR, 8));
        return cols;
    }

    @Test
    void openingADialogAndPressingOkChangesNoSettingOfAnyNode() {
        for (NodeCatalog.Entry e : NodeCatalog.NODES) {
            SettingValues defaults = SettingValues.defaults(e.settings());
            SettingValues changed = SettingsRoundTripTest.nonDefaults(e.settings());
            for (SettingValues v : List.of(defaults, changed)) {
                MapConfigStore node = nodeSave(v);
                // with input specs holding the chosen columns and others
                assertEquals(dialogOk(e.settings(), node, columnsFor(v), true), node, e.factoryClass());
            }
            // without input specs (nothing connected yet): nothing to select, the defaults stay
            MapConfigStore node = nodeSave(defaults);
            assertEquals(dialogOk(e.settings(), node, List.of(), true), node, e.factoryClass());
        }
    }

    @Test
    void theSimulationSeesWhatTheEarlierVersionGotWrong() {
        // flat keys and "" for an empty column (as saved before): the dialog's OK differs
        List<Setting> settings = FineTunerConfig.SETTINGS;
        SettingValues v = SettingValues.defaults(settings);
        MapConfigStore flat = flatSave(v);
        assertNotEquals(dialogOk(settings, flat, columnsFor(v), true), flat);
        // without the "<none>" item an empty (automatic) column becomes the last accepted column
        MapConfigStore node = nodeSave(v);
        MapConfigStore ok = dialogOk(settings, node, columnsFor(v), false);
        assertNotEquals(node, ok);
        assertEquals("other number", ok.entries().get("longitude_column"));
    }

    @Test
    void eachSettingIsWrittenWithItsSettingsModelsKeysAndTypes() {
        for (NodeCatalog.Entry e : NodeCatalog.NODES) {
            MapConfigStore node = nodeSave(SettingsRoundTripTest.nonDefaults(e.settings()));
            for (Setting s : e.settings()) {
                MapConfigStore in = node.getConfig(s.key() + "_Internals");
                assertEquals(Map.of("SettingsModelID", MODEL_IDS.get(SettingModels.kind(s).className()),
                        "EnabledStatus", true), in.entries(), s.key());
                Class<?> expected = switch (s.type()) {
                    case STRING, CHOICE, COLUMN -> String.class;
                    case INT -> Integer.class;
                    case LONG -> Long.class;
                    case DOUBLE -> Double.class;
                    case BOOLEAN -> Boolean.class;
                };
                assertTrue(expected.isInstance(node.entries().get(s.key())), s.key());
            }
        }
        // an empty column is "<none>": a null string
        MapConfigStore d = nodeSave(SettingValues.defaults(PretrainerConfig.SETTINGS));
        assertTrue(d.entries().containsKey("image_embedding_column"));
        assertEquals(null, d.entries().get("image_embedding_column"));
    }

    /** What earlier versions saved: every setting flat under its key, "" for an empty column. */
    static MapConfigStore flatSave(SettingValues v) {
        MapConfigStore flat = new MapConfigStore();
        for (Setting s : v.settings()) {
            flat.putRaw(s.key(), v.get(s));
        }
        return flat;
    }

    @Test
    void settingsSavedFlatByEarlierVersionsLoadToTheSameValues() throws ConfigException {
        for (NodeCatalog.Entry e : NodeCatalog.NODES) {
            for (SettingValues v : List.of(SettingValues.defaults(e.settings()),
                    SettingsRoundTripTest.nonDefaults(e.settings()))) {
                assertEquals(v, SettingValues.load(e.settings(), flatSave(v)), e.factoryClass());
                assertEquals(v, SettingValues.load(e.settings(), nodeSave(v)), e.factoryClass());
            }
        }
        // and through a node's own loader, e.g. the end-to-end workflow's Fine-Tuner
        SettingValues ft = SettingsRoundTripTest.nonDefaults(FineTunerConfig.SETTINGS);
        assertEquals(FineTunerConfig.load(flatSave(ft)), FineTunerConfig.load(nodeSave(ft)));
    }

    @Test
    void internalsOfAnotherSettingsModelAreRejected() {
        MapConfigStore node = nodeSave(SettingValues.defaults(PretrainerConfig.SETTINGS));
        node.getConfig("epochs_Internals").putString("SettingsModelID", "SMID_double");
        node.getConfig("seed_Internals").remove("EnabledStatus");
        ConfigException e = assertThrows(ConfigException.class, () -> PretrainerConfig.load(node));
        assertEquals(2, e.problems().size(), e.problems().toString());
        assertTrue(e.getMessage().contains("'Epochs' (key epochs) was saved by settings model SMID_double,"
                + " expected SMID_integer"), e.getMessage());
        assertTrue(e.getMessage().contains("seed_Internals has no boolean EnabledStatus"), e.getMessage());
    }

    /** The plugin's KNIME code creates the settings model class of each kind, and node and dialog both use it. */
    @Test
    void thePluginBuildsNodeAndDialogModelsInOnePlace() throws Exception {
        Path util = Path.of(System.getProperty("geocsp.plugin.dir", "../plugin"), "src/org/geocsp/knime/util");
        String models = Files.readString(util.resolve("SettingsModels.java"));
        for (SettingModels.Kind k : SettingModels.Kind.values()) {
            assertTrue(models.contains("case " + k.name() + " -> new " + k.className() + "(s.key(), "),
                    "SettingsModels.create makes a " + k.className() + " for " + k);
        }
        assertTrue(Files.readString(util.resolve("ConfigNodeModel.java")).contains("SettingsModels.save("),
                "the node model saves through SettingsModels");
        String dialog = Files.readString(util.resolve("SettingsDialog.java"));
        assertTrue(dialog.contains("SettingsModels.create(s)"), "the dialog's models come from SettingsModels");
        assertTrue(dialog.contains("s.port(), false,\n                true, new KindFilter"),
                "column drop-downs offer <none>, so an empty column stays empty");
    }
}
