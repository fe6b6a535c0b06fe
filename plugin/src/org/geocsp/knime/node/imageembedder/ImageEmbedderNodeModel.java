package org.geocsp.knime.node.imageembedder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.image.ImageEmbedder;
import org.geocsp.core.image.TorchScriptBackbone;
import org.geocsp.core.runtime.GeoRuntime;
import org.geocsp.core.table.ColumnInfo;
import org.geocsp.knime.config.ConfigException;
import org.geocsp.knime.config.ConfigStore;
import org.geocsp.knime.config.ImageEmbedderConfig;
import org.geocsp.knime.util.ColumnTypes;
import org.geocsp.knime.util.ConfigNodeModel;
import org.geocsp.knime.util.GeoCspRuntime;
import org.geocsp.knime.util.Problems;
import org.geocsp.knime.util.RowBatches;
import org.geocsp.knime.util.TableSpecs;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.StringValue;
import org.knime.core.data.append.AppendedColumnRow;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;
import org.knime.core.util.FileUtil;

/**
 * Appends image embeddings from a TorchScript backbone ({@link ImageEmbedder} in core) to a table
 * of image paths. Images that cannot be read get missing cells and a warning naming the rows (or
 * fail the node, as set).
 */
final class ImageEmbedderNodeModel extends ConfigNodeModel<ImageEmbedderConfig> {

    ImageEmbedderNodeModel() {
        super(new PortType[]{BufferedDataTable.TYPE}, new PortType[]{BufferedDataTable.TYPE},
            ImageEmbedderConfig.defaults());
    }

    @Override
    protected ImageEmbedderConfig loadConfig(final ConfigStore store) throws ConfigException {
        return ImageEmbedderConfig.load(store);
    }

    private int pathColumn(final DataTableSpec spec) throws InvalidSettingsException {
        try {
            return config().resolvePathColumn(ColumnTypes.of(spec));
        } catch (ConfigException e) {
            throw Problems.invalidSettings(e);
        }
    }

    @Override
    protected PortObjectSpec[] configure(final PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        validateConfig();
        DataTableSpec in = (DataTableSpec)inSpecs[0];
        pathColumn(in);
        List<ColumnInfo> appended = config().outputColumns(List.of(in.getColumnNames()), -1);
        // number columns: their count is known only once the backbone ran
        return new PortObjectSpec[]{appended == null ? null : new DataTableSpec(in, TableSpecs.create(appended))};
    }

    @Override
    protected PortObject[] executeNode(final PortObject[] inObjects, final ExecutionContext exec) throws Exception {
        validateConfig();
        BufferedDataTable table = (BufferedDataTable)inObjects[0];
        DataTableSpec inSpec = table.getDataTableSpec();
        int pathCol = pathColumn(inSpec);
        String runtimeWarning = GeoCspRuntime.ensureStarted();
        Path modelFile = resolve(config().modelFile().toString());
        List<String> bad = new ArrayList<>();
        long[] badCount = {0};
        try (TorchScriptBackbone backbone = TorchScriptBackbone.load(modelFile,
            GeoRuntime.resolveDevice(config().device(GeoCspRuntime.preferredDevice())))) {
            ImageEmbedder embedder = new ImageEmbedder(backbone, config().preprocessor(), config().batchSize());
            exec.setMessage("loading the backbone");
            int width = embedder.probeDimension();
            List<ColumnInfo> appended = config().outputColumns(List.of(inSpec.getColumnNames()), width);
            BufferedDataContainer c = exec.createDataContainer(new DataTableSpec(inSpec, TableSpecs.create(appended)));
            try {
                RowBatches.forEach(table, config().batchSize(), exec, "embedding image", (rows, first) -> {
                    List<Path> paths = new ArrayList<>(rows.size());
                    for (DataRow r : rows) {
                        DataCell cell = r.getCell(pathCol);
                        String s = cell.isMissing() ? ""
                            : cell instanceof StringValue sv ? sv.getStringValue() : cell.toString();
                        paths.add(s.isBlank() ? null : resolve(s.strip()));
                    }
                    List<ImageEmbedder.Result> res = embedder.embed(paths, first, () -> {
                        try {
                            exec.checkCanceled();
                            return false;
                        } catch (CanceledExecutionException e) {
                            return true;
                        }
                    });
                    for (int i = 0; i < rows.size(); i++) {
                        ImageEmbedder.Result r = res.get(i);
                        if (!r.ok()) {
                            if (config().failOnBadImage()) {
                                throw new InvalidSettingsException("no embedding for " + r.message()
                                    + " (row ID " + rows.get(i).getKey() + ")");
                            }
                            badCount[0]++;
                            if (bad.size() < 3) {
                                bad.add(r.message());
                            }
                        }
                        c.addRowToTable(new AppendedColumnRow(rows.get(i),
                            TableSpecs.cells(appended, config().appendedValues(r.embedding(), width))));
                    }
                });
            } catch (CancellationException e) {
                throw new CanceledExecutionException(e.getMessage());
            } finally {
                c.close();
            }
            warn(runtimeWarning, badCount[0] == 0 ? null : badCount[0] + " image(s) could not be read and have missing"
                + " embeddings, e.g. " + String.join("; ", bad));
            return new PortObject[]{c.getTable()};
        } catch (InvalidInputException e) {
            throw Problems.invalidSettings(e);
        }
    }

    /** A local path or a KNIME URL ({@code knime://knime.workflow/...}) as a local path. */
    static Path resolve(final String pathOrUrl) throws InvalidSettingsException {
        try {
            return FileUtil.resolveToPath(FileUtil.toURL(pathOrUrl));
        } catch (Exception e) {
            throw new InvalidSettingsException("'" + pathOrUrl + "' is not a local file or KNIME URL ("
                + e.getMessage() + ")", e);
        }
    }
}
