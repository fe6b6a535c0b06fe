package org.geocsp.knime.util;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.geocsp.core.data.GeoDataset;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.model.GeoModel;
import org.geocsp.core.runtime.DeviceChoice;
import org.geocsp.core.train.Checkpoints;
import org.geocsp.core.train.TrainingCancelledException;
import org.geocsp.core.train.TrainingResult;
import org.geocsp.core.table.ColumnInfo;
import org.geocsp.knime.config.ConfigException;
import org.geocsp.knime.config.DataColumns;
import org.geocsp.knime.config.NodeConfig;
import org.geocsp.core.train.StatisticsTable;
import org.geocsp.knime.config.TrainerConfig;
import org.geocsp.knime.port.GeoModelPortObject;
import org.knime.core.data.DataTableSpec;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortType;

/**
 * A node that trains the model at input port 0 on the table at input port 1 and outputs the trained
 * model and its statistics table (the Contrastive Pretrainer and the Fine-Tuner). The execution is
 * one skeleton: core settings built once, the table read and the training run inside the handling
 * that turns bad input into a node message naming the setting, column or row, cancellation, resume
 * from a checkpoint, saving the model and the history, warnings.
 *
 * @param <C> the node's config
 * @param <S> core's settings of the training
 */
public abstract class TrainingNodeModel<C extends NodeConfig, S> extends ConfigNodeModel<C> {

    /** The rows read for training, and warnings about rows left out. */
    public record Input(GeoDataset dataset, List<String> warnings) {}

    /** A trained model and its training history; closing closes the model. */
    public record Trained(GeoModel model, TrainingResult training) implements AutoCloseable {
        @Override
        public void close() {
            model.close();
        }
    }

    private final TrainerConfig m_trainer;

    /**
     * @param in input ports (model, table)
     * @param out output ports (model, statistics)
     * @param defaults the default config
     * @param trainer the node's training settings (checkpoint and resume)
     */
    protected TrainingNodeModel(final PortType[] in, final PortType[] out, final C defaults,
        final TrainerConfig trainer) {
        super(in, out, defaults);
        m_trainer = trainer;
    }

    /** Core's settings of the current config (validated by core). */
    protected abstract S coreSettings(C config, DeviceChoice preferredDevice);

    /** The layout of the statistics table. */
    protected abstract StatisticsTable statisticsTable(S settings);

    /** The checkpoint folder of the settings, or null. */
    protected abstract Path checkpointDir(S settings);

    /** Reads the training rows. */
    protected abstract Input read(BufferedDataTable table, DataColumns columns, ExecutionMonitor exec)
        throws Exception;

    /**
     * Trains the input model, or resumes from {@code checkpoint} when it is not null.
     *
     * @param modelIn the input model (load it with {@link GeoModelPortObject#loadModel})
     */
    protected abstract Trained train(GeoModelPortObject modelIn, GeoDataset data, S settings,
        ExecutionProgress progress, Path checkpoint) throws Exception;

    /** The columns of a table the config selects. */
    protected abstract DataColumns resolveColumns(C config, List<ColumnInfo> table) throws ConfigException;

    /** The columns of the table the config selects, as a node message when they cannot be resolved. */
    protected final DataColumns columns(final DataTableSpec table) throws InvalidSettingsException {
        try {
            return resolveColumns(config(), ColumnTypes.of(table));
        } catch (ConfigException e) {
            throw Problems.invalidSettings(e);
        }
    }

    @Override
    protected final PortObject[] executeNode(final PortObject[] inObjects, final ExecutionContext exec)
        throws Exception {
        Problems.throwIfAny(config().values().rangeProblems());
        S settings;
        try {
            settings = coreSettings(config(), GeoCspRuntime.preferredDevice());
        } catch (InvalidInputException e) {
            throw Problems.invalidSettings(e);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
        GeoModelPortObject modelIn = (GeoModelPortObject)inObjects[0];
        BufferedDataTable table = (BufferedDataTable)inObjects[1];
        DataColumns cols = columns(table.getDataTableSpec());
        String runtimeWarning = GeoCspRuntime.ensureStarted();
        Path ckpt = checkpointDir(settings);
        boolean resume = config().values().getBoolean(m_trainer.resume) && ckpt != null && Checkpoints.exists(ckpt);
        try {
            Input input = read(table, cols, exec.createSubProgress(0.05));
            ExecutionProgress progress = new ExecutionProgress(exec.createSubProgress(0.9), getLogger());
            try (GeoDataset data = input.dataset();
                    Trained result = train(modelIn, data, settings, progress, resume ? ckpt : null)) {
                exec.setProgress(0.96, "saving the model");
                GeoModelPortObject out = GeoModelPortObject.create(result.model(), exec);
                BufferedDataTable stats =
                    StatisticsTables.write(statisticsTable(settings), result.training().history(), exec);
                TrainingResult t = result.training();
                List<String> warnings = new ArrayList<>();
                warnings.add(runtimeWarning);
                warnings.addAll(input.warnings());
                warnings.add(t.status() == TrainingResult.Status.COMPLETED ? null : t.message());
                warnings.add(resume ? "Resumed from the checkpoint in " + ckpt : null);
                warn(warnings.toArray(String[]::new));
                return new PortObject[]{out, stats};
            }
        } catch (TrainingCancelledException e) {
            throw new CanceledExecutionException(e.getMessage());
        } catch (InvalidInputException e) {
            throw Problems.invalidSettings(e);
        }
    }
}
