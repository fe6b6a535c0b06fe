package org.geocsp.knime.util;

import java.util.List;
import org.geocsp.core.model.EpochStats;
import org.geocsp.core.train.StatisticsTable;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.RowKey;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;

/** Writes the per-epoch statistics table of the training nodes. */
public final class StatisticsTables {

    private StatisticsTables() {}

    public static DataTableSpec spec(final StatisticsTable t) {
        return TableSpecs.create(t.columns());
    }

    /** One row per epoch, keys "Epoch 1", "Epoch 2", .... */
    public static BufferedDataTable write(final StatisticsTable t, final List<EpochStats> history,
        final ExecutionContext exec) {
        BufferedDataContainer c = exec.createDataContainer(spec(t));
        try {
            for (EpochStats s : history) {
                c.addRowToTable(new DefaultRow(new RowKey("Epoch " + s.epoch()), TableSpecs.cells(t.columns(), t.row(s))));
            }
        } finally {
            c.close();
        }
        return c.getTable();
    }
}
