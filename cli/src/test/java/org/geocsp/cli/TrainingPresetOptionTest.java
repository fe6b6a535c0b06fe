package org.geocsp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.geocsp.core.train.FineTuneParams;
import org.geocsp.core.train.PretrainParams;
import org.geocsp.core.train.TrainerParams;
import org.geocsp.core.train.TrainingPreset;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --preset reference} changes the defaults of pretrain and finetune; explicit options still win. */
class TrainingPresetOptionTest {

    private static PretrainCommand pretrain(String... extra) {
        String[] base = {"pretrain", "--input", "in.csv", "--output", "out.geocsp"};
        CommandLine.ParseResult r = Main.commandLine().parseArgs(concat(base, extra));
        return (PretrainCommand) r.subcommand().commandSpec().userObject();
    }

    private static FinetuneCommand finetune(String... extra) {
        String[] base = {"finetune", "--input", "in.csv", "--output", "out.geocsp", "--label-column", "y"};
        CommandLine.ParseResult r = Main.commandLine().parseArgs(concat(base, extra));
        return (FinetuneCommand) r.subcommand().commandSpec().userObject();
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void withoutPresetTheDeclaredDefaultsApply() {
        PretrainCommand p = pretrain();
        assertEquals(PretrainParams.SAMPLER.defaultString(), p.sampler);
        assertTrue(p.embeddingRescale);
        assertEquals(TrainerParams.PRETRAINING.epochs.defaultInt(), p.trainer.epochs);
        assertEquals(TrainerParams.PRETRAINING.patience.defaultInt(), p.trainer.patience);
        FinetuneCommand f = finetune();
        assertEquals(TrainerParams.FINE_TUNING.epochs.defaultInt(), f.trainer.epochs);
        assertEquals(TrainerParams.FINE_TUNING.patience.defaultInt(), f.trainer.patience);
        assertEquals(FineTuneParams.SAMPLER.defaultString(), f.sampler);
    }

    @Test
    void referencePresetTakesThePapersSettingsUnlessGivenExplicitly() {
        for (PretrainCommand p : new PretrainCommand[] {pretrain("--preset", "reference"),
            pretrain("--preset=reference")}) {
            assertEquals(TrainingPreset.REFERENCE.pretraining().get("sampler"), p.sampler);
            assertEquals("sphericalold", p.sampler);
            assertFalse(p.embeddingRescale);
            assertEquals(30, p.trainer.epochs);
            assertEquals(0, p.trainer.patience);
        }
        PretrainCommand explicit = pretrain("--preset", "reference", "--epochs", "7", "--embedding-rescale");
        assertEquals(7, explicit.trainer.epochs);
        assertTrue(explicit.embeddingRescale);
        assertEquals("sphericalold", explicit.sampler);
        FinetuneCommand f = finetune("--preset", "reference", "--patience", "4");
        assertEquals(30, f.trainer.epochs);
        assertEquals(4, f.trainer.patience);
        assertEquals("sphericalold", f.sampler);
        // one command line does not leak its preset into the next
        assertEquals(TrainerParams.PRETRAINING.epochs.defaultInt(), pretrain().trainer.epochs);
    }

    @Test
    void anUnknownPresetIsOneLineNamingTheOption() {
        CliRun r = CliRun.run("pretrain", "--input", "missing.csv", "--output", "x.geocsp", "--preset", "paper");
        assertEquals(2, r.exitCode(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("--preset") && r.err().contains("reference"), r.err());
    }
}
