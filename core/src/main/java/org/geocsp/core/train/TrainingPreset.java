package org.geocsp.core.train;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.geocsp.core.geo.Samplers;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.settings.Param;

/**
 * Named sets of training defaults. {@link #DEFAULT} is the product's declared defaults;
 * {@link #REFERENCE} reproduces the CSP paper's scripts (Mai et al. 2023, iNat2018 run scripts): the
 * reference's {@code sphericalold} sampler, no embedding rescale, a fixed 30 epochs without early
 * stopping. A preset changes only the defaults: a setting given explicitly still wins.
 */
public enum TrainingPreset {
    DEFAULT("default"),
    REFERENCE("reference");

    /** The preset setting of pre-training and fine-tuning. */
    public static final Param PARAM = Param.choice("preset", "Preset", "--preset",
            "default (GeoCSP's defaults: area-uniform sampler, embedding rescale, early stopping) or reference (the"
                    + " CSP paper's scripts: sphericalold sampler, no rescale, 30 epochs, no early stopping); settings"
                    + " given explicitly still win.",
            "default", List.of("default", "reference"));

    private final String name;

    TrainingPreset(String name) {
        this.name = name;
    }

    public String canonicalName() {
        return name;
    }

    /** The preset of a name (case-insensitive). */
    public static TrainingPreset parse(String text) {
        if (text == null) {
            return DEFAULT;
        }
        for (TrainingPreset p : values()) {
            if (p.name.equals(text == null ? "" : text.trim().toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new InvalidInputException("preset '" + text + "' is not valid: use "
                + String.join(" or ", Arrays.stream(values()).map(TrainingPreset::canonicalName).toList()));
    }

    /**
     * The defaults this preset changes for pre-training, by declaration key, each value of its
     * declaration's type (as a declared default: {@link Param#format} gives its text).
     */
    public Map<String, Object> pretraining() {
        if (this == DEFAULT) {
            return Collections.emptyMap();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(PretrainParams.SAMPLER.key(), Samplers.Kind.SPHERICAL_OLD.canonicalName());
        m.put(PretrainParams.EMBEDDING_RESCALE.key(), false);
        m.put(TrainerParams.PRETRAINING.epochs.key(), 30);
        m.put(TrainerParams.PRETRAINING.patience.key(), 0);
        return m;
    }

    /** The defaults this preset changes for fine-tuning; see {@link #pretraining()}. */
    public Map<String, Object> fineTuning() {
        if (this == DEFAULT) {
            return Collections.emptyMap();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(FineTuneParams.SAMPLER.key(), Samplers.Kind.SPHERICAL_OLD.canonicalName());
        m.put(TrainerParams.FINE_TUNING.epochs.key(), 30);
        m.put(TrainerParams.FINE_TUNING.patience.key(), 0);
        return m;
    }
}
