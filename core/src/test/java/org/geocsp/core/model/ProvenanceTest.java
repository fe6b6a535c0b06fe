package org.geocsp.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.geocsp.core.encode.EncoderSpec;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.loss.Objective;
import org.geocsp.core.nn.StackSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The typed provenance in model.json, and model descriptions of format 1 (string keys) read into it. */
class ProvenanceTest {

    private static final ModelSpec SPEC = ModelSpec.of(EncoderSpec.of("gridcell"), StackSpec.csp())
            .withClassLabels(List.of("FR", "DE")).withStage(ModelStage.FINETUNED);

    @Test
    void typedProvenanceRoundTripsThroughJson() throws Exception {
        Provenance p = new Provenance(
                new PretrainingRecord(Objective.L2REGRESS, "EARLY_STOPPED", 3, TrainingHistoryTest.twoEpochs()),
                new FineTuningRecord("softmax", 0.05, 40, true, 1.75, "COMPLETED", 2, TrainingHistoryTest.twoEpochs()));
        ModelSpec s = SPEC.withProvenance(p).withMetadata("note", "kept");
        String json = s.toJson();
        assertTrue(json.contains("\"objective\": \"L2REGRESS\""), json);
        assertFalse(json.contains("pretrain.objective"), json);
        ModelSpec back = ModelSpec.fromJson(json);
        assertEquals(ModelSpec.FORMAT_VERSION, back.formatVersion());
        assertEquals(Map.of("note", "kept"), back.metadata());
        assertEquals(p.pretraining().objective(), back.provenance().pretraining().objective());
        assertEquals(3, back.provenance().pretraining().keptEpoch());
        assertEquals(1.75, back.provenance().fineTuning().imageTemperature());
        assertEquals(40, back.provenance().fineTuning().labelledRows());
        assertTrue(back.provenance().fineTunedWithSoftmax());
        assertTrue(back.provenance().pretrainedWith(Objective.L2REGRESS));
        assertEquals(2, back.provenance().fineTuning().history().size());
        assertTrue(Double.isNaN(back.provenance().fineTuning().history().get(0).validationLoss()));
        assertEquals(0.75, back.provenance().fineTuning().history().get(1).validationMetric());
        assertEquals(Map.of("L_B", 1.0, "L_L", 0.5), back.provenance().pretraining().history().get(1).trainTerms());
    }

    @Test
    void anUntrainedModelHasNoProvenance() throws Exception {
        ModelSpec back = ModelSpec.fromJson(ModelSpec.of(EncoderSpec.of("gridcell"), StackSpec.csp()).toJson());
        assertEquals(Provenance.NONE, back.provenance());
        assertFalse(back.provenance().fineTunedWithSoftmax());
        assertEquals(Map.of(), back.provenance().summary());
    }

