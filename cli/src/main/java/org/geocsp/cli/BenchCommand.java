package org.geocsp.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code geocsp bench}: the parent of the benchmarks. Each benchmark is a subcommand; add new
 * ones to {@code subcommands} and reuse the measurement helpers in {@code org.geocsp.cli.bench}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks on this machine (set OMP_WAIT_POLICY=PASSIVE on shared machines).",
        subcommands = {BenchEncodersCommand.class, BenchPretrainCommand.class, BenchPredictCommand.class, BenchEmbedImagesCommand.class,
            BenchQualityCommand.class, CommandLine.HelpCommand.class})
final class BenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "name a benchmark: " + String.join(", ", spec.subcommands().keySet().stream()
                        .filter(n -> !n.equals("help")).toList()));
    }
}
