package org.geocsp.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.geocsp.core.encode.EncoderSpec;
import org.geocsp.core.nn.StackSpec;
import org.junit.jupiter.api.Test;

class TrainingHistoryTest {

    private static final ModelSpec SPEC = ModelSpec.of(EncoderSpec.of("gridcell"), StackSpec.csp());

    @Test
    void epochsBecomeRowsWithFlattenedColumnsAndNaN() {
        String json = "[{\"epoch\":1,\"trainLoss\":2.5,\"validationLoss\":NaN,\"trainTerms\":{\"L_B\":2.0},\"best\":true},"
                + "{\"epoch\":2,\"trainLoss\":1.5,\"validationLoss\":1.25,\"trainTerms\":{\"L_B\":1.0,\"L_L\":0.5}}]";
        TrainingHistory.Table t = TrainingHistory.of(SPEC.withMetadata("pretrain.history", json), "pretrain.history");
        assertEquals(List.of("epoch", "trainLoss", "validationLoss", "trainTerms.L_B", "best", "trainTerms.L_L"),
                t.columns());
        assertEquals(2, t.rows().size());
        assertTrue(Double.isNaN((Double) t.rows().get(0)[2]));
        assertEquals(true, t.rows().get(0)[4]);
        assertEquals(0.5, t.rows().get(1)[5]);
        assertEquals(null, t.rows().get(0)[5], "a term the epoch did not compute");
        assertEquals(0, TrainingHistory.of(SPEC, "finetune.history").rows().size());
    }
}
