package org.geocsp.knime.port;

import javax.swing.JComponent;
import org.geocsp.core.model.ModelFileException;
import org.geocsp.core.model.ModelSpec;
import org.geocsp.core.model.ModelSummary;
import org.geocsp.knime.config.ModelSpecFacts;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.ModelContentRO;
import org.knime.core.node.ModelContentWO;
import org.knime.core.node.port.AbstractSimplePortObjectSpec;

/**
 * The spec of a GeoCSP model port, known at configure time: the core {@link ModelSpec} (encoder,
 * network, stage, class labels, image-embedding width, metadata) stored as its JSON. Two facts may
 * only be known after execution (the width of a vector column without element names, the classes
 * of a label column without a domain); flags say whether they are known yet.
 */
public final class GeoModelPortObjectSpec extends AbstractSimplePortObjectSpec {

    /** Serializer, registered in plugin.xml. */
    public static final class Serializer extends AbstractSimplePortObjectSpecSerializer<GeoModelPortObjectSpec> {
    }

    private static final String KEY_SPEC = "model_spec_json";
    private static final String KEY_IMAGE_DIM_KNOWN = "image_dim_known";
    private static final String KEY_LABELS_KNOWN = "class_labels_known";
    private static final String KEY_IMAGE_CLASSIFIER_KNOWN = "image_classifier_known";

    private ModelSpec m_spec;
    private boolean m_imageDimKnown = true;
    private boolean m_labelsKnown = true;
    private boolean m_imageClassifierKnown = true;

    /** For the serializer only. */
    public GeoModelPortObjectSpec() {
    }

    /** A complete spec (after execution). */
    public GeoModelPortObjectSpec(final ModelSpec spec) {
        this(spec, true, true);
    }

    /**
     * @param spec the model spec
     * @param imageDimKnown false if the image-embedding width is decided at execution
     * @param labelsKnown false if the class labels are decided at execution
     */
    public GeoModelPortObjectSpec(final ModelSpec spec, final boolean imageDimKnown, final boolean labelsKnown) {
        m_spec = spec;
        m_imageDimKnown = imageDimKnown;
        m_labelsKnown = labelsKnown;
    }

    /** A spec with the facts known at configure time (see {@link ModelSpecFacts}). */
    public GeoModelPortObjectSpec(final ModelSpecFacts facts) {
        this(facts.spec(), facts.imageDimKnown(), facts.labelsKnown());
        m_imageClassifierKnown = facts.imageClassifierKnown();
    }

    /** The spec with what is known of it at configure time. */
    public ModelSpecFacts facts() {
        return new ModelSpecFacts(m_spec, m_imageDimKnown, m_labelsKnown, m_imageClassifierKnown);
    }

    /** The model spec. */
    public ModelSpec getModelSpec() {
        return m_spec;
    }

    public boolean isImageDimKnown() {
        return m_imageDimKnown;
    }

    public boolean isClassLabelsKnown() {
        return m_labelsKnown;
    }

    /** One line describing the model. */
    public String summary() {
        return ModelSummary.oneLine(m_spec, m_imageDimKnown, m_labelsKnown);
    }

    @Override
    protected void save(final ModelContentWO model) {
        model.addString(KEY_SPEC, m_spec.toJson());
        model.addBoolean(KEY_IMAGE_DIM_KNOWN, m_imageDimKnown);
        model.addBoolean(KEY_LABELS_KNOWN, m_labelsKnown);
        model.addBoolean(KEY_IMAGE_CLASSIFIER_KNOWN, m_imageClassifierKnown);
    }

    @Override
    protected void load(final ModelContentRO model) throws InvalidSettingsException {
        try {
            m_spec = ModelSpec.fromJson(model.getString(KEY_SPEC));
        } catch (ModelFileException e) {
            throw new InvalidSettingsException("The GeoCSP model description cannot be read: " + e.getMessage(), e);
        }
        m_imageDimKnown = model.getBoolean(KEY_IMAGE_DIM_KNOWN, true);
        m_labelsKnown = model.getBoolean(KEY_LABELS_KNOWN, true);
        m_imageClassifierKnown = model.getBoolean(KEY_IMAGE_CLASSIFIER_KNOWN, true);
    }

    @Override
    public JComponent[] getViews() {
        return new JComponent[]{new GeoModelView(this)};
    }

    @Override
    public String toString() {
        return summary();
    }
}
