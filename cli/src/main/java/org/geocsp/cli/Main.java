package org.geocsp.cli;

import java.util.Map;

import org.geocsp.core.settings.InvalidSettingsException;
import org.geocsp.core.settings.Problems;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code geocsp} command line: the same core as the KNIME nodes, for scripts and benchmarks. */
@Command(name = "geocsp", mixinStandardHelpOptions = true, version = "geocsp 0.1.0",
        description = "Contrastive spatial pre-training (CSP) of location encoders on DJL/PyTorch.",
        subcommands = {DemoCommand.class, EncodeCommand.class, PretrainCommand.class, FinetuneCommand.class, PredictCommand.class,
            GeolocateCommand.class, MapCommand.class, PhotosCommand.class, EmbedImagesCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /**
     * Builds the command line with GeoCSP's error handling: invalid input (bad options, bad
     * files, bad rows) prints one line {@code geocsp <command>: <message>} on stderr and exits
     * with code 2; other exceptions propagate (a bug).
     */
    public static CommandLine commandLine() {
        Map<String, DeclaredOptions> declared = new java.util.HashMap<>();
        CommandLine cl = new CommandLine(new Main()) {
            // execute(args) parses through parseArgs too
            @Override
            public ParseResult parseArgs(String... args) {
                DeclaredOptions.selectPreset(declared, args);
                return super.parseArgs(args);
            }
        };
        declared.putAll(DeclaredOptions.install(cl));
        cl.setExecutionStrategy(Main::checkThenRun);
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            if (ex instanceof InvalidSettingsException s) {
                cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + oneLine(DeclaredOptions.message(s)));
                return 2;
            }
            if (ex instanceof java.io.UncheckedIOException u) {
                cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + oneLine(u.getCause()));
                return 2;
            }
            if (ex instanceof IllegalArgumentException || ex instanceof java.io.IOException
                    || ex instanceof IllegalStateException || ex instanceof java.io.UncheckedIOException) {
                cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + oneLine(ex));
                return 2;
            }
            throw ex;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            String name = cmd.getCommandSpec().qualifiedName();
            cmd.getErr().println(name + ": " + oneLine(ex) + " (see '" + name + " --help')");
            return 2;
        });
        return cl;
    }

    /**
     * Checks every declared option of the command against core's declarations before the command
     * runs (and so before it reads any input): one line naming every bad option, exit code 2.
     */
    private static int checkThenRun(CommandLine.ParseResult parseResult) {
        CommandLine.ParseResult leaf = parseResult;
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
        }
        CommandLine cmd = leaf.commandSpec().commandLine();
        if (!leaf.isUsageHelpRequested() && !leaf.isVersionHelpRequested()) {
            CommandLine.Model.CommandSpec spec = leaf.commandSpec();
            DeclaredOptions d = DeclaredOptions.of(spec);
            Problems p = new Problems();
            if (d != null) {
                p.collect(null, () -> d.check(spec));
            }
            if (spec.userObject() instanceof SettingsCommand c) {
                p.collect(null, c::checkSettings);
            }
            try {
                p.throwIfAny();
            } catch (InvalidSettingsException e) {
                String name = leaf.commandSpec().qualifiedName();
                cmd.getErr().println(name + ": " + oneLine(DeclaredOptions.message(e)) + " (see '" + name
                        + " --help')");
                return 2;
            }
        }
        return new CommandLine.RunLast().execute(parseResult);
    }

    private static String oneLine(String m) {
        return m.replace('\n', ' ').replace('\r', ' ').strip();
    }

    /** The message on one line; exceptions without one (NoSuchFileException has only the path) are named. */
    private static String oneLine(Exception ex) {
        String m = ex.getMessage();
        if (m == null || m.isBlank()) {
            m = ex.getClass().getSimpleName();
        } else if (ex instanceof java.nio.file.NoSuchFileException) {
            m = "file not found: " + m;
        }
        return m.replace('\n', ' ').replace('\r', ' ').strip();
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
