package org.geocsp.core.model;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.geocsp.core.io.AtomicFiles;

/**
 * Reader and writer of the safetensors format (the tensor exchange format of Hugging Face and
 * PyTorch): an 8-byte little-endian header length N, N bytes of JSON
 * {@code {name: {"dtype", "shape", "data_offsets": [begin, end]}, "__metadata__": {str: str}}},
 * then the raw little-endian tensor bytes, offsets relative to the end of the header. The
 * reader memory-maps files (tensors are read without copying the file); the writer streams.
 *
 * <h2>Why GeoCSP keeps its own reader and writer beside DJL's</h2>
 * DJL 0.36 reads and writes the format too ({@code NDList.decode(manager, bytes)} and
 * {@code NDList.encode(Encoding.SAFETENSORS)}), keeps tensor names (so the reference PyTorch
 * parameter names survive) and knows F64/F32/F16/BF16/I64/I32/I8/U8/BOOL. Both read each other's
 * files bit for bit ({@code SafetensorsDjlInteropTest}). DJL's cannot do what this class is used for:
 * <ul>
 * <li><b>metadata</b>: DJL's writer writes no {@code __metadata__} and its reader drops it; model
 *     files, checkpoints and exports carry the format version, the checkpoint epoch and the model
 *     spec JSON there ({@link ModelFile}, {@code train.Checkpoints});</li>
 * <li><b>reproducible bytes</b>: DJL builds the header from a hash map (key order not fixed) and
 *     does not pad it to 8 bytes; ours writes tensors in the order given with an aligned data
 *     section, so the same model gives a byte-identical file and SHA-256;</li>
 * <li><b>memory-mapping and reading one tensor</b>: DJL reads the whole stream into heap arrays
 *     and creates every tensor as an {@code NDArray} (an engine and a manager needed); ours maps
 *     a file and copies only the tensors asked for (import picks tensors by reference name,
 *     checkpoints read their epoch from the metadata without touching the tensors), with
 *     64-bit offsets where DJL's are {@code int} (files up to 2 GiB);</li>
 * <li><b>checks and messages</b>: ours names the tensor whose dtype, shape and offsets disagree
 *     or overlap, caps the header size, and refuses a file whose tensors do not cover the data;</li>
 * <li><b>I16</b>, which DJL's mapping lacks.</li>
 * </ul>
 * Writing through DJL would lose the metadata and the reproducible bytes, and reading through it
 * the mapping and the messages, so no part is delegated; the interop test keeps both compatible.
 */
public final class Safetensors {

    /** Largest header accepted (the reference implementation's limit). */
    public static final long MAX_HEADER_BYTES = 100_000_000L;
    private static final String METADATA_KEY = "__metadata__";

    private Safetensors() {}

    /** Element types. */
    public enum DType {
        F64(8), F32(4), F16(2), BF16(2), I64(8), I32(4), I16(2), I8(1), U8(1), BOOL(1);

        private final int bytes;

        DType(int bytes) {
            this.bytes = bytes;
        }

        public int bytes() {
            return bytes;
        }

        static DType parse(String s, String tensor) throws SafetensorsException {
            for (DType d : values()) {
                if (d.name().equals(s)) {
                    return d;
                }
            }
            throw new SafetensorsException("tensor '" + tensor + "' has unsupported dtype '" + s + "' (supported: "
                    + Arrays.toString(values()) + ")");
        }
    }

    /** A format error; the message names the tensor or header field at fault. */
    public static final class SafetensorsException extends IOException {
        private static final long serialVersionUID = 1L;

        public SafetensorsException(String message) {
            super(message);
        }
    }

    /**
     * One tensor's header entry.
     *
     * @param begin byte offset of the first element, relative to the data section
     * @param end byte offset after the last element
     */
    public record TensorInfo(String name, DType dtype, long[] shape, long begin, long end) {

        public long numElements() {
            long n = 1;
            for (long d : shape) {
                n = Math.multiplyExact(n, d);
            }
            return n;
        }

        public String shapeString() {
            return Arrays.toString(shape);
        }
    }

    // ------------------------------------------------------------------------------------ reader

