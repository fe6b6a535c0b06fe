package org.geocsp.core.model;

import java.util.LinkedHashMap;
import java.util.Map;
import org.geocsp.core.loss.Objective;

/**
 * Where a model's parameters come from: the record of its pre-training and of its fine-tuning
 * (each absent until that stage ran). The one home of the training facts a model carries in
 * {@code model.json}; the trainers write it, prediction, the CLI and the KNIME views read it.
 *
 * @param pretraining the contrastive pre-training, or null if the model was not pre-trained
 * @param fineTuning the supervised fine-tuning, or null if the model was not fine-tuned
 */
public record Provenance(PretrainingRecord pretraining, FineTuningRecord fineTuning) {

    /** No training recorded (a freshly initialised model). */
    public static final Provenance NONE = new Provenance(null, null);

    public Provenance withPretraining(PretrainingRecord p) {
        return new Provenance(p, fineTuning);
    }

    public Provenance withFineTuning(FineTuningRecord f) {
        return new Provenance(pretraining, f);
    }

    /** True if the model was pre-trained with {@code objective}. */
    public boolean pretrainedWith(Objective objective) {
        return pretraining != null && pretraining.objective() == objective;
    }

    /** True if the model's class head was fine-tuned with the softmax cross-entropy loss. */
    public boolean fineTunedWithSoftmax() {
        return fineTuning != null && fineTuning.softmaxLoss();
    }

    /** The recorded facts as labelled text, in order, for a summary table (histories excluded). */
    public Map<String, String> summary() {
        Map<String, String> m = new LinkedHashMap<>();
        if (pretraining != null) {
            m.put("pre-training objective", pretraining.objective().referenceName());
            m.put("pre-training status", String.valueOf(pretraining.status()));
            m.put("pre-training kept epoch", Integer.toString(pretraining.keptEpoch()));
        }
        if (fineTuning != null) {
            m.put("fine-tuning loss", fineTuning.loss());
            m.put("fine-tuning label ratio", Double.toString(fineTuning.labelRatio()));
            m.put("fine-tuning labelled rows", Integer.toString(fineTuning.labelledRows()));
            m.put("fine-tuning image classifier", Boolean.toString(fineTuning.imageClassifier()));
            if (fineTuning.imageClassifier()) {
                m.put("image classifier temperature", fineTuning.imageTemperature() == null
                        ? "not calibrated (no validation rows)" : Double.toString(fineTuning.imageTemperature()));
            }
            m.put("fine-tuning status", String.valueOf(fineTuning.status()));
            m.put("fine-tuning kept epoch", Integer.toString(fineTuning.keptEpoch()));
        }
        return m;
    }
}
