package org.geocsp.core.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.geocsp.core.io.AtomicFiles;
import org.geocsp.core.model.Safetensors.DType;
import org.geocsp.core.model.Safetensors.TensorInfo;
import org.geocsp.core.nn.GeoNetwork;
import org.geocsp.core.runtime.Tensors;

/**
 * The GeoCSP model file: one zip archive holding {@code model.json} (the {@link ModelSpec},
 * including the format version) and {@code parameters.safetensors} (every parameter under its
 * reference PyTorch name, see {@link GeoNetwork#referenceParameters()}). No Java serialization.
 *
 * <p>Also the exchange with PyTorch: {@link #exportSafetensors} writes the parameters as a plain
 * safetensors file; {@link #importSafetensors} reads one written from a reference
 * {@code state_dict} (CSP {@code LocationImageEncoder}, {@code FCNet}, SatCLIP
 * {@code LocationEncoder}), accepting the reference aliases ({@code spa_enc.*},
 * {@code loc_enc.class_emb.*}, bare {@code feats.*} / {@code nnet.*}, a {@code module.} prefix).
 */
public final class ModelFile {

    public static final String SPEC_ENTRY = "model.json";
    public static final String PARAMETERS_ENTRY = "parameters.safetensors";
    /**
     * Optional entry: the Adam moments of the run that trained the parameters
     * ({@link GeoModel#optimizerState()}), so that fine-tuning continues them like the CSP
     * reference. Files without it load as before.
     */
    public static final String OPTIMIZER_ENTRY = "optimizer.safetensors";
    /** safetensors metadata key holding the model spec JSON in exported files. */
    public static final String META_MODEL = "geocsp.model";
    public static final String META_FORMAT_VERSION = "geocsp.format_version";

    private ModelFile() {}

    // ------------------------------------------------------------------------ model file

    /** Saves the model; the target is replaced only once the new file is complete. */
    public static void save(GeoModel model, Path file) throws IOException {
        save(model, file, UnaryOperator.identity());
    }

