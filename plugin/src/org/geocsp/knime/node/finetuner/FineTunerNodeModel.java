package org.geocsp.knime.node.finetuner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.geocsp.core.data.GeoDataset;
import org.geocsp.core.model.GeoModel;
import org.geocsp.core.runtime.DeviceChoice;
import org.geocsp.core.runtime.GeoRuntime;
import org.geocsp.core.train.FineTuneSettings;
import org.geocsp.core.train.FineTuner;
import org.geocsp.core.table.ColumnInfo;
import org.geocsp.knime.config.ConfigException;
import org.geocsp.knime.config.ConfigStore;
import org.geocsp.knime.config.DataColumns;
import org.geocsp.knime.config.FineTunerConfig;
import org.geocsp.core.train.StatisticsTable;
import org.geocsp.knime.port.GeoModelPortObject;
import org.geocsp.knime.port.GeoModelPortObjectSpec;
import org.geocsp.knime.util.DatasetReader;
import org.geocsp.knime.util.ExecutionProgress;
import org.geocsp.knime.util.StatisticsTables;
import org.geocsp.knime.util.TrainingNodeModel;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.StringValue;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;

/** Supervised fine-tuning (core's {@link FineTuner}) of the input model on a labelled table. */
final class FineTunerNodeModel extends TrainingNodeModel<FineTunerConfig, FineTuneSettings> {

    FineTunerNodeModel() {
        super(new PortType[]{GeoModelPortObject.TYPE, BufferedDataTable.TYPE},
            new PortType[]{GeoModelPortObject.TYPE, BufferedDataTable.TYPE}, FineTunerConfig.defaults(),
            FineTunerConfig.TRAINER);
    }

    @Override
    protected FineTunerConfig loadConfig(final ConfigStore store) throws ConfigException {
        return FineTunerConfig.load(store);
    }

    @Override
    protected DataColumns resolveColumns(final FineTunerConfig config, final List<ColumnInfo> table)
        throws ConfigException {
        return config.resolveColumns(table);
    }

    /** The label column's domain values as strings (in domain order), or empty if it has none. */
    private static List<String> domain(final DataColumnSpec label) {
        List<String> out = new ArrayList<>();
        Set<DataCell> values = label.getDomain().getValues();
        if (values != null) {
            for (DataCell c : values) {
                if (!c.isMissing()) {
                    out.add(c instanceof StringValue sv ? sv.getStringValue() : c.toString());
                }
            }
        }
        return out;
    }

    @Override
    protected PortObjectSpec[] configure(final PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        validateConfig();
        GeoModelPortObjectSpec model = (GeoModelPortObjectSpec)inSpecs[0];
        DataTableSpec table = (DataTableSpec)inSpecs[1];
        DataColumns cols = columns(table);
        DataTableSpec stats = StatisticsTables.spec(StatisticsTable.forFineTuning(config().loss(),
            config().trainsImageClassifier()));
        if (model == null) {
            return new PortObjectSpec[]{null, stats};
        }
        List<String> labels = domain(table.getColumnSpec(cols.label()));
        return new PortObjectSpec[]{new GeoModelPortObjectSpec(config().outputSpec(model.facts(), labels, cols)),
            stats};
    }

    @Override
    protected FineTuneSettings coreSettings(final FineTunerConfig config, final DeviceChoice preferredDevice) {
        return config.toCore(preferredDevice);
    }

    @Override
    protected StatisticsTable statisticsTable(final FineTuneSettings settings) {
        return StatisticsTable.forFineTuning(settings.loss(), settings.imageClassifier());
    }

    @Override
    protected Path checkpointDir(final FineTuneSettings settings) {
        return settings.trainer().checkpointDir();
    }

    /** The labelled rows; classes numbered in the label column's domain order when it has one. */
    @Override
    protected Input read(final BufferedDataTable table, final DataColumns columns, final ExecutionMonitor exec)
        throws Exception {
        List<String> domain = domain(table.getDataTableSpec().getColumnSpec(columns.label()));
        DatasetReader.Result read = DatasetReader.read(table, columns, domain, exec.createSubProgress(0.6));
        String domainWarning = null;
        if (hasEmptyClass(read.dataset())) {
            // a stale domain (e.g. after a row filter) lists classes without rows: number the classes present only
            read.dataset().close();
            read = DatasetReader.read(table, columns, List.of(), exec.createSubProgress(0.4));
            domainWarning = "Some values of the label column's domain occur in no row; the model's classes are the "
                + read.dataset().numClasses() + " labels present.";
        }
        return new Input(read.dataset(), Arrays.asList(read.warning(), domainWarning));
    }

    @Override
    protected Trained train(final GeoModelPortObject modelIn, final GeoDataset data, final FineTuneSettings settings,
        final ExecutionProgress progress, final Path checkpoint) throws Exception {
        FineTuner.Result r;
        if (checkpoint != null) {
            r = FineTuner.resume(checkpoint, data, settings, progress);
        } else {
            try (GeoModel encoder = modelIn.loadModel(GeoRuntime.resolveDevice(settings.trainer().device()))) {
                r = FineTuner.run(encoder, data, settings, progress);
            }
        }
        return new Trained(r.model(), r.training());
    }

    private static boolean hasEmptyClass(final GeoDataset d) {
        int[] counts = new int[d.numClasses()];
        for (int l : d.labelArray()) {
            counts[l]++;
        }
        for (int c : counts) {
            if (c == 0) {
                return true;
            }
        }
        return false;
    }
}
