package org.geocsp.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.geocsp.core.encode.EncoderSpec;
import org.geocsp.core.nn.Activation;
import org.geocsp.core.nn.StackSpec;
import org.junit.jupiter.api.Test;

/** The one description of a model: a summary line and ordered (label, value) rows. */
class ModelSummaryTest {

    private static final ModelSpec SPEC = ModelSpec.of(EncoderSpec.of("gridcell").withFrequencyNum(16),
            StackSpec.csp().withHiddenDim(64).withOutputDim(32).withActivation(Activation.parse("relu")))
            .withImageDim(128, List.of()).withClassLabels(List.of("FR", "DE", "IT")).withStage(ModelStage.FINETUNED);

    private static Map<String, String> byLabel(List<ModelSummary.Row> rows) {
        Map<String, String> m = new LinkedHashMap<>();
        for (ModelSummary.Row r : rows) {
            assertEquals(null, m.put(r.label(), r.value()), "label " + r.label() + " appears twice");
        }
        return m;
    }

    @Test
    void oneLineSaysWhatIsKnown() {
        assertEquals("Space2Vec-grid + FFN, 32-d embedding, FINETUNED, image width 128, 3 classes",
                ModelSummary.oneLine(SPEC, true, true));
        assertEquals("Space2Vec-grid + FFN, 32-d embedding, FINETUNED, image width known after execution, classes"
                + " known after execution", ModelSummary.oneLine(SPEC, false, false));
        assertEquals("Space2Vec-grid + FFN, 32-d embedding, FINETUNED, image width 128, 3 classes, image classifier"
                + " (width 64)", ModelSummary.oneLine(SPEC.withImageClassifier(64), true, true));
    }

    @Test
    void rowsDescribeEncoderStackWidthsAndClassesInOrder() {
        List<ModelSummary.Row> rows = ModelSummary.rows(SPEC);
        assertEquals(List.of("stage", "position encoder", "frequency_num / min_radius / max_radius / freq_init",
                "legendre_polys / kernel_size / num_anchors / tile_size", "encoder seed", "network",
                "embedding dimension", "image-embedding width", "classes", "image classifier", "model file format"),
                rows.stream().map(ModelSummary.Row::label).toList());
        Map<String, String> m = byLabel(rows);
        EncoderSpec e = SPEC.encoder();
        assertEquals("FINETUNED", m.get("stage"));
        assertEquals("Space2Vec-grid", m.get("position encoder"));
        assertTrue(m.get("frequency_num / min_radius / max_radius / freq_init").startsWith("16 / " + e.minRadius()
                + " / " + e.maxRadius() + " / "), m.toString());
        assertEquals("FFN, 1 hidden layer(s) of 64, relu, dropout 0.5, layer norm, skip connections", m.get("network"));
        assertEquals("32", m.get("embedding dimension"));
        assertEquals("128", m.get("image-embedding width"));
        assertEquals("3: FR, DE, IT", m.get("classes"));
        assertTrue(m.get("image classifier").startsWith("none"), m.get("image classifier"));
        assertEquals(Integer.toString(ModelSpec.FORMAT_VERSION), m.get("model file format"));
        assertEquals("P(class | image) on image embeddings of width 64",
                byLabel(ModelSummary.rows(SPEC.withImageClassifier(64))).get("image classifier"));
    }

    @Test
    void unknownWidthsAndManyClassesAreSaidSo() {
        Map<String, String> unknown = byLabel(ModelSummary.rows(SPEC, false, false));
        assertEquals("known after execution", unknown.get("image-embedding width"));
        assertEquals("known after execution", unknown.get("classes"));
        List<String> many = new ArrayList<>(IntStream.range(0, 25).mapToObj(i -> "c" + i).toList());
        Map<String, String> m = byLabel(ModelSummary.rows(SPEC.withClassLabels(many)));
        assertEquals("25: " + String.join(", ", many.subList(0, 20)) + ", ...", m.get("classes"));
        Map<String, String> none = byLabel(ModelSummary.rows(ModelSpec.of(EncoderSpec.of("gridcell"), StackSpec.csp())));
        assertEquals("none (no image projection yet)", none.get("image-embedding width"));
        assertEquals("none (no class head)", none.get("classes"));
    }

    @Test
    void provenanceAndMetadataFollowButNotHistories() {
        List<EpochStats> history = List.of(new EpochStats(1, 2.5, Map.of("L_B", 2.0), 1.0, 0.5, 0.01, 100, 1.5, true));
        ModelSpec s = SPEC.withProvenance(Provenance.NONE.withFineTuning(new FineTuningRecord("softmax", 0.5, 12, false,
                null, "COMPLETED", 2, history))).withMetadata("user.note", "zürich");
        List<ModelSummary.Row> rows = ModelSummary.rows(s);
        Map<String, String> m = byLabel(rows);
        assertEquals("softmax", m.get("fine-tuning loss"));
        assertEquals("2", m.get("fine-tuning kept epoch"));
        assertEquals("12", m.get("fine-tuning labelled rows"));
        assertEquals(new ModelSummary.Row("user.note", "zürich"), rows.get(rows.size() - 1));
        assertTrue(rows.stream().noneMatch(r -> r.label().contains("history") || r.value().contains("L_B")),
                rows.toString());
    }
}
