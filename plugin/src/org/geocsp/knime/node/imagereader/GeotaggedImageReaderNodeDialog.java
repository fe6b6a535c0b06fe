package org.geocsp.knime.node.imagereader;

import org.geocsp.knime.config.GeotaggedImageReaderConfig;
import org.geocsp.knime.util.SettingsDialog;

/** Dialog of the Geotagged Image Reader node: every setting of {@link GeotaggedImageReaderConfig}. */
final class GeotaggedImageReaderNodeDialog extends SettingsDialog {

    GeotaggedImageReaderNodeDialog() {
        super(GeotaggedImageReaderConfig.SETTINGS);
    }
}
