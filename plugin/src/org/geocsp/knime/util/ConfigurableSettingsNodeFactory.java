package org.geocsp.knime.util;

import java.util.List;
import org.geocsp.knime.config.Setting;
import org.knime.core.node.ConfigurableNodeFactory;
import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeView;
import org.knime.core.node.context.NodeCreationConfiguration;

/**
 * The factory of a GeoCSP node with optional ports (added from the node's menu): no views, and the
 * dialog built from the node's {@link Setting} list, without components for the column settings of
 * input ports the node instance does not have.
 *
 * @param <M> the node model
 */
public abstract class ConfigurableSettingsNodeFactory<M extends NodeModel> extends ConfigurableNodeFactory<M> {

    /** The node's settings, in dialog order (the list its node model loads and saves). */
    protected abstract List<Setting> settings();

    @Override
    protected final NodeDialogPane createNodeDialogPane(final NodeCreationConfiguration creationConfig) {
        int inputPorts = creationConfig.getPortConfig().map(p -> p.getInputPorts().length).orElse(Integer.MAX_VALUE);
        return new SettingsDialog(settings(), inputPorts);
    }

    @Override
    protected final int getNrNodeViews() {
        return 0;
    }

    @Override
    public final NodeView<M> createNodeView(final int viewIndex, final M nodeModel) {
        throw new IndexOutOfBoundsException("no views");
    }

    @Override
    protected final boolean hasDialog() {
        return true;
    }
}
