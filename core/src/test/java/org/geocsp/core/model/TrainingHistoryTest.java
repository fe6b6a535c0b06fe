package org.geocsp.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.geocsp.core.encode.EncoderSpec;
import org.geocsp.core.loss.Objective;
import org.geocsp.core.nn.StackSpec;
import org.junit.jupiter.api.Test;

class TrainingHistoryTest {

    private static final ModelSpec SPEC = ModelSpec.of(EncoderSpec.of("gridcell"), StackSpec.csp());

    static List<EpochStats> twoEpochs() {
        Map<String, Double> second = new LinkedHashMap<>();
        second.put("L_B", 1.0);
        second.put("L_L", 0.5);
        return List.of(new EpochStats(1, 2.5, Map.of("L_B", 2.0), Double.NaN, Double.NaN, 0.01, 100, 1.5, true),
                new EpochStats(2, 1.5, second, 1.25, 0.75, 0.005, 120, 1.25, false));
    }

    @Test
    void epochsBecomeRowsWithFlattenedColumnsAndNaN() {
        ModelSpec s = SPEC.withProvenance(Provenance.NONE.withPretraining(
                new PretrainingRecord(Objective.CONTSOFTMAX, "COMPLETED", 1, twoEpochs())));
        TrainingHistory.Table t = TrainingHistory.of(s, ModelStage.PRETRAINED);
        assertEquals(List.of("epoch", "trainLoss", "trainTerms.L_B", "validationLoss", "validationMetric",
                "learningRate", "samplesPerSecond", "seconds", "best", "trainTerms.L_L"), t.columns());
        assertEquals(2, t.rows().size());
        assertArrayEquals(new Object[] {1.0, 2.5, 2.0, Double.NaN, Double.NaN, 0.01, 100.0, 1.5, true, null},
                t.rows().get(0), "a term the epoch did not compute is null");
        assertArrayEquals(new Object[] {2.0, 1.5, 1.0, 1.25, 0.75, 0.005, 120.0, 1.25, false, 0.5}, t.rows().get(1));
        assertEquals(0, TrainingHistory.of(s, ModelStage.FINETUNED).rows().size());
        assertEquals(0, TrainingHistory.of(SPEC, ModelStage.PRETRAINED).rows().size());
    }
}
