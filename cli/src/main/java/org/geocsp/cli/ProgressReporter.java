package org.geocsp.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.geocsp.core.model.EpochStats;
import org.geocsp.core.train.StepProgress;
import org.geocsp.core.train.TrainingListener;

/** A terminal progress bar for training commands, plus one line per epoch on stderr. */
final class ProgressReporter implements TrainingListener, AutoCloseable {

    private final String task;
    private final PrintStream out;
    private ProgressBar bar;

    ProgressReporter(String task) {
        this.task = task;
        this.out = System.err;
    }

    @Override
    public void onStep(StepProgress p) {
        long total = p.epochs() * p.stepsPerEpoch();
        if (bar == null) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(out)).setUpdateIntervalMillis(250)
                    .continuousUpdate().build();
        }
        bar.stepTo(Math.min(total, p.epoch() * p.stepsPerEpoch() + p.step() + 1));
        bar.setExtraMessage(String.format(Locale.ROOT, " epoch %d/%d loss %.4f %.0f samples/s", p.epoch() + 1, p.epochs(),
                p.loss(), p.samplesPerSecond()));
    }

    @Override
    public void onEpoch(EpochStats s) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "epoch %d: loss %.4f", s.epoch(), s.trainLoss()));
        for (Map.Entry<String, Double> e : s.trainTerms().entrySet()) {
            sb.append(String.format(Locale.ROOT, " %s %.4f", e.getKey(), e.getValue()));
        }
        if (!Double.isNaN(s.validationLoss())) {
            sb.append(String.format(Locale.ROOT, " | validation loss %.4f metric %.4f%s", s.validationLoss(),
                    s.validationMetric(), s.best() ? " (best)" : ""));
        }
        sb.append(String.format(Locale.ROOT, " | %.0f samples/s, %.1f s", s.samplesPerSecond(), s.seconds()));
        if (bar != null) {
            bar.pause();
        }
        out.println();
        out.println(sb);
        if (bar != null) {
            bar.resume();
        }
    }

    @Override
    public void onMessage(String message) {
        out.println();
        out.println(task + ": " + message);
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
