package org.geocsp.core.train;

import org.geocsp.core.model.EpochStats;
import org.geocsp.core.table.ColumnType;
import org.geocsp.core.table.ColumnInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.geocsp.core.loss.LossTerms;
import org.geocsp.core.loss.Objective;

/**
 * The per-epoch statistics table of a training run (the KNIME training nodes' second output):
 * its columns (known at configure time from
 * the objective or loss) and its rows built from core's {@link EpochStats}. Missing values (no
 * validation split, a loss term the epoch did not compute) are null.
 */
public final class StatisticsTable {

    public static final String COL_EPOCH = "epoch";
    public static final String COL_TRAIN_LOSS = "train loss";
    public static final String TERM_PREFIX = "train ";
    public static final String COL_VALIDATION_LOSS = "validation loss";
    public static final String COL_RETRIEVAL_TOP1 = "validation retrieval top-1";
    public static final String COL_ACCURACY_TOP1 = "validation top-1 accuracy";
    public static final String COL_LEARNING_RATE = "learning rate";
    public static final String COL_SAMPLES_PER_SECOND = "samples/s";
    public static final String COL_SECONDS = "seconds";
    public static final String COL_BEST = "best so far";

    private final List<String> terms;
    private final String metricColumn;

    private StatisticsTable(List<String> terms, String metricColumn) {
        this.terms = List.copyOf(terms);
        this.metricColumn = metricColumn;
    }

    /** The table of a pre-training run: the objective's loss terms and retrieval top-1. */
    public static StatisticsTable forPretraining(Objective objective) {
        List<String> t = new ArrayList<>();
        if (objective == Objective.L2REGRESS) {
            t.add(LossTerms.MSE);
        } else {
            t.add(LossTerms.L_B);
            if (objective.usesRandomLocations()) {
                t.add(LossTerms.L_L);
            }
            if (objective.usesSecondDropoutPass()) {
                t.add(LossTerms.L_D);
            }
        }
        return new StatisticsTable(t, COL_RETRIEVAL_TOP1);
    }

    /** The table of a fine-tuning run: the loss's terms and top-1 accuracy. */
    public static StatisticsTable forFineTuning(FineTuneSettings.LossKind loss) {
        return forFineTuning(loss, false);
    }

    /** Fine-tuning statistics; with an image classifier its term L_img gets a column too. */
    public static StatisticsTable forFineTuning(FineTuneSettings.LossKind loss, boolean imageClassifier) {
        List<String> t = new ArrayList<>(loss == FineTuneSettings.LossKind.SOFTMAX ? List.of(LossTerms.CE)
                : List.of(LossTerms.L_OBS, LossTerms.L_RAND));
        if (imageClassifier) {
            t.add(LossTerms.L_IMG);
        }
        return new StatisticsTable(t, COL_ACCURACY_TOP1);
    }

    /** The loss-term names that get a column. */
    public List<String> terms() {
        return terms;
    }

    /** The columns, in order. */
    public List<ColumnInfo> columns() {
        List<ColumnInfo> c = new ArrayList<>();
        c.add(ColumnInfo.of(COL_EPOCH, ColumnType.INT));
        c.add(ColumnInfo.of(COL_TRAIN_LOSS, ColumnType.DOUBLE));
        for (String t : terms) {
            c.add(ColumnInfo.of(TERM_PREFIX + t, ColumnType.DOUBLE));
        }
        c.add(ColumnInfo.of(COL_VALIDATION_LOSS, ColumnType.DOUBLE));
        c.add(ColumnInfo.of(metricColumn, ColumnType.DOUBLE));
        c.add(ColumnInfo.of(COL_LEARNING_RATE, ColumnType.DOUBLE));
        c.add(ColumnInfo.of(COL_SAMPLES_PER_SECOND, ColumnType.DOUBLE));
        c.add(ColumnInfo.of(COL_SECONDS, ColumnType.DOUBLE));
        c.add(ColumnInfo.of(COL_BEST, ColumnType.BOOLEAN));
        return c;
    }

    /** One row: Integer, Double (null for NaN or an absent term) and Boolean values in column order. */
    public Object[] row(EpochStats s) {
        List<Object> r = new ArrayList<>();
        r.add(s.epoch());
        r.add(num(s.trainLoss()));
        Map<String, Double> tt = s.trainTerms();
        for (String t : terms) {
            Double v = tt == null ? null : tt.get(t);
            r.add(v == null ? null : num(v));
        }
        r.add(num(s.validationLoss()));
        r.add(num(s.validationMetric()));
        r.add(num(s.learningRate()));
        r.add(num(s.samplesPerSecond()));
        r.add(num(s.seconds()));
        r.add(s.best());
        return r.toArray();
    }

    private static Double num(double d) {
        return Double.isNaN(d) ? null : d;
    }
}
