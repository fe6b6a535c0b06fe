package org.geocsp.knime.node.sampleplaces;

import org.geocsp.knime.config.SamplePlacesConfig;
import org.geocsp.knime.util.SettingsDialog;

/** Dialog of the GeoCSP Sample Places node: every setting of {@link SamplePlacesConfig}. */
final class SamplePlacesNodeDialog extends SettingsDialog {

    SamplePlacesNodeDialog() {
        super(SamplePlacesConfig.SETTINGS);
    }
}
