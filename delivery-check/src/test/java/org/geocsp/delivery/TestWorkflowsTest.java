package org.geocsp.delivery;

import static org.geocsp.delivery.Trees.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.geocsp.knime.config.MapConfigStore;
import org.geocsp.knime.config.NodeCatalog;
import org.geocsp.knime.config.NodeConfig;
import org.geocsp.knime.config.Setting;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test workflows read as KNIME would, checked against the plugin's code; seeded broken copies fail. */
class TestWorkflowsTest {

    static Path root;
    static NodeTypes types;
    static WorkflowChecker checker;

    @BeforeAll
    static void setUp() {
        root = Trees.root();
        types = new NodeTypes(root.resolve("plugin"));
        checker = new WorkflowChecker(types);
    }

    @Test
    void pluginNodesAreReadFromTheirSources() {
        assertEquals(List.of(), types.problems());
        // The ports as the factories and models declare them.
        NodeTypes.Type pre = types.of(TestflowWriter.PRETRAINER);
        assertEquals(List.of(NodeTypes.Port.GEOCSP_MODEL, NodeTypes.Port.TABLE),
                pre.inputs().stream().map(NodeTypes.Group::type).toList());
        assertEquals(List.of(), types.of(TestflowWriter.ENCODER).inputs());
        NodeTypes.Type pred = types.of(TestflowWriter.PREDICTOR);
        assertTrue(pred.configurable());
        assertEquals("Map", pred.outputs().get(1).name());
        assertTrue(pred.outputs().get(1).optional());
        assertEquals(NodeTypes.Port.IMAGE, pred.outputs().get(1).type());
    }

    @Test
    void theTestWorkflowsAreConsistentWithThePlugin() throws Exception {
        assertEquals(List.of(), checker.checkAll(root.resolve("test-workflows")));
    }

    @Test
    void everyNodeHasATestflowAndTheEndToEndWorkflowChainsAllSteps() throws Exception {
        List<Path> dirs = WorkflowChecker.workflows(root.resolve("test-workflows"));
        Set<String> used = new HashSet<>();
        for (Path d : dirs) {
            WorkflowChecker.Workflow wf = checker.read(d, new ArrayList<>());
            wf.nodes().values().forEach(n -> used.add(n.type().factory()));
        }
        for (String f : types.geoCspFactories()) {
            assertTrue(used.contains(f), "no test workflow uses " + f);
        }
        assertTrue(dirs.size() >= types.geoCspFactories().size() + 1, "one testflow per node plus the end-to-end one");

        WorkflowChecker.Workflow e2e = checker.read(root.resolve("test-workflows/GeoCSP_EndToEnd"), new ArrayList<>());
        // The encoder is a source: the places feed the pre-training (and the later steps) beside it.
        List<String[]> links = List.of(new String[] {TestflowWriter.SAMPLE_PLACES, TestflowWriter.PRETRAINER},
                new String[] {TestflowWriter.ENCODER, TestflowWriter.PRETRAINER},
                new String[] {TestflowWriter.PRETRAINER, TestflowWriter.FINE_TUNER},
                new String[] {TestflowWriter.FINE_TUNER, TestflowWriter.PREDICTOR},
                new String[] {TestflowWriter.PREDICTOR, NodeTypes.SCORER});
        for (String[] link : links) {
            String from = link[0];
            String to = link[1];
            boolean linked = e2e.connections().stream().anyMatch(c -> e2e.nodes().get(c[0]).type().factory().equals(from)
                    && e2e.nodes().get(c[2]).type().factory().equals(to));
            assertTrue(linked, "end-to-end workflow: no connection " + from + " -> " + to);
        }
    }

