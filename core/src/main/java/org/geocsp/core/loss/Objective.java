package org.geocsp.core.loss;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.geocsp.core.io.InvalidInputException;

/** The CSP pre-training objectives by their reference names ({@code --unsuper_loss}). */
public enum Objective {
    /** CSP-MC-BLD, location→image in-batch CE + random locations + SimCSE ({@link McLoss}). */
    CONTSOFTMAX("contsoftmax", "contrastive multi-class (softmax) loss, location→image"),
    /** {@link McLoss} with the image→location CE added. */
    CONTSOFTMAXSYM("contsoftmaxsym", "symmetric contrastive multi-class loss (both directions)"),
    /** {@link NceLoss}: in-batch + random-location binary logistic loss. */
    IMGCONTLOSS("imgcontloss", "binary logistic (NCE) loss with in-batch and random-location negatives"),
    /** {@link NceLoss} with the SimCSE term (the paper's CSP-NCE-BLD). */
    IMGCONTLOSSSIMCSE("imgcontlosssimcse", "binary logistic (NCE) loss with in-batch, random-location and SimCSE terms"),
    /** {@link NceLoss} with in-batch negatives only. */
    IMGCONTLOSSNOLOCNEG("imgcontlossnolocneg", "binary logistic (NCE) loss with in-batch negatives only"),
    /** {@link MseLoss}: regress the image features from the location embedding. */
    L2REGRESS("l2regress", "mean squared error between decoded location embeddings and image features");

    private final String referenceName;
    private final String description;

    Objective(String referenceName, String description) {
        this.referenceName = referenceName;
        this.description = description;
    }

    /** The name used by the CSP code and run scripts. */
    public String referenceName() {
        return referenceName;
    }

    /** One line for users. */
    public String description() {
        return description;
    }

    /** True if the objective takes embeddings of random locations (the L term). */
    public boolean usesRandomLocations() {
        return this == CONTSOFTMAX || this == CONTSOFTMAXSYM || this == IMGCONTLOSS || this == IMGCONTLOSSSIMCSE;
    }

    /**
     * True if the objective can use a second dropout pass (the D term): always for
     * {@code imgcontlosssimcse}, and for the contsoftmax variants when w_simcse &gt; 0.
     */
    public boolean usesSecondDropoutPass() {
        return this == CONTSOFTMAX || this == CONTSOFTMAXSYM || this == IMGCONTLOSSSIMCSE;
    }

    /** True if the objective needs a location→image-feature decoder (l2regress). */
    public boolean usesImageDecoder() {
        return this == L2REGRESS;
    }

    /**
     * The batch loss of this objective: the one builder of every pre-training loss. The NCE
     * family ignores the temperatures, as the reference does.
     *
     * @param tauInBatch τ_b (ignored with a learnable temperature)
     * @param tauRandom τ_l
     * @param tauSimcse τ_d
     * @param randomWeight w_l; 0 when the step draws no random locations
     * @param simcseWeight w_d; 0 when the step runs no second dropout pass
     * @param learnableTemperature the MC loss uses the batch's learnable logit scale
     * @param falseNegativeKm the MC loss masks in-batch pairs closer than this; negative = off
     * @param queue extra negatives of the symmetric MC loss, or null
     * @throws InvalidInputException for {@code l2regress}, which is not a batch contrastive loss
     *     (use {@link MseLoss}), and for a queue with another objective than {@code contsoftmaxsym}
     */
    public PretrainingLoss create(double tauInBatch, double tauRandom, double tauSimcse, double randomWeight,
            double simcseWeight, boolean learnableTemperature, double falseNegativeKm, EmbeddingQueue queue) {
        return switch (this) {
            case CONTSOFTMAX, CONTSOFTMAXSYM -> new McLoss(McLoss.Settings.csp(this == CONTSOFTMAXSYM, tauInBatch,
                    tauRandom, tauSimcse, randomWeight, simcseWeight).withLearnableTemperature(learnableTemperature)
                    .withFalseNegativeRadiusKm(falseNegativeKm), queue);
            case IMGCONTLOSS -> NceLoss.imgcontloss(randomWeight);
            case IMGCONTLOSSSIMCSE -> NceLoss.imgcontlossSimcse(randomWeight, simcseWeight);
            case IMGCONTLOSSNOLOCNEG -> NceLoss.imgcontlossNoLocNeg();
            case L2REGRESS -> throw new InvalidInputException(
                    "objective 'l2regress' regresses image features and has no contrastive batch loss; use MseLoss");
        };
    }

    /** {@link #create(double, double, double, double, double, boolean, double, EmbeddingQueue)} without extras. */
    public PretrainingLoss create(double tauInBatch, double tauRandom, double tauSimcse, double randomWeight,
            double simcseWeight) {
        return create(tauInBatch, tauRandom, tauSimcse, randomWeight, simcseWeight, false, -1, null);
    }

    /**
     * The objective for a reference name (case-insensitive, surrounding blanks ignored).
     *
     * @throws InvalidInputException naming the setting and listing every valid name
     */
    public static Objective parse(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (Objective o : values()) {
            if (o.referenceName.equals(key)) {
                return o;
            }
        }
        List<String> valid = new ArrayList<>();
        for (Objective o : values()) {
            valid.add(o.referenceName + " (" + o.description + ")");
        }
        throw new InvalidInputException("setting 'objective' has the unknown value '" + name + "'; valid names: "
                + String.join(", ", valid));
    }
}
