package org.geocsp.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A terminal progress bar over the rows of a streamed input whose length is not known up front. */
final class RowProgress implements AutoCloseable {

    private final ProgressBar bar;

    RowProgress(String task) {
        bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(-1).setStyle(ProgressBarStyle.ASCII)
                .setUnit(" rows", 1).setConsumer(new ConsoleProgressBarConsumer(System.err))
                .setUpdateIntervalMillis(250).build();
    }

    void add(long rows) {
        bar.stepBy(rows);
    }

    @Override
    public void close() {
        bar.close();
    }
}
