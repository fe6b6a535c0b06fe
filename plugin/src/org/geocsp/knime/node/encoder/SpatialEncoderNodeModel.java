package org.geocsp.knime.node.encoder;

import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.model.GeoModel;
import org.geocsp.core.model.ModelSpec;
import org.geocsp.knime.config.ConfigException;
import org.geocsp.knime.config.ConfigStore;
import org.geocsp.knime.config.SpatialEncoderConfig;
import org.geocsp.knime.port.GeoModelPortObject;
import org.geocsp.knime.port.GeoModelPortObjectSpec;
import org.geocsp.knime.util.ConfigNodeModel;
import org.geocsp.knime.util.GeoCspRuntime;
import org.geocsp.knime.util.Problems;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;

/** Creates an initialised location-encoder model (core's {@code GeoModel.create}). */
final class SpatialEncoderNodeModel extends ConfigNodeModel<SpatialEncoderConfig> {

    SpatialEncoderNodeModel() {
        super(new PortType[0], new PortType[]{GeoModelPortObject.TYPE}, SpatialEncoderConfig.defaults());
    }

    @Override
    protected SpatialEncoderConfig loadConfig(final ConfigStore store) throws ConfigException {
        return SpatialEncoderConfig.load(store);
    }

    private ModelSpec modelSpec() throws InvalidSettingsException {
        validateConfig();
        try {
            return config().modelSpec();
        } catch (InvalidInputException e) {
            throw Problems.invalidSettings(e);
        }
    }

    @Override
    protected PortObjectSpec[] configure(final PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        return new PortObjectSpec[]{new GeoModelPortObjectSpec(modelSpec())};
    }

    @Override
    protected PortObject[] executeNode(final PortObject[] inObjects, final ExecutionContext exec) throws Exception {
        ModelSpec spec = modelSpec();
        String runtimeWarning = GeoCspRuntime.ensureStarted();
        exec.setProgress(0.1, "initialising " + spec.encoder().name());
        GeoModelPortObject out;
        try (GeoModel model = GeoModel.create(spec, config().initSeed())) {
            exec.setProgress(0.6, "saving the model");
            out = GeoModelPortObject.create(model, exec);
        }
        warn(runtimeWarning);
        return new PortObject[]{out};
    }
}
