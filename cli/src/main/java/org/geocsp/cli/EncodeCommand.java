package org.geocsp.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.geocsp.cli.io.CsvInput;
import org.geocsp.cli.io.CsvTableWriter;
import org.geocsp.core.encode.EncoderRegistry;
import org.geocsp.core.io.AtomicFiles;
import org.geocsp.core.io.OutputPreflight;
import org.geocsp.core.encode.EncoderSpec;
import org.geocsp.core.encode.PositionEncoder;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.geo.LongitudePolicy;
import org.geocsp.core.nn.StackSpec;
import org.geocsp.core.runtime.DeviceChoice;
import org.geocsp.core.runtime.GeoRuntime;
import org.geocsp.core.runtime.GradMode;
import org.geocsp.core.table.Header;
import org.geocsp.core.table.MissingValuePolicy;
import org.geocsp.core.table.RowValidator;
import org.geocsp.core.table.TableSchema;
import org.geocsp.core.table.TextRow;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code geocsp encode}: writes the position encoding ({@code --raw}) or the location embedding
 * of a trained stack ({@code --weights}) for every row of a {@code lon,lat} CSV. A stable contract
 * used by other tools: output header {@code e0,e1,...}, one row per input row in input order,
 * float32 values written as the shortest text that parses back to the same float.
 */
@Command(name = "encode", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Encode locations (CSV with header lon,lat, degrees) with a position encoder, raw or through"
                + " a trained stack. Writes a CSV with header e0,e1,... and one row per input row.",
            "",
            "With --weights the stack is the encoder's published one: the CSP feed-forward network (LayerNorm,"
                    + " skip connections; --hidden-layers hidden layers of --hidden-dim, output --output-dim,"
                    + " --activation) for most encoders; for wrap the residual network of Mac Aodha et al."
                    + " (--hidden-layers residual blocks of width --hidden-dim; --output-dim must equal it and"
                    + " defaults to it); for spherical_harmonics the SatCLIP SIREN (--hidden-layers sine layers of"
                    + " --hidden-dim, then a linear layer to --output-dim; --activation is ignored). Options not"
                    + " given keep that stack's defaults (CSP: 1 x 512 -> 256, leakyrelu; wrap: 4 x 256, relu;"
                    + " spherical_harmonics: 2 x 256 -> 256). Dropout does not apply (eval mode). Tensors are read"
                    + " under reference PyTorch names (loc_enc.spa_enc.ffn.*, spa_enc.*, feats.*, nnet.*;"
                    + " rbf anchors, rff W and b, the tile_ffn table as loc_enc.spa_enc.anchors/W/b/embedding);"
                    + " img_dec.*, class_emb.*, user_emb.* are ignored.",
            ""})
