package org.geocsp.core.train;

import org.geocsp.core.model.EpochStats;
import org.geocsp.core.table.ColumnInfo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.geocsp.core.loss.Objective;
import org.junit.jupiter.api.Test;

/** The statistics table's columns follow the objective; rows map NaN and absent terms to missing values. */
class StatisticsTableTest {

    private static List<String> names(StatisticsTable t) {
        return t.columns().stream().map(ColumnInfo::name).toList();
    }

    @Test
    void columnsPerObjective() {
        assertEquals(List.of("epoch", "train loss", "train L_B", "train L_L", "train L_D", "validation loss",
                "validation retrieval top-1", "learning rate", "samples/s", "seconds", "best so far"),
                names(StatisticsTable.forPretraining(Objective.CONTSOFTMAX)));
        assertEquals(List.of("L_B"), StatisticsTable.forPretraining(Objective.IMGCONTLOSSNOLOCNEG).terms());
        assertEquals(List.of("L_B", "L_L"), StatisticsTable.forPretraining(Objective.IMGCONTLOSS).terms());
        assertEquals(List.of("MSE"), StatisticsTable.forPretraining(Objective.L2REGRESS).terms());
        assertEquals(List.of("epoch", "train loss", "train L_obs", "train L_rand", "validation loss",
                "validation top-1 accuracy", "learning rate", "samples/s", "seconds", "best so far"),
                names(StatisticsTable.forFineTuning(FineTuneSettings.LossKind.PRESENCE_ABSENCE)));
        assertEquals(List.of("CE"), StatisticsTable.forFineTuning(FineTuneSettings.LossKind.SOFTMAX).terms());
    }

    @Test
    void rowsHoldTheEpochsValuesWithNullForMissing() {
        StatisticsTable t = StatisticsTable.forPretraining(Objective.CONTSOFTMAX);
        EpochStats s = new EpochStats(3, 4.5, Map.of("L_B", 2.0, "L_D", 0.5), Double.NaN, Double.NaN, 1e-3, 800.0,
                12.5, true);
        assertArrayEquals(new Object[] {3, 4.5, 2.0, null, 0.5, null, null, 1e-3, 800.0, 12.5, true}, t.row(s));
        assertEquals(t.columns().size(), t.row(s).length);
    }
}
