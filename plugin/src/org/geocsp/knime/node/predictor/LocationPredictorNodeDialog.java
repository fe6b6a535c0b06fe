package org.geocsp.knime.node.predictor;

import org.geocsp.knime.config.LocationPredictorConfig;
import org.geocsp.knime.util.SettingsDialog;

/** Dialog of the Location Predictor node: every setting of {@link LocationPredictorConfig}. */
final class LocationPredictorNodeDialog extends SettingsDialog {

    LocationPredictorNodeDialog() {
        super(LocationPredictorConfig.SETTINGS);
    }
}
