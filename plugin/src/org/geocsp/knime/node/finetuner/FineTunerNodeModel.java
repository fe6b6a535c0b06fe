package org.geocsp.knime.node.finetuner;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.geocsp.core.data.GeoDataset;
import org.geocsp.core.geo.InvalidInputException;
import org.geocsp.core.model.GeoModel;
import org.geocsp.core.model.ModelSpec;
import org.geocsp.core.model.ModelStage;
import org.geocsp.core.runtime.GeoRuntime;
import org.geocsp.core.train.Checkpoints;
import org.geocsp.core.train.FineTuneSettings;
import org.geocsp.core.train.FineTuner;
import org.geocsp.core.train.TrainingCancelledException;
import org.geocsp.core.train.TrainingResult;
import org.geocsp.knime.config.ConfigException;
import org.geocsp.knime.config.ConfigStore;
import org.geocsp.knime.config.DataColumns;
import org.geocsp.knime.config.FineTunerConfig;
import org.geocsp.knime.config.StatisticsTable;
import org.geocsp.knime.port.GeoModelPortObject;
import org.geocsp.knime.port.GeoModelPortObjectSpec;
import org.geocsp.knime.util.ColumnTypes;
import org.geocsp.knime.util.ConfigNodeModel;
import org.geocsp.knime.util.DatasetReader;
import org.geocsp.knime.util.ExecutionProgress;
import org.geocsp.knime.util.GeoCspRuntime;
import org.geocsp.knime.util.Problems;
import org.geocsp.knime.util.StatisticsTables;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.StringValue;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;

/** Supervised fine-tuning (core's {@link FineTuner}) of the input model on a labelled table. */
final class FineTunerNodeModel extends ConfigNodeModel<FineTunerConfig> {

    FineTunerNodeModel() {
        super(new PortType[]{GeoModelPortObject.TYPE, BufferedDataTable.TYPE},
            new PortType[]{GeoModelPortObject.TYPE, BufferedDataTable.TYPE}, FineTunerConfig.defaults());
    }

    @Override
    protected FineTunerConfig loadConfig(final ConfigStore store) throws ConfigException {
        return FineTunerConfig.load(store);
    }

    private DataColumns columns(final DataTableSpec table) throws InvalidSettingsException {
        try {
            return config().resolveColumns(ColumnTypes.of(table));
        } catch (ConfigException e) {
            throw Problems.invalidSettings(e);
        }
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
        ModelSpec out = model.getModelSpec().withClassLabels(labels).withStage(ModelStage.FINETUNED);
        if (cols.embedding() != null && cols.embedding().width() > 0 && !labels.isEmpty()) {
            out = out.withImageClassifier(cols.embedding().width());
        }
        return new PortObjectSpec[]{new GeoModelPortObjectSpec(out, model.isImageDimKnown(), !labels.isEmpty()),
            stats};
    }

    @Override
    protected PortObject[] execute(final PortObject[] inObjects, final ExecutionContext exec) throws Exception {
        validateConfig();
        GeoModelPortObject modelIn = (GeoModelPortObject)inObjects[0];
        BufferedDataTable table = (BufferedDataTable)inObjects[1];
        DataColumns cols = columns(table.getDataTableSpec());
        String runtimeWarning = GeoCspRuntime.ensureStarted();
        FineTuneSettings settings;
        try {
            settings = config().toCore(GeoCspRuntime.preferredDevice());
        } catch (InvalidInputException e) {
            throw Problems.invalidSettings(e);
        }
        StatisticsTable statsTable = StatisticsTable.forFineTuning(settings.loss(),
            settings.imageClassifier());
        ExecutionProgress progress = new ExecutionProgress(exec.createSubProgress(0.9), getLogger());
        List<String> domain = domain(table.getDataTableSpec().getColumnSpec(cols.label()));
        DatasetReader.Result read = DatasetReader.read(table, cols, domain, exec.createSubProgress(0.03));
        String domainWarning = null;
        if (hasEmptyClass(read.dataset())) {
            // a stale domain (e.g. after a row filter) lists classes without rows: number the classes present only
            read.dataset().close();
            read = DatasetReader.read(table, cols, List.of(), exec.createSubProgress(0.02));
            domainWarning = "Some values of the label column's domain occur in no row; the model's classes are the "
                + read.dataset().numClasses() + " labels present.";
        }
        final DatasetReader.Result data = read;
        try (GeoDataset labelled = data.dataset()) {
            Path ckpt = settings.trainer().checkpointDir();
            boolean resume = config().values().getBoolean(FineTunerConfig.TRAINER.resume) && ckpt != null
                && Checkpoints.exists(ckpt);
            FineTuner.Result result = GeoRuntime.callWithContextClassLoader(() -> {
                if (resume) {
                    return FineTuner.resume(ckpt, labelled, settings, progress);
                }
                Device device = GeoRuntime.resolveDevice(settings.trainer().device());
                try (GeoModel encoder = modelIn.loadModel(device)) {
                    return FineTuner.run(encoder, labelled, settings, progress);
                }
            });
            try (result) {
                exec.setProgress(0.96, "saving the model");
                GeoModelPortObject out = GeoModelPortObject.create(result.model(), exec);
                BufferedDataTable stats = StatisticsTables.write(statsTable, result.training().history(), exec);
                TrainingResult t = result.training();
                warn(runtimeWarning, data.warning(), domainWarning,
                    t.status() == TrainingResult.Status.COMPLETED ? null : t.message(),
                    resume ? "Resumed from the checkpoint in " + ckpt : null);
                return new PortObject[]{out, stats};
            }
        } catch (TrainingCancelledException e) {
            throw new CanceledExecutionException(e.getMessage());
        } catch (InvalidInputException e) {
            throw Problems.invalidSettings(e);
        }
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
