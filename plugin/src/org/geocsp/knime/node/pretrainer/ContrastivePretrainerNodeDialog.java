package org.geocsp.knime.node.pretrainer;

import org.geocsp.knime.config.PretrainerConfig;
import org.geocsp.knime.util.SettingsDialog;

/** Dialog of the Contrastive Pretrainer node: every setting of {@link PretrainerConfig}. */
final class ContrastivePretrainerNodeDialog extends SettingsDialog {

    ContrastivePretrainerNodeDialog() {
        super(PretrainerConfig.SETTINGS);
    }
}
