package org.geocsp.knime.port;

import java.awt.BorderLayout;
import java.util.List;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTabbedPane;
import javax.swing.JTable;
import javax.swing.table.DefaultTableModel;
import org.geocsp.core.model.ModelStage;
import org.geocsp.core.model.ModelSummary;
import org.geocsp.core.model.TrainingHistory;

/** The model port's view: the architecture and, per training stage, the epoch history. */
final class GeoModelView extends JPanel {

    private static final long serialVersionUID = 1L;

    GeoModelView(final GeoModelPortObjectSpec spec) {
        super(new BorderLayout());
        setName("GeoCSP model");
        add(new JLabel(spec.summary()), BorderLayout.NORTH);
        JTabbedPane tabs = new JTabbedPane();
        List<Object[]> rows = ModelSummary.rows(spec.getModelSpec(), spec.isImageDimKnown(), spec.isClassLabelsKnown())
            .stream().map(r -> new Object[] {r.label(), r.value()}).toList();
        tabs.addTab("Architecture", table(List.of("property", "value"), rows));
        for (ModelStage stage : TrainingHistory.STAGES) {
            TrainingHistory.Table h = TrainingHistory.of(spec.getModelSpec(), stage);
            if (!h.rows().isEmpty()) {
                tabs.addTab(stage == ModelStage.PRETRAINED ? "Pre-training history" : "Fine-tuning history",
                    table(h.columns(), h.rows()));
            }
        }
        add(tabs, BorderLayout.CENTER);
    }

    private static JScrollPane table(final List<String> columns, final List<Object[]> rows) {
        DefaultTableModel m = new DefaultTableModel(columns.toArray(), 0) {
            private static final long serialVersionUID = 1L;

            @Override
            public boolean isCellEditable(final int row, final int column) {
                return false;
            }
        };
        for (Object[] r : rows) {
            m.addRow(r);
        }
        JTable table = new JTable(m);
        table.setAutoCreateRowSorter(true);
        return new JScrollPane(table);
    }
}
