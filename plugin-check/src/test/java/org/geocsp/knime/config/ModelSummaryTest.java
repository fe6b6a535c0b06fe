package org.geocsp.knime.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.geocsp.core.encode.EncoderSpec;
import org.geocsp.core.loss.Objective;
import org.geocsp.core.model.EpochStats;
import org.geocsp.core.model.FineTuningRecord;
import org.geocsp.core.model.ModelSpec;
import org.geocsp.core.model.ModelStage;
import org.geocsp.core.model.PretrainingRecord;
import org.geocsp.core.model.Provenance;
import org.geocsp.core.nn.StackSpec;
import org.junit.jupiter.api.Test;

/** The texts and tables of the model port's summary and view. */
class ModelSummaryTest {

    private static final ModelSpec SPEC = ModelSpec.of(EncoderSpec.of("gridcell"), StackSpec.csp())
            .withImageDim(128, List.of()).withClassLabels(List.of("FR", "DE", "IT")).withStage(ModelStage.FINETUNED);

    private static final List<EpochStats> HISTORY = List.of(
            new EpochStats(1, 2.5, Map.of("L_B", 2.0), Double.NaN, Double.NaN, 0.01, 100, 1.5, true),
            new EpochStats(2, 2.0, twoTerms(), 1.0, 0.5,
                    0.005, 120, 1.25, false));

    private static Map<String, Double> twoTerms() {
        Map<String, Double> m = new java.util.LinkedHashMap<>();
        m.put("L_B", 1.5);
        m.put("L_L", 0.5);
        return m;
    }

    @Test
    void oneLineSaysWhatIsKnown() {
        assertEquals("Space2Vec-grid + FFN, 256-d embedding, FINETUNED, image width 128, 3 classes",
                ModelSummary.oneLine(SPEC, true, true));
        assertEquals("Space2Vec-grid + FFN, 256-d embedding, FINETUNED, image width known after execution, classes"
                + " known after execution", ModelSummary.oneLine(SPEC, false, false));
        assertEquals("Space2Vec-grid + FFN, 256-d embedding, FINETUNED, image width 128, 3 classes, image classifier"
                + " (width 64)", ModelSummary.oneLine(SPEC.withImageClassifier(64), true, true));
    }

    @Test
    void architectureListsLabelsAndMetadataButNotHistories() {
        ModelSpec s = SPEC.withProvenance(Provenance.NONE.withFineTuning(new FineTuningRecord("softmax", 0.5, 12, false,
                null, "COMPLETED", 2, HISTORY))).withMetadata("user.note", "zürich");
        ModelSummary.Table t = ModelSummary.architecture(s, true, true);
        assertEquals(List.of("property", "value"), t.columns());
        assertTrue(t.rows().stream().anyMatch(r -> r[0].equals("classes") && r[1].equals("3: FR, DE, IT")));
        assertTrue(t.rows().stream().anyMatch(r -> r[0].equals("fine-tuning loss") && r[1].equals("softmax")));
        assertTrue(t.rows().stream().anyMatch(r -> r[0].equals("fine-tuning kept epoch") && r[1].equals("2")));
        assertTrue(t.rows().stream().anyMatch(r -> r[0].equals("user.note") && r[1].equals("zürich")));
        assertTrue(t.rows().stream().noneMatch(r -> r[0].toString().contains("history")));
        assertTrue(t.rows().stream().anyMatch(r -> r[0].equals("image classifier") && r[1].toString().startsWith("none")));
        assertTrue(ModelSummary.architecture(s.withImageClassifier(64), true, true).rows().stream().anyMatch(
                r -> r[0].equals("image classifier") && r[1].equals("P(class | image) on image embeddings of width 64")));
    }

    @Test
    void historyIsReadFromTheProvenanceIncludingNaN() {
        ModelSpec s = SPEC.withProvenance(Provenance.NONE.withPretraining(
                new PretrainingRecord(Objective.CONTSOFTMAX, "COMPLETED", 1, HISTORY)));
        ModelSummary.Table t = ModelSummary.history(s, ModelStage.PRETRAINED);
        assertEquals(List.of("epoch", "trainLoss", "trainTerms.L_B", "validationLoss", "validationMetric",
                "learningRate", "samplesPerSecond", "seconds", "best", "trainTerms.L_L"), t.columns());
        assertEquals(2, t.rows().size());
        assertArrayEquals(new Object[] {1.0, 2.5, 2.0, Double.NaN, Double.NaN, 0.01, 100.0, 1.5, true, null},
                t.rows().get(0));
        assertArrayEquals(new Object[] {2.0, 2.0, 1.5, 1.0, 0.5, 0.005, 120.0, 1.25, false, 0.5}, t.rows().get(1));
        assertEquals(0, ModelSummary.history(s, ModelStage.FINETUNED).rows().size());
    }
}
