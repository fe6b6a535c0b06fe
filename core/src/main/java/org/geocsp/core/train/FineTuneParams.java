package org.geocsp.core.train;

import java.util.List;
import org.geocsp.core.geo.Samplers;
import org.geocsp.core.loss.LossParams;
import org.geocsp.core.settings.Param;

/**
 * The declarations of the fine-tuning settings of {@link FineTuneSettings} (defaults of the CSP
 * scripts); the trainer's are {@link TrainerParams#FINE_TUNING}.
 */
public final class FineTuneParams {

    public static final Param LOSS = Param.choice("loss", "Loss", "--loss",
            "presence-absence (reference) or softmax.", "presence-absence", List.of("presence-absence", "softmax"));
    public static final Param RANDOM_WEIGHT = Param.real("random_weight", "Background weight", "--random-weight",
            "Weight of the background term at random locations (presence-absence only).", 1, 0, false,
            LossParams.MAX_SCALE);
    public static final Param SAMPLER = Param.choice("sampler", "Background sampler", "--sampler",
            "Sampler of the background locations.", Samplers.Kind.AREA_UNIFORM.canonicalName(),
            List.of(Samplers.Kind.AREA_UNIFORM.canonicalName(), Samplers.Kind.UNIFORM_BOX.canonicalName(),
                    Samplers.Kind.SPHERICAL_OLD.canonicalName()));
    public static final Param LABEL_RATIO = Param.real("label_ratio", "Label ratio", "--label-ratio",
            "Share of labelled rows kept per class, at least one (few-shot).", 1, 0, true, 1);
    public static final Param FREEZE = Param.choice("freeze", "Freeze", "--freeze",
            "none (the whole encoder trains, reference), location-encoder (linear probe) or position-encoder.",
            "none", List.of("none", "location-encoder", "position-encoder"));
    public static final Param IMAGE_CLASSIFIER = Param.bool("image_classifier", "Image classifier",
            "--image-classifier", "Also learn P(class | image embedding) on the same labelled rows.", false);

    /** The fine-tuning declarations in dialog order (without the trainer's). */
    public static final List<Param> ALL = List.of(LOSS, RANDOM_WEIGHT, SAMPLER, LABEL_RATIO, FREEZE, IMAGE_CLASSIFIER);

    private FineTuneParams() {
    }
}
