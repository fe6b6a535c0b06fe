package org.geocsp.knime.node.pretrainer;

import java.util.List;
import org.geocsp.knime.config.PretrainerConfig;
import org.geocsp.knime.config.Setting;
import org.geocsp.knime.util.SettingsNodeFactory;

/** Factory of the Contrastive Pretrainer node. */
public final class ContrastivePretrainerNodeFactory extends SettingsNodeFactory<ContrastivePretrainerNodeModel> {

    @Override
    public ContrastivePretrainerNodeModel createNodeModel() {
        return new ContrastivePretrainerNodeModel();
    }

    @Override
    protected List<Setting> settings() {
        return PretrainerConfig.SETTINGS;
    }
}
