package org.geocsp.knime.util;

import java.util.ArrayList;
import java.util.List;
import org.geocsp.knime.config.ColumnKind;
import org.geocsp.knime.config.Setting;
import org.geocsp.knime.config.SettingType;
import org.geocsp.knime.config.SettingValues;
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
import org.knime.core.node.defaultnodesettings.SettingsModelDouble;
import org.knime.core.node.defaultnodesettings.SettingsModelInteger;
import org.knime.core.node.defaultnodesettings.SettingsModelLong;
import org.knime.core.node.defaultnodesettings.SettingsModelNumber;
import org.knime.core.node.defaultnodesettings.SettingsModelString;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.util.ColumnFilter;

/**
 * A dialog built from a node's {@link Setting} list: one settings model per setting (same key and
 * value type as the node model reads), one dialog component each, one tab per setting tab. Every
 * setting is therefore also controllable by a flow variable (the dialog's flow-variable tab lists
 * the same keys).
 */
public class SettingsDialog extends DefaultNodeSettingsPane {

    /** Settings kept without a component (their input port is absent), with their current values. */
    private final List<Setting> m_hidden = new ArrayList<>();
    private SettingValues m_hiddenValues;

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
                m_hidden.add(s);
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
        m_hiddenValues = SettingValues.defaults(m_hidden);
    }

    @Override
    public void loadAdditionalSettingsFrom(final NodeSettingsRO settings, final PortObjectSpec[] specs)
        throws NotConfigurableException {
        SettingValues v = SettingValues.defaults(m_hidden);
        for (Setting s : m_hidden) {
            try {
                v = v.with(s, nullToEmpty(settings.getString(s.key(), "")));
            } catch (IllegalArgumentException e) {
                // keep the default
            }
        }
        m_hiddenValues = v;
    }

    @Override
    public void saveAdditionalSettingsTo(final NodeSettingsWO settings) throws InvalidSettingsException {
        m_hiddenValues.save(KnimeConfigStore.writing(settings));
    }

    private static String nullToEmpty(final String s) {
        return s == null ? "" : s;
    }

    /** The settings model of a setting (its key, type and default). */
    public static SettingsModel model(final Setting s) {
        return switch (s.type()) {
            case STRING, CHOICE, COLUMN -> new SettingsModelString(s.key(), (String)s.defaultValue());
            case INT -> new SettingsModelInteger(s.key(), (Integer)s.defaultValue());
            case LONG -> new SettingsModelLong(s.key(), (Long)s.defaultValue());
            case DOUBLE -> new SettingsModelDouble(s.key(), (Double)s.defaultValue());
            case BOOLEAN -> new SettingsModelBoolean(s.key(), (Boolean)s.defaultValue());
        };
    }

    /** The dialog component of a setting. */
    public static DialogComponent component(final Setting s) {
        SettingsModel m = model(s);
        return switch (s.type()) {
            case STRING -> new DialogComponentString((SettingsModelString)m, s.label());
            case CHOICE -> new DialogComponentStringSelection((SettingsModelString)m, s.label(), s.choices());
            case INT -> new DialogComponentNumber((SettingsModelNumber)m, s.label(), 1);
            case LONG, DOUBLE -> new DialogComponentNumberEdit((SettingsModelNumber)m, s.label());
            case BOOLEAN -> new DialogComponentBoolean((SettingsModelBoolean)m, s.label());
            case COLUMN -> new DialogComponentColumnNameSelection((SettingsModelString)m, s.label(), s.port(), false,
                s.optional(), new KindFilter(s.columnKind()));
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
