package org.geocsp.knime.util;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.geocsp.knime.config.ConfigException;
import org.geocsp.knime.config.ConfigStore;
import org.geocsp.core.runtime.GeoRuntime;
import org.geocsp.knime.config.NodeConfig;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortType;

/**
 * A node model whose settings are a {@link NodeConfig}: saving goes through the same settings models
 * as the dialog ({@link SettingsModels}), so node and dialog settings are equal; validating and
 * loading read the config's setting list (settings saved flat by earlier versions load too). The
 * full validation, which needs the input specs, happens in {@code configure}.
 *
 * @param <C> the node's config
 */
public abstract class ConfigNodeModel<C extends NodeConfig> extends NodeModel {

    private C m_config;

    protected ConfigNodeModel(final PortType[] in, final PortType[] out, final C defaults) {
        super(in, out);
        m_config = defaults;
    }

    /** Reads the node's config from a store. */
    protected abstract C loadConfig(ConfigStore store) throws ConfigException;

    /** The current settings. */
    protected final C config() {
        return m_config;
    }

    @Override
    protected void saveSettingsTo(final NodeSettingsWO settings) {
        SettingsModels.save(m_config.values(), settings);
    }

    @Override
    protected void validateSettings(final NodeSettingsRO settings) throws InvalidSettingsException {
        try {
            loadConfig(KnimeConfigStore.reading(settings));
        } catch (ConfigException e) {
            throw Problems.invalidSettings(e);
        }
    }

    @Override
    protected void loadValidatedSettingsFrom(final NodeSettingsRO settings) throws InvalidSettingsException {
        try {
            m_config = loadConfig(KnimeConfigStore.reading(settings));
        } catch (ConfigException e) {
            throw Problems.invalidSettings(e);
        }
    }

    /**
     * Runs {@link #executeNode} with the thread context class loader DJL needs for its service and
     * resource look-ups (engine, native libraries): the one place the nodes set it.
     */
    @Override
    protected final PortObject[] execute(final PortObject[] inObjects, final ExecutionContext exec) throws Exception {
        return GeoRuntime.callWithContextClassLoader(() -> executeNode(inObjects, exec));
    }

    /** The node's execution (see {@link NodeModel#execute(PortObject[], ExecutionContext)}). */
    protected abstract PortObject[] executeNode(PortObject[] inObjects, ExecutionContext exec) throws Exception;

    /** Throws an {@link InvalidSettingsException} naming every problem of the settings alone. */
    protected final void validateConfig() throws InvalidSettingsException {
        Problems.throwIfAny(m_config.settingProblems());
    }

    /** Joins non-null warnings into one node warning (or none). */
    protected final void warn(final String... warnings) {
        List<String> w = new ArrayList<>();
        for (String s : warnings) {
            if (s != null && !s.isBlank()) {
                w.add(s);
            }
        }
        if (!w.isEmpty()) {
            setWarningMessage(String.join("\n", w));
        }
    }

    @Override
    protected void loadInternals(final File nodeInternDir, final ExecutionMonitor exec) {
        // nothing: the outputs are port objects and tables, saved by KNIME
    }

    @Override
    protected void saveInternals(final File nodeInternDir, final ExecutionMonitor exec) {
        // nothing
    }

    @Override
    protected void reset() {
        // nothing cached
    }
}
