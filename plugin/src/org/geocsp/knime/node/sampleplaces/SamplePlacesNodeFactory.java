package org.geocsp.knime.node.sampleplaces;

import java.util.List;
import org.geocsp.knime.config.SamplePlacesConfig;
import org.geocsp.knime.config.Setting;
import org.geocsp.knime.util.SettingsNodeFactory;

/** Factory of the GeoCSP Sample Places node. */
public final class SamplePlacesNodeFactory extends SettingsNodeFactory<SamplePlacesNodeModel> {

    @Override
    public SamplePlacesNodeModel createNodeModel() {
        return new SamplePlacesNodeModel();
    }

    @Override
    protected List<Setting> settings() {
        return SamplePlacesConfig.SETTINGS;
    }
}
