package org.geocsp.core.train;

import org.geocsp.core.model.EpochStats;
import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.geocsp.core.io.AtomicFiles;
import org.geocsp.core.model.GeoModel;
import org.geocsp.core.model.ModelFile;
import org.geocsp.core.model.Safetensors;
import org.geocsp.core.runtime.Tensors;

/**
 * Per-epoch checkpoints of a training run, so that a run can be resumed and continues exactly as
 * an uninterrupted one. A checkpoint folder holds, for the last completed epoch N:
 * {@code epoch-N.geocsp} (the model file), {@code epoch-N.state.safetensors} (optimiser moments,
 * task-owned parameters and state, the best-epoch snapshot) and {@code checkpoint.json} (epoch
 * counters, early-stopping state, history). Each file is written atomically and
 * {@code checkpoint.json} last, so an interrupted write leaves the previous checkpoint valid.
 */
public final class Checkpoints {

    /** The name of the file that marks a complete checkpoint. */
    public static final String INDEX = "checkpoint.json";

    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().setPrettyPrinting()
            .create();

    private Checkpoints() {}

    /**
     * The counters of a run at the end of an epoch.
     *
     * @param epochsDone completed epochs
     * @param globalStep steps done
     * @param epochsWithoutImprovement early-stopping counter
     * @param bestEpoch 1-based epoch of the best snapshot, 0 if none
     * @param bestMetric its validation metric
     * @param history the epochs so far
     */
    public record Progress(int epochsDone, long globalStep, int epochsWithoutImprovement, int bestEpoch,
            double bestMetric, List<EpochStats> history) {}

    /** What {@link #write} stored, as read back for a resume. */
    public record State(int epochsDone, long globalStep, long optimizerStep, int epochsWithoutImprovement,
            int bestEpoch, double bestMetric, List<EpochStats> history, Map<String, NDArray> optimizerState,
            Map<String, NDArray> extraParameters, Map<String, NDArray> taskState,
            Map<String, NDArray> bestParameters) {}

    private record Index(int formatVersion, int epochsDone, long globalStep, long optimizerStep,
            int epochsWithoutImprovement, int bestEpoch, double bestMetric, String modelFile, String stateFile,
            List<EpochStats> history) {}

    static void write(Path dir, GeoModel model, TrainingTask task, AdamOptimizer optimizer, Progress p,
            Map<String, NDArray> best) throws IOException {
        Files.createDirectories(dir);
        String stem = String.format(Locale.ROOT, "epoch-%04d", p.epochsDone());
        String modelName = stem + ".geocsp";
        String stateName = stem + ".state.safetensors";
        ModelFile.save(model, dir.resolve(modelName));
        Safetensors.Writer w = new Safetensors.Writer().metadata("geocsp.checkpoint_epoch",
                Integer.toString(p.epochsDone()));
        optimizer.state().forEach((k, a) -> add(w, "opt/" + k, a));
        task.extraParameters().forEach((k, prm) -> add(w, "extra/" + k, prm.getArray()));
        task.state().forEach((k, a) -> add(w, "task/" + k, a));
        best.forEach((k, a) -> add(w, "best/" + k, a));
        AtomicFiles.write(dir.resolve(stateName), w::writeTo);
        Index index = new Index(1, p.epochsDone(), p.globalStep(), optimizer.step(), p.epochsWithoutImprovement(),
                p.bestEpoch(), p.bestMetric(), modelName, stateName, p.history());
        AtomicFiles.write(dir.resolve(INDEX), os -> {
            Writer out = new java.io.OutputStreamWriter(os, StandardCharsets.UTF_8);
            GSON.toJson(index, out);
            out.flush();
        });
        deleteOlder(dir, stem);
    }

    /** True if the folder holds a complete checkpoint. */
    public static boolean exists(Path dir) {
        return Files.isRegularFile(dir.resolve(INDEX));
    }

    /** The model of the checkpoint, loaded on a device. */
    public static GeoModel loadModel(Path dir, Device device) throws IOException {
        return ModelFile.load(dir.resolve(readIndex(dir).modelFile()), device);
    }

    /**
     * Reads the checkpoint state; arrays are created in {@code manager} (the model's).
     *
     * @throws IOException naming the file when the checkpoint is incomplete or inconsistent
     */
    public static State read(Path dir, NDManager manager) throws IOException {
        Index index = readIndex(dir);
        Map<String, NDArray> opt = new LinkedHashMap<>();
        Map<String, NDArray> extra = new LinkedHashMap<>();
        Map<String, NDArray> task = new LinkedHashMap<>();
        Map<String, NDArray> best = new LinkedHashMap<>();
        Path stateFile = dir.resolve(index.stateFile());
        try (Safetensors.Reader r = Safetensors.open(stateFile)) {
            String epoch = r.metadata().get("geocsp.checkpoint_epoch");
            if (!Integer.toString(index.epochsDone()).equals(epoch)) {
                throw new IOException("checkpoint " + stateFile + " is of epoch " + epoch + " but " + INDEX
                        + " says " + index.epochsDone());
            }
            for (Safetensors.TensorInfo t : r.tensors()) {
                NDArray a = t.dtype() == Safetensors.DType.F64
                        ? manager.create(r.doubles(t.name()), new Shape(t.shape()))
                        : manager.create(r.floats(t.name()), new Shape(t.shape()));
                String name = t.name();
                int slash = name.indexOf('/');
                String kind = name.substring(0, slash);
                String key = name.substring(slash + 1);
                switch (kind) {
                    case "opt" -> opt.put(key, a);
                    case "extra" -> extra.put(key, a);
                    case "task" -> task.put(key, a);
                    case "best" -> best.put(key, a);
                    default -> throw new IOException("unexpected entry '" + name + "' in " + stateFile);
                }
            }
        }
        return new State(index.epochsDone(), index.globalStep(), index.optimizerStep(),
                index.epochsWithoutImprovement(), index.bestEpoch(), index.bestMetric(), index.history(), opt, extra,
                task, best);
    }

    /** Copies the task-owned parameters of a checkpoint into the task (in place). */
    static void restoreExtraParameters(State state, TrainingTask task) {
        for (Map.Entry<String, Parameter> e : task.extraParameters().entrySet()) {
            NDArray saved = state.extraParameters().get(e.getKey());
            if (saved == null) {
                throw new IllegalStateException("the checkpoint lacks the training parameter '" + e.getKey()
                        + "'; was it written with other settings?");
            }
            Tensors.assign(e.getValue().getArray(), saved);
        }
    }

    private static Index readIndex(Path dir) throws IOException {
        Path f = dir.resolve(INDEX);
        if (!Files.isRegularFile(f)) {
            throw new IOException("no checkpoint in " + dir + " (" + INDEX + " is missing)");
        }
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            Index index = GSON.fromJson(r, Index.class);
            if (index == null || index.formatVersion() != 1) {
                throw new IOException(f + " is not a GeoCSP checkpoint of format version 1");
            }
            return index;
        }
    }

    private static void add(Safetensors.Writer w, String name, NDArray a) {
        boolean f64 = a.getDataType() == DataType.FLOAT64;
        NDArray f = f64 || a.getDataType() == DataType.FLOAT32 ? a : a.toType(DataType.FLOAT32, false);
        ByteBuffer bb = f.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        w.add(name, f64 ? Safetensors.DType.F64 : Safetensors.DType.F32, a.getShape().getShape(), bb);
    }

    private static void deleteOlder(Path dir, String keepStem) throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "epoch-*")) {
            for (Path p : ds) {
                if (!p.getFileName().toString().startsWith(keepStem + ".")) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