    @Test
    void anUnknownLossIsRefused() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new FineTuningRecord("hinge", 1, 1, false, null, "COMPLETED", 0, List.of()));
        assertTrue(e.getMessage().contains("'hinge'"), e.getMessage());
    }

    /** A model.json as GeoCSP wrote it before the typed provenance (format version 1). */
    static String formatOneJson() {
        String v2 = SPEC.toJson();
        String meta = "\"metadata\": {\n"
                + "    \"pretrain.objective\": \"l2regress\",\n"
                + "    \"pretrain.status\": \"COMPLETED\",\n"
                + "    \"pretrain.kept_epoch\": \"2\",\n"
                + "    \"pretrain.history\": \"[{\\\"epoch\\\":1,\\\"trainLoss\\\":2.5,\\\"trainTerms\\\":{\\\"L_B\\\":2.0},"
                + "\\\"validationLoss\\\":NaN,\\\"validationMetric\\\":NaN,\\\"learningRate\\\":0.01,"
                + "\\\"samplesPerSecond\\\":100.0,\\\"seconds\\\":1.5,\\\"best\\\":true}]\",\n"
                + "    \"finetune.image_temperature\": \"not calibrated (no validation rows)\",\n"
                + "    \"finetune.loss\": \"softmax\",\n"
                + "    \"finetune.label_ratio\": \"0.05\",\n"
                + "    \"finetune.labelled_rows\": \"40\",\n"
                + "    \"finetune.image_classifier\": \"true\",\n"
                + "    \"finetune.status\": \"EARLY_STOPPED\",\n"
                + "    \"finetune.kept_epoch\": \"3\",\n"
                + "    \"finetune.history\": \"[]\",\n"
                + "    \"user.note\": \"kept\"\n"
                + "  }";
        String json = v2.replaceFirst("\"formatVersion\": " + ModelSpec.FORMAT_VERSION, "\"formatVersion\": 1")
                .replaceFirst("\"provenance\": \\{\\},?", "").replace("\"metadata\": {}", meta);
        assertTrue(json.contains("\"formatVersion\": 1") && json.contains("user.note") && !json.contains("provenance"),
                json);
        return json;
    }

    @Test
    void formatOneStringKeysAreReadIntoTheTypedProvenance() throws Exception {
        ModelSpec s = ModelSpec.fromJson(formatOneJson());
        assertEquals(1, s.formatVersion());
        PretrainingRecord pre = s.provenance().pretraining();
        assertEquals(Objective.L2REGRESS, pre.objective());
        assertEquals("COMPLETED", pre.status());
        assertEquals(2, pre.keptEpoch());
        assertEquals(1, pre.history().size());
        assertEquals(2.5, pre.history().get(0).trainLoss());
        assertTrue(Double.isNaN(pre.history().get(0).validationLoss()));
        FineTuningRecord f = s.provenance().fineTuning();
        assertEquals("softmax", f.loss());
        assertTrue(f.softmaxLoss());
        assertEquals(0.05, f.labelRatio());
        assertEquals(40, f.labelledRows());
        assertTrue(f.imageClassifier());
        assertNull(f.imageTemperature());
        assertEquals("EARLY_STOPPED", f.status());
        assertEquals(3, f.keptEpoch());
        assertEquals(List.of(), f.history());
        assertEquals(Map.of("user.note", "kept"), s.metadata(), "keys that are not training facts stay");
        assertEquals("not calibrated (no validation rows)", s.provenance().summary().get("image classifier temperature"));
    }

    @Test
    void formatOneEntriesThatCannotBeReadStayInTheMetadata() throws Exception {
        String json = formatOneJson().replace("\"finetune.loss\": \"softmax\"", "\"finetune.loss\": \"hinge\"")
                .replace("\"pretrain.kept_epoch\": \"2\"", "\"pretrain.kept_epoch\": \"two\"");
        ModelSpec s = ModelSpec.fromJson(json);
        assertNull(s.provenance().fineTuning());
        assertEquals("hinge", s.metadata().get("finetune.loss"));
        assertEquals("40", s.metadata().get("finetune.labelled_rows"));
        assertEquals(Objective.L2REGRESS, s.provenance().pretraining().objective());
        assertEquals("two", s.metadata().get("pretrain.kept_epoch"));
    }

    @Test
    void aFormatOneModelFileLoadsWithItsProvenanceAndParameters(@TempDir Path dir) throws Exception {
        Path current = dir.resolve("current.geocsp");
        Path old = dir.resolve("old.geocsp");
        try (GeoModel a = GeoModel.create(SPEC, 3)) {
            ModelFile.save(a, current);
            // the same file with the model description as format 1 wrote it (the parameters' SHA-256 kept)
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(current));
                    ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(old))) {
                for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                    byte[] b = in.readAllBytes();
                    if (e.getName().equals(ModelFile.SPEC_ENTRY)) {
                        com.google.gson.JsonObject o = com.google.gson.JsonParser.parseString(formatOneJson())
                                .getAsJsonObject();
                        o.add(ModelFile.PARAMETERS_SHA256, com.google.gson.JsonParser.parseString(
                                new String(b, StandardCharsets.UTF_8)).getAsJsonObject().get(ModelFile.PARAMETERS_SHA256));
                        b = o.toString().getBytes(StandardCharsets.UTF_8);
                    }
                    out.putNextEntry(new ZipEntry(e.getName()));
                    out.write(b);
                    out.closeEntry();
                }
            }
            try (GeoModel b = ModelFile.load(old, Device.cpu())) {
                assertEquals(1, b.spec().formatVersion());
                assertTrue(b.spec().provenance().fineTunedWithSoftmax());
                assertEquals(Objective.L2REGRESS, b.spec().provenance().pretraining().objective());
                ModelFileTest.assertSameParameters(a, b);
                // saving it again writes the current format with the typed form
                Path again = dir.resolve("again.geocsp");
                ModelFile.save(b, again);
                ModelSpec s = ModelFile.readSpec(again);
                assertEquals(ModelSpec.FORMAT_VERSION, s.formatVersion());
                assertEquals(b.spec().provenance(), s.provenance());
                assertEquals(Map.of("user.note", "kept"), s.metadata());
            }
        }
    }
}
