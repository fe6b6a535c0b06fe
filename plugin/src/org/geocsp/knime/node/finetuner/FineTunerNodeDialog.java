package org.geocsp.knime.node.finetuner;

import org.geocsp.knime.config.FineTunerConfig;
import org.geocsp.knime.util.SettingsDialog;

/** Dialog of the Fine-Tuner node: every setting of {@link FineTunerConfig}. */
final class FineTunerNodeDialog extends SettingsDialog {

    FineTunerNodeDialog() {
        super(FineTunerConfig.SETTINGS);
    }
}
