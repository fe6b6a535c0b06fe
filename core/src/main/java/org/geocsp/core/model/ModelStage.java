package org.geocsp.core.model;

/** How far a model has been trained. */
public enum ModelStage {
    /** Freshly initialised (random weights). */
    INITIALISED,
    /** After contrastive (self-supervised) pre-training. */
    PRETRAINED,
    /** After supervised fine-tuning on class labels. */
    FINETUNED
}
