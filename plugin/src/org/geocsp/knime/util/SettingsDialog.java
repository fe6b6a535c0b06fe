package org.geocsp.knime.util;

import java.util.ArrayList;
import java.util.List;
import org.geocsp.core.table.ColumnKind;
import org.geocsp.knime.config.Setting;
import org.geocsp.knime.config.SettingType;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponent;
import org.knime.core.node.defaultnodesettings.DialogComponentBoolean;
import org.knime.core.node.defaultnodesettings.DialogComponentColumnNameSelection;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentNumberEdit;
import org.knime.core.node.defaultnodesettings.DialogComponentString;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelNumber;
import org.knime.core.node.defaultnodesettings.SettingsModelString;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.util.ColumnFilter;

/**
 * A dialog built from a node's {@link Setting} list: one settings model per setting (the same
 * {@link SettingsModels} the node model saves with, so opening the dialog and pressing OK without
 * edits leaves the node's settings unchanged), one dialog component each, one tab per setting tab.
 * Every setting is therefore also controllable by a flow variable (the dialog's flow-variable tab
 * lists the same keys). Column drop-downs offer "&lt;none&gt;" for an empty setting (automatic, or no
 * column where the setting is optional), which the settings model holds as null like the node model.
 */
public class SettingsDialog extends DefaultNodeSettingsPane {

    /** Models of settings kept without a component (their input port is absent), with their loaded values. */
    private final List<SettingsModel> m_hidden = new ArrayList<>();

    /** Builds the dialog for these settings, in order. */
    public SettingsDialog(final List<Setting> settings) {
        this(settings, Integer.MAX_VALUE);
    }

    /**
     * Builds the dialog for these settings, in order. Column settings of input ports that the node
     * does not have (an optional port not added) get no component; their values are kept as loaded.
     *
     * @param inputPorts the number of input ports of the node instance
     */
    public SettingsDialog(final List<Setting> settings, final int inputPorts) {
        String tab = null;
        for (Setting s : settings) {
            if (s.type() == SettingType.COLUMN && s.port() >= inputPorts) {
                m_hidden.add(SettingsModels.create(s));
                continue;
            }
            if (tab == null) {
                setDefaultTabTitle(s.tab());
                tab = s.tab();
            } else if (!tab.equals(s.tab())) {
                createNewTab(s.tab());
                tab = s.tab();
            }
            addDialogComponent(component(s));
        }
    }

    @Override
    public void loadAdditionalSettingsFrom(final NodeSettingsRO settings, final PortObjectSpec[] specs)
        throws NotConfigurableException {
        for (SettingsModel m : m_hidden) {
            try {
                m.loadSettingsFrom(settings);
            } catch (InvalidSettingsException e) {
                // absent: keep the current value
            }
            if (m instanceof SettingsModelString c && "".equals(c.getStringValue())) {
                c.setStringValue(null); // "" of earlier versions: no column, as the node model saves it
            }
        }
    }

    @Override
    public void saveAdditionalSettingsTo(final NodeSettingsWO settings) throws InvalidSettingsException {
        for (SettingsModel m : m_hidden) {
            m.saveSettingsTo(settings);
        }
    }

    /** The dialog component of a setting. */
    public static DialogComponent component(final Setting s) {
        SettingsModel m = SettingsModels.create(s);
        return switch (s.type()) {
            case STRING -> new DialogComponentString((SettingsModelString)m, s.label());
            case CHOICE -> new DialogComponentStringSelection((SettingsModelString)m, s.label(), s.choices());
            case INT -> new DialogComponentNumber((SettingsModelNumber)m, s.label(), 1);
            case LONG, DOUBLE -> new DialogComponentNumberEdit((SettingsModelNumber)m, s.label());
            case BOOLEAN -> new DialogComponentBoolean((SettingsModelBoolean)m, s.label());
            case COLUMN -> new DialogComponentColumnNameSelection((SettingsModelString)m, s.label(), s.port(), false,
                true, new KindFilter(s.columnKind()));
        };
    }
    private static final class KindFilter implements ColumnFilter {
        private final ColumnKind m_kind;

        KindFilter(final ColumnKind kind) {
            m_kind = kind;
        }

        @Override
        public boolean includeColumn(final DataColumnSpec colSpec) {
            return m_kind.accepts(ColumnTypes.of(colSpec.getType()));
        }

        @Override
        public String allFilteredMsg() {
            return "The input table has no " + m_kind.describe() + ".";
        }
    }
}
