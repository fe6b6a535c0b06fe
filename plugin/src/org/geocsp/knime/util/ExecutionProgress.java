package org.geocsp.knime.util;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.geocsp.core.model.EpochStats;
import org.geocsp.core.train.StepProgress;
import org.geocsp.core.train.TrainingListener;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.NodeLogger;

/**
 * Bridges core's {@link TrainingListener} to a KNIME {@link ExecutionMonitor}: progress with epoch,
 * step, loss, throughput and ETA after every step, and cancellation (core polls before every step,
 * so a cancel takes effect within one step).
 */
public final class ExecutionProgress implements TrainingListener {

    private final ExecutionMonitor m_exec;
    private final NodeLogger m_logger;
    private final List<EpochStats> m_epochs = new ArrayList<>();
    private final List<String> m_messages = new ArrayList<>();

    public ExecutionProgress(final ExecutionMonitor exec, final NodeLogger logger) {
        m_exec = exec;
        m_logger = logger;
    }

    @Override
    public void onStep(final StepProgress p) {
        m_exec.setProgress(p.fractionDone(), () -> String.format(Locale.ROOT,
            "epoch %d/%d, step %d/%d, loss %.4f, %.0f samples/s, ETA %s", p.epoch() + 1, p.epochs(), p.step() + 1,
            p.stepsPerEpoch(), p.loss(), p.samplesPerSecond(), eta(p.etaSeconds())));
    }

    @Override
    public synchronized void onEpoch(final EpochStats stats) {
        m_epochs.add(stats);
        m_logger.info(String.format(Locale.ROOT, "epoch %d: train loss %.5f, validation loss %.5f, metric %.4f",
            stats.epoch(), stats.trainLoss(), stats.validationLoss(), stats.validationMetric()));
    }

    @Override
    public synchronized void onMessage(final String message) {
        m_messages.add(message);
        m_logger.info(message);
    }

    @Override
    public boolean isCancelled() {
        try {
            m_exec.checkCanceled();
            return false;
        } catch (CanceledExecutionException e) {
            return true;
        }
    }

    /** The epochs reported so far. */
    public synchronized List<EpochStats> epochs() {
        return List.copyOf(m_epochs);
    }

    /** The messages reported so far. */
    public synchronized List<String> messages() {
        return List.copyOf(m_messages);
    }

    /** Seconds as "1 h 02 min", "3 min 05 s" or "12 s". */
    static String eta(final double seconds) {
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            return "unknown";
        }
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
        }
        if (s >= 60) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return s + " s";
    }
}
