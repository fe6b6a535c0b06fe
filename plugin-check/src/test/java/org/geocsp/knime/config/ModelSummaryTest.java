package org.geocsp.knime.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.geocsp.core.encode.EncoderSpec;
import org.geocsp.core.model.ModelSpec;
import org.geocsp.core.model.ModelStage;
import org.geocsp.core.nn.StackSpec;
import org.junit.jupiter.api.Test;

/** The texts and tables of the model port's summary and view. */
class ModelSummaryTest {

    private static final ModelSpec SPEC = ModelSpec.of(EncoderSpec.of("gridcell"), StackSpec.csp())
            .withImageDim(128, List.of()).withClassLabels(List.of("FR", "DE", "IT")).withStage(ModelStage.FINETUNED);

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
        ModelSpec s = SPEC.withMetadata("finetune.loss", "softmax").withMetadata("finetune.history", "[]");
        ModelSummary.Table t = ModelSummary.architecture(s, true, true);
        assertEquals(List.of("property", "value"), t.columns());
        assertTrue(t.rows().stream().anyMatch(r -> r[0].equals("classes") && r[1].equals("3: FR, DE, IT")));
        assertTrue(t.rows().stream().anyMatch(r -> r[0].equals("finetune.loss") && r[1].equals("softmax")));
        assertTrue(t.rows().stream().noneMatch(r -> r[0].equals("finetune.history")));
        assertTrue(t.rows().stream().anyMatch(r -> r[0].equals("image classifier") && r[1].toString().startsWith("none")));
        assertTrue(ModelSummary.architecture(s.withImageClassifier(64), true, true).rows().stream().anyMatch(
                r -> r[0].equals("image classifier") && r[1].equals("P(class | image) on image embeddings of width 64")));
    }

    @Test
    void historyIsReadFromTheMetadataIncludingNaN() {
        String json = "[{\"epoch\":1,\"trainLoss\":2.5,\"trainTerms\":{\"L_B\":2.0},\"validationLoss\":NaN,"
                + "\"best\":true},{\"epoch\":2,\"trainLoss\":2.0,\"trainTerms\":{\"L_B\":1.5,\"L_L\":0.5},"
                + "\"validationLoss\":1.0,\"best\":false}]";
        ModelSummary.Table t = ModelSummary.history(SPEC.withMetadata("pretrain.history", json), "pretrain.history");
        assertEquals(List.of("epoch", "trainLoss", "trainTerms.L_B", "validationLoss", "best", "trainTerms.L_L"),
                t.columns());
        assertEquals(2, t.rows().size());
        assertArrayEquals(new Object[] {1.0, 2.5, 2.0, Double.NaN, true, null}, t.rows().get(0));
        assertArrayEquals(new Object[] {2.0, 2.0, 1.5, 1.0, false, 0.5}, t.rows().get(1));
        assertEquals(0, ModelSummary.history(SPEC, "finetune.history").rows().size());
    }
}
