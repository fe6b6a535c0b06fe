package org.geocsp.knime.node.imagereader;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.image.PhotoScan;
import org.geocsp.core.table.ColumnInfo;
import org.geocsp.knime.config.ConfigException;
import org.geocsp.knime.config.ConfigStore;
import org.geocsp.knime.config.GeotaggedImageReaderConfig;
import org.geocsp.knime.util.ConfigNodeModel;
import org.geocsp.knime.util.Problems;
import org.geocsp.knime.util.TableSpecs;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.RowKey;
import org.knime.core.data.def.DefaultRow;
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
 * Reads the geotagged photos of a folder ({@link PhotoScan} in core) into a table: path, longitude,
 * latitude, altitude, time, make, model, width, height. The folder may be a local path or a KNIME
 * URL ({@code knime://knime.workflow/...}).
 */
final class GeotaggedImageReaderNodeModel extends ConfigNodeModel<GeotaggedImageReaderConfig> {

    GeotaggedImageReaderNodeModel() {
        super(new PortType[0], new PortType[]{BufferedDataTable.TYPE}, GeotaggedImageReaderConfig.defaults());
    }

    @Override
    protected GeotaggedImageReaderConfig loadConfig(final ConfigStore store) throws ConfigException {
        return GeotaggedImageReaderConfig.load(store);
    }

    @Override
    protected PortObjectSpec[] configure(final PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        validateConfig();
        return new PortObjectSpec[]{TableSpecs.create(GeotaggedImageReaderConfig.outputColumns())};
    }

    @Override
    protected PortObject[] executeNode(final PortObject[] inObjects, final ExecutionContext exec) throws Exception {
        validateConfig();
        PhotoScan.Settings s = config().scanSettings();
        Path folder = resolve(s.folder().toString());
        s = new PhotoScan.Settings(folder, s.pattern(), s.recursive(), s.missingLocation());
        exec.setMessage("listing " + folder);
        PhotoScan.Result r;
        try {
            r = PhotoScan.scan(s, new PhotoScan.Listener() {
                @Override
                public void progress(final int done, final int total, final Path file) {
                    exec.setProgress(done / (double)Math.max(1, total), () -> "photo " + done + " of " + total);
                }

                @Override
                public boolean cancelled() {
                    try {
                        exec.checkCanceled();
                        return false;
                    } catch (CanceledExecutionException e) {
                        return true;
                    }
                }
            });
        } catch (CancellationException e) {
            throw new CanceledExecutionException(e.getMessage());
        } catch (InvalidInputException e) {
            throw Problems.invalidSettings(e);
        }
        List<ColumnInfo> cols = GeotaggedImageReaderConfig.outputColumns();
        DataTableSpec spec = TableSpecs.create(cols);
        BufferedDataContainer c = exec.createDataContainer(spec);
        try {
            for (int i = 0; i < r.photos().size(); i++) {
                c.addRowToTable(new DefaultRow(RowKey.createRowKey((long)i),
                    TableSpecs.cells(cols, GeotaggedImageReaderConfig.rowValues(r.photos().get(i)))));
            }
        } finally {
            c.close();
        }
        warn(GeotaggedImageReaderConfig.warning(r));
        return new PortObject[]{c.getTable()};
    }

    /** A local path or a KNIME URL as a local path. */
    static Path resolve(final String pathOrUrl) throws InvalidSettingsException {
        try {
            return FileUtil.resolveToPath(FileUtil.toURL(pathOrUrl));
        } catch (Exception e) {
            throw new InvalidSettingsException("'" + pathOrUrl + "' is not a local folder or KNIME URL ("
                + e.getMessage() + ")", e);
        }
    }
}