    /** The node config class of a settings list (the KNIME-free class the node model loads its settings with). */
    static Method loader(List<Setting> settings) throws Exception {
        Path dir = Path.of(NodeConfig.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("org/geocsp/knime/config");
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (!n.endsWith(".class") || n.contains("$")) {
                    continue;
                }
                Class<?> c = Class.forName("org.geocsp.knime.config." + n.substring(0, n.length() - 6));
                if (NodeConfig.class.isAssignableFrom(c)) {
                    try {
                        if (c.getField("SETTINGS").get(null) == settings) {
                            return c.getMethod("load", org.geocsp.knime.config.ConfigStore.class);
                        }
                    } catch (NoSuchFieldException e) {
                        // an abstract base without own settings
                    }
                }
            }
        }
        throw new AssertionError("no config class with these SETTINGS");
    }

    @Test
    void nodesExpectedToFailHaveInvalidSettingsAndAllOthersValidOnes() throws Exception {
        int failing = 0;
        for (Path d : WorkflowChecker.workflows(root.resolve("test-workflows"))) {
            WorkflowChecker.Workflow wf = checker.read(d, new ArrayList<>());
            Set<Integer> expectedToFail = new HashSet<>();
            for (WorkflowChecker.Node n : wf.nodes().values()) {
                if (n.type().factory().equals(NodeTypes.TEST_CONFIG)) {
                    XmlConfig f = n.settings().config("model").config("failingNodes");
                    f.children().values().stream().filter(o -> o instanceof XmlConfig.Entry e && !e.key().equals("array-size"))
                            .forEach(o -> expectedToFail.add(Integer.parseInt(((XmlConfig.Entry) o).value())));
                }
            }
            for (WorkflowChecker.Node n : wf.nodes().values()) {
                if (n.type().settings() == null) {
                    continue;
                }
                MapConfigStore store = WorkflowChecker.store(n.settings().config("model"));
                NodeConfig config = (NodeConfig) loader(n.type().settings()).invoke(null, store);
                List<String> problems = config.settingProblems();
                if (expectedToFail.contains(n.id())) {
                    failing++;
                    assertFalse(problems.isEmpty(), d.getFileName() + " " + n.label() + " should fail but its settings are valid");
                } else {
                    assertEquals(List.of(), problems, d.getFileName() + " " + n.label());
                }
            }
        }
        assertTrue(failing > 0, "no testflow exercises a failing node");
    }

    // --- seeded broken copies ---

    private Path copyOf(Path tmp, String workflow) throws Exception {
        Path wf = tmp.resolve(workflow);
        Trees.copy(root.resolve("test-workflows").resolve(workflow), wf);
        return wf;
    }

    @Test
    void aRenamedSettingKeyFails(@TempDir Path tmp) throws Exception {
        Path wf = copyOf(tmp, "GeoCSP_FineTuner");
        Trees.replace(wf.resolve("Fine-Tuner (#4)/settings.xml"), "key=\"label_column\"", "key=\"label_col\"");
        List<String> p = checker.check(wf);
        assertProblem(p, "Fine-Tuner (#4)", "'label_col' is not a setting of", "FineTunerNodeFactory");
        assertProblem(p, "Fine-Tuner (#4)", "Label column", "missing");
    }

    @Test
    void aMissingFactoryFails(@TempDir Path tmp) throws Exception {
        Path wf = copyOf(tmp, "GeoCSP_SpatialEncoder");
        Trees.replace(wf.resolve("Spatial Encoder (#2)/settings.xml"), "encoder.SpatialEncoderNodeFactory",
                "encoder.SpatialEncoderNodeFactory2");
        assertProblem(checker.check(wf), "Spatial Encoder (#2)", "SpatialEncoderNodeFactory2", "neither a GeoCSP node");
    }

    @Test
    void aFactoryRemovedFromThePluginFails(@TempDir Path tmp) throws Exception {
        Path plugin = tmp.resolve("plugin");
        Trees.copy(root.resolve("plugin"), plugin);
        Trees.replace(plugin.resolve("plugin.xml"),
                "<node category-path=\"/geocsp\" factory-class=\"org.geocsp.knime.node.finetuner.FineTunerNodeFactory\"/>", "");
        List<String> p = new WorkflowChecker(new NodeTypes(plugin)).check(root.resolve("test-workflows/GeoCSP_FineTuner"));
        assertProblem(p, "FineTunerNodeFactory is neither a GeoCSP node of plugin/plugin.xml");
    }

    @Test
    void factoriesAreReadThroughThePluginsBaseClassesAndAnUnknownBaseFails(@TempDir Path tmp) throws Exception {
        // the configurable factories derive from the plugin's ConfigurableSettingsNodeFactory
        assertTrue(types.of(TestflowWriter.GEOLOCATOR).configurable());
        assertTrue(types.of(TestflowWriter.GEOLOCATOR).inputs().get(2).optional());
        assertFalse(types.of(TestflowWriter.FINE_TUNER).configurable());
        Path plugin = tmp.resolve("plugin");
        Trees.copy(root.resolve("plugin"), plugin);
        Trees.replace(plugin.resolve("src/org/geocsp/knime/node/finetuner/FineTunerNodeFactory.java"),
                "extends SettingsNodeFactory<", "extends SomeOtherFactory<");
        Trees.replace(plugin.resolve("src/org/geocsp/knime/util/ConfigurableSettingsNodeFactory.java"),
                "extends ConfigurableNodeFactory<M>", "extends NodeFactory<M>");
        NodeTypes broken = new NodeTypes(plugin);
        assertProblem(broken.problems(), "FineTunerNodeFactory", "extends SomeOtherFactory",
                "neither a KNIME node factory nor a class of the plugin");
        // a configurable factory whose base is no longer configurable is read as a classic one and needs a model super(...)
        assertProblem(broken.problems(), "LocationPredictorNodeFactory");
    }

    @Test
    void aWrongValueTypeOrAnOutOfRangeValueFails(@TempDir Path tmp) throws Exception {
        Path wf = copyOf(tmp, "GeoCSP_ContrastivePretrainer");
        Trees.replace(wf.resolve("Contrastive Pretrainer (#4)/settings.xml"), "<entry key=\"epochs\" type=\"xint\" value=\"2\"/>",
                "<entry key=\"epochs\" type=\"xstring\" value=\"2\"/>");
        Trees.replace(wf.resolve("Contrastive Pretrainer (#5)/settings.xml"), "<entry key=\"objective\" type=\"xstring\" value=\"imgcontloss\"/>",
                "<entry key=\"objective\" type=\"xstring\" value=\"infonce\"/>");
        List<String> p = checker.check(wf);
        assertProblem(p, "Contrastive Pretrainer (#4)", "Epochs", "cannot be read");
        assertProblem(p, "Contrastive Pretrainer (#5)", "Objective", "infonce");
    }

    @Test
    void anIncompatibleConnectionFails(@TempDir Path tmp) throws Exception {
        Path wf = copyOf(tmp, "GeoCSP_LocationPredictor");
        // The model output of the Fine-Tuner (#4, port 1) into the data port (2) of the predictor #6.
        XmlConfig w = XmlConfig.read(wf.resolve("workflow.knime"));
        XmlConfig into6 = w.config("connections").configs().stream()
                .filter(c -> c.value("sourceID").equals("2") && c.value("destID").equals("6")).findFirst().orElseThrow();
        into6.putInt("sourceID", 4);
        w.write(wf.resolve("workflow.knime"));
        assertProblem(checker.check(wf), "joins GEOCSP_MODEL", "to TABLE", "Location Predictor (#6)");
    }

    @Test
    void anOptionalPortThatWasNotAddedCannotBeConnected(@TempDir Path tmp) throws Exception {
        Path wf = copyOf(tmp, "GeoCSP_ImageGeolocator");
        Path s = wf.resolve("Image Geolocator (#6)/settings.xml");
        XmlConfig x = XmlConfig.read(s);
        x.config("node_creation_config").config("Gallery").children().remove("port_0");
        x.write(s);
        assertProblem(checker.check(wf), "connection #7:1 -> #6:3", "has 2 input port(s)");
    }

    @Test
    void anUnknownWorkflowVariableFails(@TempDir Path tmp) throws Exception {
        Path wf = copyOf(tmp, "GeoCSP_EndToEnd");
        Trees.replace(wf.resolve("Fine-Tuner (#5)/settings.xml"), "value=\"finetune_epochs\"", "value=\"finetune_epoch\"");
        assertProblem(checker.check(wf), "Fine-Tuner (#5)", "'finetune_epoch'", "no workflow variable");
    }

    @Test
    void aCoreNodeWithAnUnknownKeyFails(@TempDir Path tmp) throws Exception {
        Path wf = copyOf(tmp, "GeoCSP_EndToEnd");
        Trees.replace(wf.resolve("Scorer (#7)/settings.xml"), "key=\"second\"", "key=\"second_column\"");
        List<String> p = checker.check(wf);
        assertProblem(p, "Scorer (#7)", "'second_column' is not a setting of", "AccuracyScorer2NodeFactory");
        assertProblem(p, "Scorer (#7)", "setting 'second'", "missing");
    }

    @Test
    void aMissingSettingsFileOrMisnamedFolderFails(@TempDir Path tmp) throws Exception {
        Path wf = copyOf(tmp, "GeoCSP_SamplePlaces");
        Files.move(wf.resolve("GeoCSP Sample Places (#5)"), wf.resolve("GeoCSP Sample Places (#6)"));
        assertProblem(checker.check(wf), "node #5", "does not exist");
    }

    // --- what KNIME itself writes ---

    static Path fixture(String kind, String workflow) {
        return root.resolve("delivery-check/src/test/resources/workflows").resolve(kind).resolve(workflow);
    }

    static long internalsConfigs(Path wf) throws Exception {
        long n = 0;
        for (WorkflowChecker.Node node : checker.read(wf, new ArrayList<>()).nodes().values()) {
            n += node.settings().config("model").configs().stream().filter(c -> c.key().endsWith("_Internals")).count();
        }
        return n;
    }

    @Test
    void aWorkflowSavedByKnimeAfterADialogOkPasses() throws Exception {
        // every GeoCSP setting with its settings model's _Internals config, empty columns as null strings
        Path wf = fixture("dialog-ok", "GeoCSP_EndToEnd");
        assertEquals(List.of(), checker.check(wf));
        assertTrue(internalsConfigs(wf) > 100, "the fixture holds the settings models' internals");
        assertTrue(Files.readString(wf.resolve("Location Predictor (#6)/settings.xml"))
                .contains("<entry key=\"image_probability_column\" type=\"xstring\" isnull=\"true\" value=\"\"/>"));
    }

    @Test
    void aWorkflowWithTheFlatSettingsOfEarlierVersionsStillPasses() throws Exception {
        Path wf = fixture("flat-settings", "GeoCSP_FineTuner");
        assertEquals(List.of(), checker.check(wf));
        assertEquals(0, internalsConfigs(wf));
    }

    private static Path copyOfFixture(Path tmp) throws Exception {
        Path wf = tmp.resolve("GeoCSP_EndToEnd");
        Trees.copy(fixture("dialog-ok", "GeoCSP_EndToEnd"), wf);
        return wf;
    }

    @Test
    void internalsOfAnotherSettingsModelOrOfNoSettingFail(@TempDir Path tmp) throws Exception {
        Path wf = copyOfFixture(tmp);
        Path ft = wf.resolve("Fine-Tuner (#5)/settings.xml");
        XmlConfig x = XmlConfig.read(ft);
        XmlConfig model = x.config("model");
        model.config("epochs_Internals").putString("SettingsModelID", "SMID_double");
        model.config("seed_Internals").putInt("extra", 1);
        model.addConfig("epoch_count_Internals").putString("SettingsModelID", "SMID_integer");
        model.addConfig("history");
        x.write(ft);
        List<String> p = checker.check(wf);
        assertProblem(p, "Fine-Tuner (#5)", "'Epochs' (key epochs) was saved by settings model SMID_double",
                "expected SMID_integer");
        assertProblem(p, "Fine-Tuner (#5)", "seed_Internals holds 'extra'");
        assertProblem(p, "Fine-Tuner (#5)", "'epoch_count_Internals' is a config");
        assertProblem(p, "Fine-Tuner (#5)", "'history' is a config");
        assertEquals(4, p.size(), p.toString());
    }

    @Test
    void theSeededFaultsOfFlatSettingsAreCaughtWithInternalsToo(@TempDir Path tmp) throws Exception {
        Path wf = copyOfFixture(tmp);
        Trees.replace(wf.resolve("Contrastive Pretrainer (#4)/settings.xml"),
                "<entry key=\"epochs\" type=\"xint\" value=\"2\"/>", "<entry key=\"epochs\" type=\"xstring\" value=\"2\"/>");
        Trees.replace(wf.resolve("Fine-Tuner (#5)/settings.xml"), "key=\"label_column\"", "key=\"label_col\"");
        List<String> p = checker.check(wf);
        assertProblem(p, "Contrastive Pretrainer (#4)", "Epochs", "cannot be read");
        assertProblem(p, "Fine-Tuner (#5)", "'label_col' is not a setting of", "FineTunerNodeFactory");
        assertProblem(p, "Fine-Tuner (#5)", "Label column", "missing");
    }

    @Test
    void nodesAreSavedConfiguredExceptThoseExpectedToFail() throws Exception {
        int idle = 0;
        for (Path d : WorkflowChecker.workflows(root.resolve("test-workflows"))) {
            WorkflowChecker.Workflow wf = checker.read(d, new ArrayList<>());
            Set<String> failing = new HashSet<>();
            for (WorkflowChecker.Node n : wf.nodes().values()) {
                if (n.type().factory().equals(NodeTypes.TEST_CONFIG)) {
                    n.settings().config("model").config("failingNodes").children().values().stream()
                            .filter(o -> o instanceof XmlConfig.Entry e && !e.key().equals("array-size"))
                            .forEach(o -> failing.add(((XmlConfig.Entry) o).value()));
                }
            }
            for (WorkflowChecker.Node n : wf.nodes().values()) {
                String expected = failing.contains(Integer.toString(n.id())) ? "IDLE" : "CONFIGURED";
                assertEquals(expected, n.settings().value("state"), d.getFileName() + " " + n.label());
                idle += expected.equals("IDLE") ? 1 : 0;
            }
        }
        assertEquals(2, idle, "only the Spatial Encoder and the Image Embedder with invalid settings stay IDLE");
    }

    @Test
    void everyGeoCspNodeIsInTheCatalog() {
        for (String f : types.geoCspFactories()) {
            assertTrue(NodeCatalog.of(f) != null, f);
        }
    }
}
