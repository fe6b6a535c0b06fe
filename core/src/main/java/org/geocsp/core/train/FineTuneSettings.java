package org.geocsp.core.train;

import org.geocsp.core.settings.Param;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.Locale;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.geo.Samplers;
import org.geocsp.core.nn.FreezeMode;
import org.geocsp.core.settings.Problems;

/**
 * Settings of supervised fine-tuning (notes §3), declared in {@link FineTuneParams} and
 * {@link TrainerParams#FINE_TUNING}. Defaults follow the CSP scripts: the presence-absence loss
 * with one random background location per row (weight 1), the whole encoder trainable, Adam with
 * lr 0.001 decayed by 0.98 per epoch, all labels (ratio 1).
 *
 * @param loss the classification loss
 * @param randomWeight weight of the background term at random locations (presence-absence only)
 * @param sampler sampler of the background locations
 * @param labelRatio share of labelled rows kept per class (few-shot), in (0, 1]; at least one per class
 * @param freeze which part of the location encoder stays fixed
 * @param trainer optimisation settings
 * @param imageClassifier also learn an image classifier P(class | image embedding) on the same
 *     labelled rows (softmax cross-entropy, its own term {@code L_img}), so that the model makes
 *     the combined prediction from location and image embedding alone; needs image embeddings.
 *     After training its temperature is fitted on the validation rows (temperature scaling), so
 *     that its probabilities are calibrated for the product rule
 */
public record FineTuneSettings(LossKind loss, double randomWeight, Samplers.Kind sampler, double labelRatio,
        FreezeMode freeze, TrainerSettings trainer, boolean imageClassifier) {

    /** The classification losses. */
    public enum LossKind {
        /** Reference presence-absence loss (Mac Aodha et al. 2019): sigmoid per class, positive weight = C. */
        PRESENCE_ABSENCE,
        /** Softmax cross-entropy over the classes. */
        SOFTMAX;

        public static LossKind parse(String s) {
            String t = s.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            if (t.equals("PRESENCE_ABSENCE") || t.equals("FULL_LOSS") || t.equals("PRESENCEABSENCE")) {
                return PRESENCE_ABSENCE;
            }
            if (t.equals("SOFTMAX") || t.equals("CROSS_ENTROPY") || t.equals("CE")) {
                return SOFTMAX;
            }
            throw new InvalidInputException("fine-tuning loss '" + s + "' is not valid: use presence-absence or softmax");
        }
    }

    public FineTuneSettings {
        Problems p = new Problems();
        if (loss == null) {
            p.add(FineTuneParams.LOSS, FineTuneParams.LOSS.label() + " is missing");
        }
        p.check(FineTuneParams.RANDOM_WEIGHT, randomWeight);
        p.check(FineTuneParams.SAMPLER, sampler == null ? null : sampler.canonicalName());
        p.check(FineTuneParams.LABEL_RATIO, labelRatio);
        p.check(FineTuneParams.FREEZE, freeze == null ? null : freeze.choiceName());
        if (trainer == null) {
            p.add(null, "trainer settings are missing");
        }
        p.throwIfAny();
    }

    /** Settings without an image classifier. */
    public FineTuneSettings(LossKind loss, double randomWeight, Samplers.Kind sampler, double labelRatio,
            FreezeMode freeze, TrainerSettings trainer) {
        this(loss, randomWeight, sampler, labelRatio, freeze, trainer, false);
    }

    /** The declared defaults ({@link FineTuneParams}, {@link TrainerParams#FINE_TUNING}). */
    public static FineTuneSettings defaults() {
        return new FineTuneSettings(LossKind.parse(FineTuneParams.LOSS.defaultString()),
                FineTuneParams.RANDOM_WEIGHT.defaultDouble(), Samplers.parse(FineTuneParams.SAMPLER.defaultString()),
                FineTuneParams.LABEL_RATIO.defaultDouble(), FreezeMode.parse(FineTuneParams.FREEZE.defaultString()),
                TrainerParams.FINE_TUNING.defaults(), FineTuneParams.IMAGE_CLASSIFIER.defaultBoolean());
    }

    /** The declared defaults with {@code epochs} epochs. */
    public static FineTuneSettings defaults(int epochs) {
        FineTuneSettings d = defaults();
        return d.withTrainer(d.trainer().withEpochs(epochs));
    }

    public FineTuneSettings withLoss(LossKind v) {
        return new FineTuneSettings(v, randomWeight, sampler, labelRatio, freeze, trainer, imageClassifier);
    }

    public FineTuneSettings withRandomWeight(double v) {
        return new FineTuneSettings(loss, v, sampler, labelRatio, freeze, trainer, imageClassifier);
    }

    public FineTuneSettings withSampler(Samplers.Kind v) {
        return new FineTuneSettings(loss, randomWeight, v, labelRatio, freeze, trainer, imageClassifier);
    }

    public FineTuneSettings withLabelRatio(double v) {
        return new FineTuneSettings(loss, randomWeight, sampler, v, freeze, trainer, imageClassifier);
    }

    public FineTuneSettings withFreeze(FreezeMode v) {
        return new FineTuneSettings(loss, randomWeight, sampler, labelRatio, v, trainer, imageClassifier);
    }

    public FineTuneSettings withImageClassifier(boolean on) {
        return new FineTuneSettings(loss, randomWeight, sampler, labelRatio, freeze, trainer, on);
    }

    public FineTuneSettings withTrainer(TrainerSettings v) {
        return new FineTuneSettings(loss, randomWeight, sampler, labelRatio, freeze, v, imageClassifier);
    }

    /**
     * The value of each declaration of {@link FineTuneParams} in declaration order, as the
     * declarations check and format them (the trainer's: {@link TrainerSettings#values()}).
     */
    public Map<Param, Object> values() {
        Map<Param, Object> m = new LinkedHashMap<>();
        m.put(FineTuneParams.LOSS, loss.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        m.put(FineTuneParams.RANDOM_WEIGHT, randomWeight);
        m.put(FineTuneParams.SAMPLER, sampler.canonicalName());
        m.put(FineTuneParams.LABEL_RATIO, labelRatio);
        m.put(FineTuneParams.FREEZE, freeze.choiceName());
        m.put(FineTuneParams.IMAGE_CLASSIFIER, imageClassifier);
        return m;
    }
}
