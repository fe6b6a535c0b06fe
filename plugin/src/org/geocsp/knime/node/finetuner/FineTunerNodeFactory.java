package org.geocsp.knime.node.finetuner;

import java.util.List;
import org.geocsp.knime.config.FineTunerConfig;
import org.geocsp.knime.config.Setting;
import org.geocsp.knime.util.SettingsNodeFactory;

/** Factory of the Fine-Tuner node. */
public final class FineTunerNodeFactory extends SettingsNodeFactory<FineTunerNodeModel> {

    @Override
    public FineTunerNodeModel createNodeModel() {
        return new FineTunerNodeModel();
    }

    @Override
    protected List<Setting> settings() {
        return FineTunerConfig.SETTINGS;
    }
}