    /** As {@link #save(GeoModel, Path)}; {@code wrap} lets tests inject write failures. */
    static void save(GeoModel model, Path file, UnaryOperator<OutputStream> wrap) throws IOException {
        ModelSpec spec = model.spec();
        if (spec.formatVersion() != ModelSpec.FORMAT_VERSION) {
            spec = spec.withCurrentFormatVersion();
        }
        ByteArrayOutputStream tensors = new ByteArrayOutputStream();
        tensorWriter(model, false).writeTo(tensors);
        byte[] params = tensors.toByteArray();
        byte[] optimizer = optimizerBytes(model);
        byte[] json = specJson(spec, sha256(params), optimizer == null ? null : sha256(optimizer))
                .getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, raw -> {
            OutputStream os = wrap.apply(raw);
            ZipOutputStream zip = new ZipOutputStream(os);
            zip.setLevel(6);
            ZipEntry s = new ZipEntry(SPEC_ENTRY);
            s.setTimeLocal(ENTRY_TIME);
            zip.putNextEntry(s);
            zip.write(json);
            zip.closeEntry();
            // stored, not deflated: float data hardly compresses and stays quick to read
            ZipEntry p = new ZipEntry(PARAMETERS_ENTRY);
            p.setTimeLocal(ENTRY_TIME);
            p.setMethod(ZipEntry.STORED);
            p.setSize(params.length);
            p.setCompressedSize(params.length);
            CRC32 crc = new CRC32();
            crc.update(params);
            p.setCrc(crc.getValue());
            zip.putNextEntry(p);
            zip.write(params);
            zip.closeEntry();
            if (optimizer != null) {
                zip.putNextEntry(storedEntry(OPTIMIZER_ENTRY, optimizer));
                zip.write(optimizer);
                zip.closeEntry();
            }
            zip.finish();
            os.flush();
        });
    }

    /**
     * The fixed modification time of both zip entries, so that the file's bytes depend only on
     * its content (a run's wall-clock timings live in the history metadata of {@code model.json};
     * they are not covered by {@link #PARAMETERS_SHA256}).
     */
    static final java.time.LocalDateTime ENTRY_TIME = java.time.LocalDateTime.of(2020, 1, 1, 0, 0);

    /**
     * Field of {@code model.json} (beside the {@link ModelSpec} fields) holding the SHA-256 of the
     * {@code parameters.safetensors} entry as lowercase hex. Files written before it existed have
     * none and still load (the zip CRC is checked for them).
     */
    public static final String PARAMETERS_SHA256 = "parametersSha256";

    /**
     * Field of {@code model.json} holding the SHA-256 of the optional {@code optimizer.safetensors}
     * entry (the Adam moments that pre-training hands to fine-tuning), when the file has one.
     */
    public static final String OPTIMIZER_SHA256 = "optimizerSha256";

    private static String specJson(ModelSpec spec, String paramsSha256, String optimizerSha256) {
        com.google.gson.JsonObject o = com.google.gson.JsonParser.parseString(spec.toJson()).getAsJsonObject();
        o.addProperty(PARAMETERS_SHA256, paramsSha256);
        if (optimizerSha256 != null) {
            o.addProperty(OPTIMIZER_SHA256, optimizerSha256);
        }
        return new com.google.gson.GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
                .serializeSpecialFloatingPointValues().create().toJson(o);
    }

    static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    /** Reads only the description of a model file (cheap; no parameters are loaded). */
    public static ModelSpec readSpec(Path file) throws IOException {
        try (ZipFile zf = openZip(file)) {
            return parseSpec(readEntry(zf, SPEC_ENTRY, file), file);
        } catch (ModelFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw damaged(file, e);
        }
    }

    /**
     * Loads a model file onto a device, restoring every parameter bit for bit. The file is
     * verified first: the zip CRC of both entries, the SHA-256 of the parameters recorded in
     * {@code model.json} (when present), the tensors against the description, and every
     * floating-point parameter finite.
     *
     * @throws ModelFileException naming the file if it is not a model file, is damaged, has an
     *     unsupported format version (naming both versions), holds non-finite parameters (naming
     *     the tensor) or its parameters do not fit its description
     */
    public static GeoModel load(Path file, Device device) throws IOException {
        byte[] bytes;
        byte[] optimizer;
        ModelSpec spec;
        try (ZipFile zf = openZip(file)) {
            String json = readEntry(zf, SPEC_ENTRY, file);
            spec = parseSpec(json, file);
            bytes = readBytes(zf, PARAMETERS_ENTRY, file);
            String want = recordedSha256(json, PARAMETERS_SHA256);
            if (want != null && !want.equalsIgnoreCase(sha256(bytes))) {
                throw new ModelFileException(file + " is damaged: the parameters do not match the SHA-256 recorded in "
                        + SPEC_ENTRY);
            }
            optimizer = zf.getEntry(OPTIMIZER_ENTRY) == null ? null : readBytes(zf, OPTIMIZER_ENTRY, file);
            String wantOptimizer = recordedSha256(json, OPTIMIZER_SHA256);
            if (optimizer != null && wantOptimizer != null && !wantOptimizer.equalsIgnoreCase(sha256(optimizer))) {
                throw new ModelFileException(file + " is damaged: the optimiser state does not match the SHA-256"
                        + " recorded in " + SPEC_ENTRY);
            }
        } catch (ModelFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw damaged(file, e);
        }
        GeoModel model = GeoModel.create(spec, device, 0);
        try (Safetensors.Reader r = Safetensors.of(ByteBuffer.wrap(bytes))) {
            ImportReport rep = apply(model, r, true, true);
            if (!rep.isComplete()) {
                throw new ModelFileException(file + ": the parameters do not fit the model description: "
                        + String.join("; ", rep.problems()));
            }
            String nonFinite = nonFinite(model);
            if (nonFinite != null) {
                throw new ModelFileException(file + ": " + nonFinite);
            }
            if (optimizer != null) {
                readOptimizer(optimizer, file, model);
            }
        } catch (ModelFileException e) {
            model.close();
            throw e;
        } catch (IOException | RuntimeException e) {
            model.close();
            throw damaged(file, e);
        }
        return model;
    }

    private static ModelFileException damaged(Path file, Exception e) {
        String m = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
        return new ModelFileException(file + " is damaged or not a GeoCSP model file: " + m, e);
    }

    /** The first parameter tensor holding NaN or an infinity, described, or null. */
    static String nonFinite(GeoModel model) {
        for (Map.Entry<String, Parameter> e : model.network().referenceParameters().entrySet()) {
            NDArray a = e.getValue().getArray();
            DataType t = a.getDataType();
            if (t != DataType.FLOAT32 && t != DataType.FLOAT64) {
                continue;
            }
            double[] v = t == DataType.FLOAT32 ? toDoubles(a.toFloatArray()) : a.toDoubleArray();
            for (int i = 0; i < v.length; i++) {
                if (!Double.isFinite(v[i])) {
                    return "parameter tensor '" + e.getKey() + "' holds a non-finite value (" + v[i] + " at index " + i
                            + "); the model is unusable, re-train or restore it";
                }
            }
        }
        return null;
    }

    private static double[] toDoubles(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    private static String recordedSha256(String json, String field) {
        try {
            com.google.gson.JsonElement e = com.google.gson.JsonParser.parseString(json).getAsJsonObject()
                    .get(field);
            return e == null || !e.isJsonPrimitive() ? null : e.getAsString();
        } catch (RuntimeException e) {
            return null; // parseSpec has already accepted the JSON
        }
    }

    private static ZipEntry storedEntry(String name, byte[] bytes) {
        ZipEntry e = new ZipEntry(name);
        e.setTimeLocal(ENTRY_TIME);
        e.setMethod(ZipEntry.STORED);
        e.setSize(bytes.length);
        e.setCompressedSize(bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        e.setCrc(crc.getValue());
        return e;
    }

    /** The optimiser moments as safetensors bytes, or null if the model has none. */
    private static byte[] optimizerBytes(GeoModel model) throws IOException {
        if (model.optimizerState().isEmpty()) {
            return null;
        }
        Safetensors.Writer w = new Safetensors.Writer();
        for (Map.Entry<String, NDArray> e : model.optimizerState().entrySet()) {
            NDArray a = e.getValue();
            long[] shape = a.getShape().getShape();
            if (a.getDataType() == DataType.FLOAT64) {
                w.addDoubles(e.getKey(), shape, a.toDoubleArray());
            } else {
                w.addFloats(e.getKey(), shape, a.toType(DataType.FLOAT32, false).toFloatArray());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        w.writeTo(out);
        return out.toByteArray();
    }

    private static void readOptimizer(byte[] bytes, Path file, GeoModel model) throws IOException {
        Map<String, NDArray> state = new LinkedHashMap<>();
        try (ai.djl.ndarray.NDManager m = model.manager().newSubManager();
                Safetensors.Reader r = Safetensors.of(ByteBuffer.wrap(bytes))) {
            for (TensorInfo t : r.tensors()) {
                ai.djl.ndarray.types.Shape shape = new ai.djl.ndarray.types.Shape(t.shape());
                state.put(t.name(), t.dtype() == DType.F64 ? m.create(r.doubles(t.name()), shape)
                        : m.create(r.floats(t.name()), shape));
            }
            model.setOptimizerState(state);
        } catch (IOException | RuntimeException e) {
            throw new ModelFileException(file + ": the optimiser state (" + OPTIMIZER_ENTRY + ") cannot be read: "
                    + e.getMessage(), e);
        }
    }

    private static ZipFile openZip(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new ModelFileException("model file " + file + " is a directory, not a model file");
        }
        if (!Files.exists(file)) {
            throw new ModelFileException("model file " + file + " does not exist");
        }
        try {
            return new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new ModelFileException(file + " is not a GeoCSP model file (not a zip archive)", e);
        }
    }

    /** An entry's bytes, checked against the CRC in the zip directory. */
    private static byte[] readBytes(ZipFile zf, String name, Path file) throws IOException {
        ZipEntry e = zf.getEntry(name);
        if (e == null) {
            throw new ModelFileException(file + " is not a " + (name.equals(SPEC_ENTRY) ? "GeoCSP model file"
                    : "complete GeoCSP model file") + ": " + name + " is missing");
        }
        if (e.getSize() > Integer.MAX_VALUE - 16) {
            throw new ModelFileException(file + " is damaged: " + name + " claims " + e.getSize() + " bytes");
        }
        byte[] bytes;
        try (InputStream in = zf.getInputStream(e)) {
            bytes = in.readAllBytes();
        }
        CRC32 crc = new CRC32();
        crc.update(bytes);
        if (e.getCrc() != -1 && crc.getValue() != e.getCrc()) {
            throw new ModelFileException(file + " is damaged: " + name + " fails its zip CRC check");
        }
        if (e.getSize() != -1 && bytes.length != e.getSize()) {
            throw new ModelFileException(file + " is damaged: " + name + " holds " + bytes.length + " bytes, the zip"
                    + " directory says " + e.getSize());
        }
        return bytes;
    }

    private static String readEntry(ZipFile zf, String name, Path file) throws IOException {
        return new String(readBytes(zf, name, file), StandardCharsets.UTF_8);
    }

    private static ModelSpec parseSpec(String json, Path file) throws ModelFileException {
        try {
            return ModelSpec.fromJson(json);
        } catch (ModelFileException e) {
            throw new ModelFileException(file + ": " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------------ safetensors exchange

    /**
     * Writes every parameter under its reference name as a safetensors file (atomically). The
     * metadata holds {@code format = pt}, the format version and the model spec JSON.
     */
    public static void exportSafetensors(GeoModel model, Path file) throws IOException {
        tensorWriter(model, true).write(file);
    }

    /**
     * Imports tensors from a safetensors file, all or nothing.
     *
     * @throws ModelFileException naming every missing, unexpected and mismatched tensor; the model
     *     is unchanged then
     */
    public static ImportReport importSafetensors(GeoModel model, Path file) throws IOException {
        return importSafetensors(model, file, true);
    }

    /**
     * Imports tensors from a safetensors file.
     *
     * @param strict if true, nothing is imported unless the file provides exactly the model's
     *     parameters (aliases and ignorable reference tensors allowed); if false, every fitting
     *     tensor is imported and the report says what was not
     */
    public static ImportReport importSafetensors(GeoModel model, Path file, boolean strict) throws IOException {
        try (Safetensors.Reader r = Safetensors.open(file)) {
            ImportReport rep = apply(model, r, strict, false);
            if (strict && !rep.isComplete()) {
                throw new ModelFileException("cannot import " + file + ": " + String.join("; ", rep.problems()));
            }
            return rep;
        }
    }

    /** The safetensors content of a model. */
    static Safetensors.Writer tensorWriter(GeoModel model, boolean withSpec) {
        Safetensors.Writer w = new Safetensors.Writer();
        w.metadata("format", "pt");
        w.metadata(META_FORMAT_VERSION, Integer.toString(ModelSpec.FORMAT_VERSION));
        if (withSpec) {
            w.metadata(META_MODEL, model.spec().toJson());
        }
        for (Map.Entry<String, Parameter> e : model.network().referenceParameters().entrySet()) {
            NDArray a = e.getValue().getArray();
            long[] shape = a.getShape().getShape();
            DataType t = a.getDataType();
            switch (t) {
                case FLOAT32 -> w.addFloats(e.getKey(), shape, a.toFloatArray());
                case FLOAT64 -> w.addDoubles(e.getKey(), shape, a.toDoubleArray());
                case INT64 -> w.addLongs(e.getKey(), shape, a.toLongArray());
                case INT32 -> {
                    ByteBuffer b = ByteBuffer.allocate(4 * (int) a.size()).order(ByteOrder.LITTLE_ENDIAN);
                    b.asIntBuffer().put(a.toIntArray());
                    w.add(e.getKey(), DType.I32, shape, b);
                }
                default -> throw new IllegalStateException("parameter " + e.getKey() + " has unsupported type " + t);
            }
        }
        return w;
    }

    // ------------------------------------------------------------------------ name matching and loading

    /** The names a file tensor may stand for, most specific first. */
    static List<String> candidates(String name) {
        List<String> c = new ArrayList<>();
        c.add(name);
        if (name.startsWith("module.")) {
            c.addAll(candidates(name.substring("module.".length())));
        }
        if (name.startsWith("spa_enc.")) {
            String rest = name.substring("spa_enc.".length());
            c.add("loc_enc.spa_enc." + rest); // CSP: spa_enc is loc_enc.spa_enc
            c.add("loc_enc." + rest); // CSP geo_net: spa_enc is loc_enc itself
        }
        if (name.equals("loc_enc.class_emb.weight")) {
            c.add("class_emb.weight");
        }
        if (name.startsWith("feats.")) {
            c.add("loc_enc." + name);
        }
        for (String p : List.of("model.location.nnet.", "location.nnet.", "nnet.")) {
            if (name.startsWith(p)) {
                c.add("loc_enc.nnet." + name.substring(p.length()));
                break;
            }
        }
        return c;
    }

    /** Why a tensor without a counterpart may be skipped, or null if it may not. */
    static String ignorableReason(String name, GeoNetwork net) {
        String n = name.startsWith("module.") ? name.substring("module.".length()) : name;
        if (n.equals("user_emb.weight") || n.equals("loc_enc.user_emb.weight")) {
            return "user embedding of the reference (not used by GeoCSP)";
        }
        if (net.classHead() == null && (n.startsWith("class_emb.") || n.startsWith("loc_enc.class_emb."))) {
            return "the model has no class head";
        }
        if (net.imageProjection() == null && n.startsWith("img_dec.")) {
            return "the model has no image projection";
        }
        if (n.startsWith("loc_dec.")) {
            return "the l2regress decoder is not part of GeoCSP models";
        }
        if (n.equals("logit_scale")) {
            return "temperature of the reference training loss";
        }
        return null;
    }

    private record Assignment(String target, Parameter parameter, String source) {}

    /**
     * Matches file tensors to parameters and (unless strict and incomplete) copies the values.
     *
     * @param exact names and types must match exactly (model files)
     */
    static ImportReport apply(GeoModel model, Safetensors.Reader r, boolean strict, boolean exact)
            throws IOException {
        GeoNetwork net = model.network();
        Map<String, Parameter> params = net.referenceParameters();
        Map<String, Assignment> assigned = new LinkedHashMap<>();
        List<String> unexpected = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        // exact names first, so that a canonical tensor wins over its alias
        List<String> order = new ArrayList<>();
        r.names().stream().filter(params::containsKey).forEach(order::add);
        r.names().stream().filter(n -> !params.containsKey(n)).forEach(order::add);
        for (String name : order) {
            String target = null;
            for (String c : exact ? List.of(name) : candidates(name)) {
                if (params.containsKey(c)) {
                    target = c;
                    break;
                }
            }
            if (target == null) {
                String why = exact ? null : ignorableReason(name, net);
                if (why != null) {
                    ignored.add(name + " (" + why + ")");
                } else {
                    unexpected.add(name);
                }
                continue;
            }
            if (assigned.containsKey(target)) {
                ignored.add(name + " (alias of " + target + ", already loaded from " + assigned.get(target).source()
                        + ")");
                continue;
            }
            Parameter p = params.get(target);
            TensorInfo info = r.info(name);
            long[] want = p.getArray().getShape().getShape();
            String problem = fitProblem(info, p.getArray().getDataType(), want, exact);
            if (problem != null) {
                mismatched.add(name + (name.equals(target) ? "" : " (for " + target + ")") + ": " + problem);
                continue;
            }
            assigned.put(target, new Assignment(target, p, name));
        }
        List<String> missing = new ArrayList<>();
        for (String n : params.keySet()) {
            if (!assigned.containsKey(n)) {
                missing.add(n);
            }
        }
        ImportReport rep = new ImportReport(new ArrayList<>(assigned.keySet()), missing, unexpected, mismatched,
                ignored);
        if (strict && !rep.isComplete()) {
            return rep;
        }
        for (Assignment a : assigned.values()) {
            copy(r, a.source(), a.parameter().getArray());
        }
        return rep;
    }

    private static String fitProblem(TensorInfo info, DataType type, long[] want, boolean exact) {
        if (!Arrays.equals(info.shape(), want)) {
            return "shape " + info.shapeString() + " in the file, " + Arrays.toString(want) + " in the model";
        }
        DType d = info.dtype();
        boolean ok = switch (type) {
            case FLOAT32 -> d == DType.F32 || (!exact && (d == DType.F64 || d == DType.F16 || d == DType.BF16));
            case FLOAT64 -> d == DType.F64 || (!exact && (d == DType.F32 || d == DType.F16 || d == DType.BF16));
            case INT64 -> d == DType.I64 || (!exact && (d == DType.I32 || d == DType.I16 || d == DType.I8
                    || d == DType.U8));
            case INT32 -> d == DType.I32;
            default -> false;
        };
        return ok ? null : "type " + d + " in the file, " + type + " in the model";
    }

    private static void copy(Safetensors.Reader r, String name, NDArray target) throws IOException {
        switch (target.getDataType()) {
            case FLOAT32 -> Tensors.assign(target, FloatBuffer.wrap(r.floats(name)));
            case FLOAT64 -> Tensors.assign(target, DoubleBuffer.wrap(r.doubles(name)));
            case INT64 -> Tensors.assign(target, LongBuffer.wrap(r.longs(name)));
            case INT32 -> {
                long[] v = r.longs(name);
                int[] iv = new int[v.length];
                for (int i = 0; i < v.length; i++) {
                    iv[i] = (int) v[i];
                }
                Tensors.assign(target, java.nio.IntBuffer.wrap(iv));
            }
            default -> throw new IllegalStateException("unsupported parameter type " + target.getDataType());
        }
    }
}