    /** Opens a file; the data section is memory-mapped. */
    public static Reader open(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        try {
            long size = ch.size();
            if (size < 8) {
                throw new SafetensorsException(file + " is not a safetensors file: only " + size + " bytes");
            }
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, lenBuf, 0);
            long n = lenBuf.getLong(0);
            checkHeaderLength(n, size);
            ByteBuffer header = ByteBuffer.allocate((int) n);
            readFully(ch, header, 8);
            return new Reader(ch, null, new String(header.array(), StandardCharsets.UTF_8), 8 + n, size - 8 - n);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Reads safetensors bytes held in memory (e.g. a zip entry). */
    public static Reader of(ByteBuffer bytes) throws IOException {
        ByteBuffer b = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        long size = b.remaining();
        if (size < 8) {
            throw new SafetensorsException("not a safetensors file: only " + size + " bytes");
        }
        long n = b.getLong(b.position());
        checkHeaderLength(n, size);
        byte[] h = new byte[(int) n];
        b.position(b.position() + 8);
        b.get(h);
        ByteBuffer data = b.slice();
        return new Reader(null, data, new String(h, StandardCharsets.UTF_8), 8 + n, size - 8 - n);
    }

    private static void checkHeaderLength(long n, long size) throws SafetensorsException {
        if (n < 2 || n > MAX_HEADER_BYTES || 8 + n > size) {
            throw new SafetensorsException("not a safetensors file: header length " + n + " does not fit a file of "
                    + size + " bytes");
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
        while (b.hasRemaining()) {
            int r = ch.read(b, pos + b.position());
            if (r < 0) {
                throw new SafetensorsException("unexpected end of file");
            }
        }
    }

    /** Random access to the tensors of one safetensors file or buffer. */
    public static final class Reader implements Closeable {

        private final FileChannel channel;
        private final long dataStart;
        private final long dataLength;
        private ByteBuffer data;
        private final Map<String, TensorInfo> tensors = new LinkedHashMap<>();
        private final Map<String, String> metadata = new LinkedHashMap<>();

        private Reader(FileChannel channel, ByteBuffer data, String headerJson, long dataStart, long dataLength)
                throws IOException {
            this.channel = channel;
            this.data = data;
            this.dataStart = dataStart;
            this.dataLength = dataLength;
            parseHeader(headerJson);
            if (data == null && dataLength <= Integer.MAX_VALUE) {
                this.data = channel.map(FileChannel.MapMode.READ_ONLY, dataStart, dataLength);
            }
        }

        private void parseHeader(String json) throws SafetensorsException {
            JsonObject h;
            try {
                JsonElement e = JsonParser.parseString(json);
                if (!e.isJsonObject()) {
                    throw new SafetensorsException("safetensors header is not a JSON object");
                }
                h = e.getAsJsonObject();
            } catch (JsonParseException e) {
                throw new SafetensorsException("safetensors header is not valid JSON: " + e.getMessage());
            }
            List<TensorInfo> list = new ArrayList<>();
            for (Map.Entry<String, JsonElement> e : h.entrySet()) {
                String name = e.getKey();
                try {
                    if (name.equals(METADATA_KEY)) {
                        for (Map.Entry<String, JsonElement> m : e.getValue().getAsJsonObject().entrySet()) {
                            if (!m.getValue().isJsonPrimitive() || !m.getValue().getAsJsonPrimitive().isString()) {
                                throw new SafetensorsException("metadata value '" + m.getKey() + "' is not a string");
                            }
                            metadata.put(m.getKey(), m.getValue().getAsString());
                        }
                        continue;
                    }
                    JsonObject t = e.getValue().getAsJsonObject();
                    DType dtype = DType.parse(t.get("dtype").getAsString(), name);
                    JsonArray s = t.getAsJsonArray("shape");
                    long[] shape = new long[s.size()];
                    for (int i = 0; i < shape.length; i++) {
                        shape[i] = s.get(i).getAsLong();
                        if (shape[i] < 0) {
                            throw new SafetensorsException("tensor '" + name + "' has a negative dimension");
                        }
                    }
                    JsonArray o = t.getAsJsonArray("data_offsets");
                    if (o.size() != 2) {
                        throw new SafetensorsException("tensor '" + name + "': data_offsets must have 2 entries");
                    }
                    TensorInfo info = new TensorInfo(name, dtype, shape, o.get(0).getAsLong(), o.get(1).getAsLong());
                    long expected = Math.multiplyExact(info.numElements(), (long) dtype.bytes());
                    if (info.begin() < 0 || info.end() < info.begin() || info.end() - info.begin() != expected) {
                        throw new SafetensorsException("tensor '" + name + "' (" + dtype + " " + info.shapeString()
                                + ") needs " + expected + " bytes but its data_offsets are [" + info.begin() + ", "
                                + info.end() + "]");
                    }
                    list.add(info);
                    tensors.put(name, info);
                } catch (SafetensorsException ex) {
                    throw ex;
                } catch (RuntimeException ex) {
                    throw new SafetensorsException("malformed header entry '" + name + "': " + ex);
                }
            }
            // the data section must be covered exactly, without gaps or overlaps
            list.sort(Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end));
            long pos = 0;
            for (TensorInfo t : list) {
                if (t.begin() != pos) {
                    throw new SafetensorsException("tensor '" + t.name() + "' starts at byte " + t.begin()
                            + " but the previous tensor ends at " + pos + " (gap or overlap)");
                }
                pos = t.end();
            }
            if (pos != dataLength) {
                throw new SafetensorsException("the tensors cover " + pos + " data bytes but the file holds "
                        + dataLength + " (truncated or trailing bytes)");
            }
        }

        /** The {@code __metadata__} map (empty if absent). */
        public Map<String, String> metadata() {
            return Collections.unmodifiableMap(metadata);
        }

        /** The tensors in header order. */
        public List<TensorInfo> tensors() {
            return List.copyOf(tensors.values());
        }

        public List<String> names() {
            return List.copyOf(tensors.keySet());
        }

        /** The entry of a tensor, or null. */
        public TensorInfo info(String name) {
            return tensors.get(name);
        }

        /** The raw little-endian bytes of a tensor (read-only view, no copy when mapped). */
        public ByteBuffer bytes(String name) throws IOException {
            TensorInfo t = require(name);
            int len = Math.toIntExact(t.end() - t.begin());
            if (data != null) {
                ByteBuffer d = data.duplicate();
                d.position(Math.toIntExact(t.begin()));
                d.limit(Math.toIntExact(t.begin() + len));
                return d.slice().asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
            }
            // files over 2 GiB: map this tensor alone
            return channel.map(FileChannel.MapMode.READ_ONLY, dataStart + t.begin(), len)
                    .asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
        }

        /** A tensor's elements as float (float types converted; F64 rounded to float). */
        public float[] floats(String name) throws IOException {
            TensorInfo t = require(name);
            ByteBuffer b = bytes(name);
            int n = Math.toIntExact(t.numElements());
            float[] v = new float[n];
            switch (t.dtype()) {
                case F32 -> b.asFloatBuffer().get(v);
                case F64 -> {
                    for (int i = 0; i < n; i++) {
                        v[i] = (float) b.getDouble(8 * i);
                    }
                }
                case F16 -> {
                    for (int i = 0; i < n; i++) {
                        v[i] = halfToFloat(b.getShort(2 * i));
                    }
                }
                case BF16 -> {
                    for (int i = 0; i < n; i++) {
                        v[i] = Float.intBitsToFloat((b.getShort(2 * i) & 0xffff) << 16);
                    }
                }
                default -> throw new SafetensorsException("tensor '" + name + "' has dtype " + t.dtype()
                        + ", not a floating-point type");
            }
            return v;
        }

        /** A tensor's elements as double (any float type). */
        public double[] doubles(String name) throws IOException {
            TensorInfo t = require(name);
            if (t.dtype() != DType.F64) {
                float[] f = floats(name);
                double[] d = new double[f.length];
                for (int i = 0; i < f.length; i++) {
                    d[i] = f[i];
                }
                return d;
            }
            double[] v = new double[Math.toIntExact(t.numElements())];
            bytes(name).asDoubleBuffer().get(v);
            return v;
        }

        /** A tensor's elements as long (integer and bool types). */
        public long[] longs(String name) throws IOException {
            TensorInfo t = require(name);
            ByteBuffer b = bytes(name);
            int n = Math.toIntExact(t.numElements());
            long[] v = new long[n];
            for (int i = 0; i < n; i++) {
                v[i] = switch (t.dtype()) {
                    case I64 -> b.getLong(8 * i);
                    case I32 -> b.getInt(4 * i);
                    case I16 -> b.getShort(2 * i);
                    case I8 -> b.get(i);
                    case U8, BOOL -> b.get(i) & 0xff;
                    default -> throw new SafetensorsException("tensor '" + name + "' has dtype " + t.dtype()
                            + ", not an integer type");
                };
            }
            return v;
        }

        private TensorInfo require(String name) throws SafetensorsException {
            TensorInfo t = tensors.get(name);
            if (t == null) {
                throw new SafetensorsException("no tensor named '" + name + "'");
            }
            return t;
        }

        @Override
        public void close() throws IOException {
            data = null;
            if (channel != null) {
                channel.close();
            }
        }
    }

    /** IEEE 754 half precision to float. */
    static float halfToFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            float v = mant * 0x1p-24f; // subnormal
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    // ------------------------------------------------------------------------------------ writer

    /** Collects tensors and metadata, then writes them in insertion order. */
    public static final class Writer {

        private record Entry(String name, DType dtype, long[] shape, ByteBuffer data) {}

        private final Map<String, Entry> entries = new LinkedHashMap<>();
        private final Map<String, String> metadata = new LinkedHashMap<>();

        public Writer metadata(String key, String value) {
            metadata.put(key, value);
            return this;
        }

        /** Adds a tensor from little-endian bytes (position to limit). */
        public Writer add(String name, DType dtype, long[] shape, ByteBuffer littleEndianData) {
            if (name == null || name.isEmpty() || name.equals(METADATA_KEY)) {
                throw new IllegalArgumentException("invalid tensor name '" + name + "'");
            }
            if (entries.containsKey(name)) {
                throw new IllegalArgumentException("tensor '" + name + "' added twice");
            }
            long n = 1;
            for (long d : shape) {
                if (d < 0) {
                    throw new IllegalArgumentException("tensor '" + name + "' has a negative dimension");
                }
                n = Math.multiplyExact(n, d);
            }
            if (littleEndianData.remaining() != n * dtype.bytes()) {
                throw new IllegalArgumentException("tensor '" + name + "' " + dtype + " " + Arrays.toString(shape)
                        + " needs " + n * dtype.bytes() + " bytes, got " + littleEndianData.remaining());
            }
            entries.put(name, new Entry(name, dtype, shape.clone(), littleEndianData.duplicate()));
            return this;
        }

        public Writer addFloats(String name, long[] shape, float[] v) {
            ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(v);
            return add(name, DType.F32, shape, b);
        }

        public Writer addDoubles(String name, long[] shape, double[] v) {
            ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
            b.asDoubleBuffer().put(v);
            return add(name, DType.F64, shape, b);
        }

        public Writer addLongs(String name, long[] shape, long[] v) {
            ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
            b.asLongBuffer().put(v);
            return add(name, DType.I64, shape, b);
        }

        /** The header JSON, padded with spaces so that the data section starts 8-byte aligned. */
        byte[] header() {
            JsonObject h = new JsonObject();
            if (!metadata.isEmpty()) {
                JsonObject m = new JsonObject();
                metadata.forEach(m::addProperty);
                h.add(METADATA_KEY, m);
            }
            long pos = 0;
            for (Entry e : entries.values()) {
                JsonObject t = new JsonObject();
                t.addProperty("dtype", e.dtype().name());
                JsonArray s = new JsonArray();
                for (long d : e.shape()) {
                    s.add(d);
                }
                t.add("shape", s);
                JsonArray o = new JsonArray();
                long len = e.data().remaining();
                o.add(pos);
                o.add(pos + len);
                pos += len;
                t.add("data_offsets", o);
                h.add(e.name(), t);
            }
            byte[] json = h.toString().getBytes(StandardCharsets.UTF_8);
            int padded = (json.length + 7) / 8 * 8;
            byte[] out = Arrays.copyOf(json, padded);
            Arrays.fill(out, json.length, padded, (byte) ' ');
            return out;
        }

        /** Writes the file to a stream (not closed). */
        public void writeTo(OutputStream os) throws IOException {
            byte[] header = header();
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.length);
            os.write(len.array());
            os.write(header);
            byte[] chunk = new byte[1 << 16];
            for (Entry e : entries.values()) {
                ByteBuffer d = e.data().duplicate();
                while (d.hasRemaining()) {
                    int k = Math.min(chunk.length, d.remaining());
                    d.get(chunk, 0, k);
                    os.write(chunk, 0, k);
                }
            }
        }

        /** Writes the file atomically (temporary file in the same folder, then a move). */
        public void write(Path file) throws IOException {
            AtomicFiles.write(file, this::writeTo);
        }
    }

    static String describe(DType d, long[] shape) {
        return d.name().toLowerCase(Locale.ROOT) + Arrays.toString(shape);
    }
}