final class EncodeCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    @Option(names = "--encoder", required = true, description = "Position encoder (paper name or reference alias,"
            + " e.g. Space2Vec-grid or gridcell); a wrong name lists the valid ones.")
    String encoderName;

    @Mixin
    EncoderOptions encoderOptions;

    @Option(names = "--raw", description = "Write the position encoding PE(x) before any trainable layer.")
    boolean raw;

    @ArgGroup(exclusive = false, heading = "%nTrained stack (instead of --raw):%n")
    StackWeights weights;

    @Option(names = "--input", required = true, description = "Input CSV with header lon,lat (degrees).")
    Path input;

    @Option(names = "--output", required = true, description = "Output CSV, header e0,e1,...; one row per input row."
            + " Written to a temporary file and moved into place when complete.")
    Path output;

    @Option(names = "--batch-size")
    int batchSize;

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or gpuN (default ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--wrap-longitude", description = "Wrap longitudes outside [-180, 180] instead of rejecting the row.")
    boolean wrapLongitude;

    /** The trained-stack options that go with {@code --weights}. */
    static final class StackWeights {
        @Option(names = "--weights", required = true, paramLabel = "FILE.safetensors",
                description = "safetensors file with the location encoder's parameters under reference names.")
        Path file;

        @Option(names = "--hidden-layers", paramLabel = "N",
                description = "Hidden layers (FFN, SIREN) or residual blocks (wrap) (default: the encoder's stack).")
        Integer hiddenLayers;

        @Option(names = "--hidden-dim", paramLabel = "D", description = "Hidden width (default: the encoder's stack).")
        Integer hiddenDim;

        @Option(names = "--output-dim", paramLabel = "K",
                description = "Embedding width (default: the encoder's stack; wrap: the hidden width).")
        Integer outputDim;

        @Option(names = "--activation", paramLabel = "A",
                description = "leakyrelu, relu, gelu, tanh or sigmoid (default: the encoder's stack; ignored by SIREN).")
        String activation;
    }

    /** Maps a float64 (B, 2) batch of lon/lat degrees to float32 (B, D) features. */
    interface Encoder extends AutoCloseable {
        int dim();

        NDArray apply(NDArray lonLat, NDManager step);

        @Override
        default void close() {}
    }

    @Override
    public Integer call() throws Exception {
        OutputPreflight.create().input("--input", input).input("--weights", weights == null ? null : weights.file)
                .outputFile("--output", output).check();
        if (raw == (weights != null)) {
            throw new InvalidInputException(raw ? "give either --raw or --weights, not both"
                    : "nothing to encode with: give --raw (position encoding) or --weights FILE.safetensors (trained stack)");
        }
        encoderOptions.encoder = encoderName;
        EncoderSpec encoderSpec = encoderOptions.spec(); // validates the name before the engine starts
        StackSpec stack = weights == null ? null : EncodeWithWeights.stackSpec(encoderSpec, weights);
        if (weights != null && !Files.isRegularFile(weights.file)) {
            throw new InvalidInputException("--weights: file " + weights.file + " does not exist");
        }
        if (!Files.isRegularFile(input)) {
            throw new InvalidInputException("--input: file " + input + " does not exist");
        }
        Device dev = GeoRuntime.resolveDevice(DeviceChoice.parse(device));
        long rows;
        int dim;
        try (NDManager manager = GeoRuntime.manager(dev);
                GradMode noGrad = GradMode.disabled();
                Encoder enc = raw ? rawEncoder(encoderSpec, manager)
                        : EncodeWithWeights.encoder(encoderSpec, stack, weights.file, manager)) {
            dim = enc.dim();
            rows = writeEncoded(enc, manager);
        }
        commandSpec.commandLine().getErr().println("geocsp encode: " + rows + " rows x " + dim + " features -> "
                + output);
        return 0;
    }

    private static Encoder rawEncoder(EncoderSpec spec, NDManager manager) {
        PositionEncoder pe = EncoderRegistry.create(spec);
        pe.initialize(manager, DataType.FLOAT32, new Shape(1, 2));
        ParameterStore ps = new ParameterStore(manager, false);
        return new Encoder() {
            @Override
            public int dim() {
                return pe.outputDim();
            }

            @Override
            public NDArray apply(NDArray lonLat, NDManager step) {
                return pe.forward(ps, new NDList(lonLat), false).head();
            }
        };
    }

    /** Streams the input in batches into the output, written atomically ({@link AtomicFiles}). */
    private long writeEncoded(Encoder enc, NDManager manager) throws IOException {
        long[] row = {0};
        AtomicFiles.write(output, os -> {
            try (CsvInput in = CsvInput.open(input);
                    BufferedWriter out = new BufferedWriter(new OutputStreamWriter(os, CsvTableWriter.CHARSET))) {
                Header h = in.header();
                int lonIdx = h.require("lon", "longitude");
                int latIdx = h.require("lat", "latitude");
                RowValidator rows = new RowValidator(in.where(),
                        TableSchema.location(h.size(), lonIdx, h.name(lonIdx), latIdx, h.name(latIdx)),
                        MissingValuePolicy.FAIL, wrapLongitude ? LongitudePolicy.WRAP : LongitudePolicy.REJECT, false,
                        null);
                TextRow cells = new TextRow();
                StringBuilder header = new StringBuilder();
                for (int j = 0; j < enc.dim(); j++) {
                    header.append(j == 0 ? "" : DELIMITER).append('e').append(j);
                }
                out.write(header.append(LINE_END).toString());
                double[] flat = new double[2 * batchSize];
                int n = 0;
                for (List<String> r = in.next(); r != null; r = in.next()) {
                    row[0]++;
                    if (rows.validate(in.row(), null, cells.of(r)) && rows.problems().isEmpty()) {
                        flat[2 * n] = rows.lon();
                        flat[2 * n + 1] = rows.lat();
                        n++;
                    }
                    if (n == batchSize) {
                        encodeBatch(enc, manager, flat, n, out);
                        n = 0;
                    }
                }
                if (n > 0 && rows.problems().isEmpty()) {
                    encodeBatch(enc, manager, flat, n, out);
                }
                rows.problems().throwIfAny(); // a header without rows gives a header without rows
            } catch (java.io.UncheckedIOException e) {
                throw e.getCause();
            }
        });
        return row[0];
    }

    /** Encodes the first n coordinate pairs of {@code flat} and writes their rows. */
    private static void encodeBatch(Encoder enc, NDManager manager, double[] flat, int n, BufferedWriter out)
            throws IOException {
        try (NDManager step = manager.newSubManager()) {
            NDArray coords = step.create(Arrays.copyOf(flat, 2 * n)).reshape(n, 2);
            float[] values = enc.apply(coords, step).toType(DataType.FLOAT32, false).toFloatArray();
            writeRows(out, values, n, enc.dim());
        }
    }

    private static void writeRows(BufferedWriter out, float[] values, int n, int dim) throws IOException {
        StringBuilder sb = new StringBuilder(dim * 12);
        for (int i = 0; i < n; i++) {
            sb.setLength(0);
            for (int j = 0; j < dim; j++) {
                if (j > 0) {
                    sb.append(DELIMITER);
                }
                sb.append(values[i * dim + j]);
            }
            out.write(sb.append(LINE_END).toString());
        }
    }

    private static final String DELIMITER = CsvTableWriter.FORMAT.getDelimiterString();
    private static final String LINE_END = CsvTableWriter.FORMAT.getRecordSeparator();
}
