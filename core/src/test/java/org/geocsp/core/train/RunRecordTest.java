package org.geocsp.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.geocsp.core.encode.EncoderSpec;
import org.geocsp.core.encode.FrequencyInit;
import org.geocsp.core.encode.ShConvention;
import org.geocsp.core.model.ModelSpec;
import org.geocsp.core.nn.Activation;
import org.geocsp.core.nn.StackKind;
import org.geocsp.core.nn.StackSpec;
import org.geocsp.core.settings.InvalidSettingsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model part of a run record keeps the keys and the formatting of the records written before. */
class RunRecordTest {

    @TempDir
    Path dir;

    static final ModelSpec MODEL = ModelSpec.of(EncoderSpec.of("Space2Vec-theory").withFrequencyNum(16)
            .withRadii(0.05, 180).withFreqInit(FrequencyInit.NERF).withKernelSize(2.5).withSeed(-3)
            .withShConvention(ShConvention.SATCLIP),
            new StackSpec(StackKind.SIREN, 2, 128, 64, null, 0, false, false, 30, 1.5));

    /** The model description as records of earlier versions wrote it, entry by entry. */
    static Map<String, String> earlier() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("encoder", "Space2Vec-theory");
        m.put("frequency_num", "16");
        m.put("min_radius", "0.05");
        m.put("max_radius", "180");
        m.put("freq_init", "nerf");
        m.put("legendre_polys", "10");
        m.put("kernel_size", "2.5");
        m.put("num_anchors", "200");
        m.put("tile_size", "1");
        m.put("sh_convention", "satclip");
        m.put("encoder_seed", "-3");
        m.put("stack_kind", "siren");
        m.put("hidden_layers", "2");
        m.put("hidden_dim", "128");
        m.put("embedding_dim", "64");
        m.put("activation", "none");
        m.put("dropout", "0");
        m.put("layer_norm", "false");
        m.put("skip_connection", "false");
        m.put("siren_w0_initial", "30");
        m.put("siren_w0", "1.5");
        return m;
    }

    @Test
    void modelEntriesKeepTheirKeysAndFormat() {
        Map<String, String> m = RunRecord.model(MODEL);
        assertEquals(earlier(), m);
        assertEquals(java.util.List.copyOf(earlier().keySet()), java.util.List.copyOf(m.keySet()));
        assertEquals("leakyrelu", RunRecord.model(ModelSpec.of(EncoderSpec.of("Space2Vec-grid"),
                StackSpec.csp().withActivation(Activation.LEAKYRELU))).get("activation"));
    }

    @Test
    void anEarlierRecordComparesEqualAndAChangedModelIsRefused() throws IOException {
        RunRecord.write(dir, earlier());
        RunRecord.check(dir, RunRecord.model(MODEL));
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> RunRecord.check(dir,
                RunRecord.model(ModelSpec.of(MODEL.encoder().withFrequencyNum(17), MODEL.stack().withHiddenDim(96)))));
        assertTrue(e.getMessage().contains("Scales (frequency_num) is 17 but the run in"), e.getMessage());
        assertTrue(e.getMessage().contains("Hidden dimension is 96 but the run in " + dir + " was started with 128"),
                e.getMessage());
        assertTrue(Files.isRegularFile(dir.resolve(RunRecord.FILE)));
    }
}
