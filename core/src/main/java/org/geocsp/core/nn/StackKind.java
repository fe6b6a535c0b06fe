package org.geocsp.core.nn;

/** The kind of trainable network that follows the position encoder. */
public enum StackKind {
    /** The CSP feed-forward network ({@code main/module.py::MultiLayerFeedForwardNN}). */
    FFN,
    /** The residual network of Mac Aodha et al. 2019 ({@code models.FCNet}), used with wrap. */
    RESIDUAL,
    /** The sinusoidal network of SatCLIP ({@code location_encoder.py::SirenNet}). */
    SIREN
}
