package org.geocsp.core.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Objects;

/**
 * A read-only float32 matrix (rows x dim) in a memory-mapped file, for image embeddings that do
 * not fit on the Java heap (500,000 x 2048 floats = 4 GB works with a 1 GB heap).
 *
 * <p>A store is written once through a {@link Writer} (row by row or block by block; only a
 * small staging buffer lives on the heap) and then read through several mapped segments, so
 * files larger than 2 GiB work. Reads are absolute and therefore safe from several threads.
 *
 * <p>File layout (all little-endian):
 * <pre>
 * offset  size  content
 *      0     8  ASCII magic "GCSPFEAT"
 *      8     4  int32 format version (1)
 *     12     4  int32 dim (columns per row, &gt; 0)
 *     16     8  int64 rows; -1 while the writer has not finished
 *     24     8  reserved, zero
 *     32     -  rows x dim float32, row-major (row r, column c at 32 + 4 (r dim + c))
 * </pre>
 * The file length is exactly {@code 32 + 4 rows dim}.
 *
 * <p>A store created by {@link #tempWriter} has no file name while in use where the file system
 * allows it (Linux, macOS: it is unlinked as soon as it is opened, so a killed process leaves
 * nothing behind); otherwise closing it deletes its file, or, on Windows when the file is still
 * mapped, JVM exit does. Java cannot unmap a file explicitly: the space is freed when the
 * mappings are garbage-collected. Do not read a store after closing it.
 */
public final class FeatureStore implements AutoCloseable {

    /** Bytes before the first float. */
    public static final int HEADER_BYTES = 32;
    /** Current file format version. */
    public static final int FORMAT_VERSION = 1;

    static final byte[] MAGIC = "GCSPFEAT".getBytes(StandardCharsets.US_ASCII);
    /** Bytes per mapped segment; a multiple of 4 so that no float straddles two segments. */
    static final long DEFAULT_SEGMENT_BYTES = 1L << 30;
    private static final int STAGING_BYTES = 1 << 20;

    private final Path file;
    private final int rows;
    private final int dim;
    private final boolean deleteOnClose;
    private final long floatsPerSegment;
    private volatile FloatBuffer[] segments;

    private FeatureStore(Path file, int rows, int dim, boolean deleteOnClose, long segmentBytes) throws IOException {
        this(file, null, rows, dim, deleteOnClose, segmentBytes);
    }

    /** Maps the rows from {@code channel} if given (it stays open), else from the file. */
    private FeatureStore(Path file, FileChannel channel, int rows, int dim, boolean deleteOnClose, long segmentBytes)
            throws IOException {
        this.file = file;
        this.rows = rows;
        this.dim = dim;
        this.deleteOnClose = deleteOnClose;
        this.floatsPerSegment = segmentBytes / Float.BYTES;
        if (channel != null) {
            this.segments = map(channel);
        } else {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                this.segments = map(ch);
            }
        }
    }

    private FloatBuffer[] map(FileChannel ch) throws IOException {
        long totalFloats = (long) rows * dim;
        int count = (int) ((totalFloats + floatsPerSegment - 1) / floatsPerSegment);
        FloatBuffer[] segs = new FloatBuffer[count];
        for (int s = 0; s < count; s++) {
            long firstFloat = s * floatsPerSegment;
            long n = Math.min(floatsPerSegment, totalFloats - firstFloat);
            // The mapping outlives the channel, as documented for FileChannel.map.
            segs[s] = ch.map(FileChannel.MapMode.READ_ONLY, HEADER_BYTES + firstFloat * Float.BYTES,
                    n * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        }
        return segs;
    }

    /**
     * A writer for a store kept in {@code file} (created or overwritten). Closing the resulting
     * store leaves the file in place; {@link #open(Path)} reads it again later.
     */
    public static Writer writer(Path file, int dim) throws IOException {
        return new Writer(file, dim, false, DEFAULT_SEGMENT_BYTES);
    }

    /**
     * A writer for a temporary store in {@code folder} (the system temp folder if null); the
     * file is deleted when the store, or an unfinished writer, is closed. Where the file system
     * allows it (Linux, macOS), the file loses its name as soon as it is opened and lives on only
     * through the open channel and the mappings, so that nothing is left behind even when the
     * process is killed; its space is freed when the store is closed and its mappings collected.
     */
    public static Writer tempWriter(Path folder, int dim) throws IOException {
        Path f = folder == null ? Files.createTempFile("geocsp-features-", ".f32")
                : Files.createTempFile(folder, "geocsp-features-", ".f32");
        return new Writer(f, dim, true, DEFAULT_SEGMENT_BYTES);
    }

    /** Opens a finished store file read-only; the file is not deleted on close. */
    public static FeatureStore open(Path file) throws IOException {
        return open(file, DEFAULT_SEGMENT_BYTES);
    }

    /** Like {@link #open(Path)} with a chosen segment size (tests use tiny segments). */
    static FeatureStore open(Path file, long segmentBytes) throws IOException {
        checkSegmentBytes(segmentBytes);
        ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        long size;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            size = ch.size();
            while (h.hasRemaining() && ch.read(h) >= 0) {
                // keep reading until the header is complete or the file ends
            }
        }
        if (h.position() < HEADER_BYTES) {
            throw new IOException("feature store '" + file + "' is too short (" + size + " bytes) to hold a header");
        }
        h.flip();
        byte[] magic = new byte[MAGIC.length];
        h.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IOException("'" + file + "' is not a GeoCSP feature store (bad magic)");
        }
        int version = h.getInt();
        if (version != FORMAT_VERSION) {
            throw new IOException("feature store '" + file + "' has format version " + version
                    + "; this GeoCSP reads version " + FORMAT_VERSION);
        }
        int dim = h.getInt();
        long rows = h.getLong();
        if (rows < 0) {
            throw new IOException("feature store '" + file + "' is incomplete: its writer never finished");
        }
        if (dim <= 0 || rows > Integer.MAX_VALUE) {
            throw new IOException("feature store '" + file + "' has an invalid shape " + rows + " x " + dim);
        }
        long expected = HEADER_BYTES + rows * dim * Float.BYTES;
        if (size != expected) {
            throw new IOException("feature store '" + file + "' has " + size + " bytes, expected " + expected
                    + " for " + rows + " x " + dim + " floats");
        }
        return new FeatureStore(file, (int) rows, dim, false, segmentBytes);
    }

    private static void checkSegmentBytes(long segmentBytes) {
        if (segmentBytes <= 0 || segmentBytes % Float.BYTES != 0 || segmentBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("segment size must be a positive multiple of 4 up to 2^31-1 bytes: "
                    + segmentBytes);
        }
    }

    public int rows() {
        return rows;
    }

    public int dim() {
        return dim;
    }

    public Path file() {
        return file;
    }

    /** Number of mapped segments (package-private, for tests). */
    int segmentCount() {
        return segs().length;
    }

    /** One value. */
    public float get(int row, int col) {
        checkRow(row);
        Objects.checkIndex(col, dim);
        long g = (long) row * dim + col;
        return segs()[(int) (g / floatsPerSegment)].get((int) (g % floatsPerSegment));
    }

    /** A copy of one row. */
    public float[] row(int row) {
        float[] out = new float[dim];
        readRow(row, out, 0);
        return out;
    }

    /** Copies row {@code row} into {@code dst[offset .. offset+dim)}. */
    public void readRow(int row, float[] dst, int offset) {
        checkRow(row);
        Objects.checkFromIndexSize(offset, dim, dst.length);
        FloatBuffer[] segs = segs();
        long g = (long) row * dim;
        int done = 0;
        while (done < dim) {
            int s = (int) (g / floatsPerSegment);
            int local = (int) (g % floatsPerSegment);
            int n = (int) Math.min(dim - done, floatsPerSegment - local);
            segs[s].get(local, dst, offset + done, n);
            done += n;
            g += n;
        }
    }

    /**
     * Copies row {@code row} into {@code dst} at its position and advances the position by
     * {@link #dim()}; a bulk copy when {@code dst} is a little-endian (on x86: native-order)
     * direct buffer.
     */
    public void readRow(int row, FloatBuffer dst) {
        checkRow(row);
        if (dst.remaining() < dim) {
            throw new IllegalArgumentException("destination has room for " + dst.remaining() + " floats, a row has " + dim);
        }
        FloatBuffer[] segs = segs();
        long g = (long) row * dim;
        int pos = dst.position();
        int done = 0;
        while (done < dim) {
            int s = (int) (g / floatsPerSegment);
            int local = (int) (g % floatsPerSegment);
            int n = (int) Math.min(dim - done, floatsPerSegment - local);
            dst.put(pos + done, segs[s], local, n);
            done += n;
            g += n;
        }
        dst.position(pos + dim);
    }

    private void checkRow(int row) {
        if (row < 0 || row >= rows) {
            throw new IndexOutOfBoundsException("row " + row + " outside the feature store's " + rows + " rows");
        }
    }

    private FloatBuffer[] segs() {
        FloatBuffer[] s = segments;
        if (s == null) {
            throw new IllegalStateException("feature store '" + file + "' is closed");
        }
        return s;
    }

    /** Releases the mappings (when garbage-collected) and deletes a temporary file. */
    @Override
    public void close() {
        if (segments == null) {
            return;
        }
        segments = null;
        if (deleteOnClose) {
            deleteQuietly(file);
        }
    }

    static void deleteQuietly(Path f) {
        try {
            Files.deleteIfExists(f);
        } catch (IOException e) {
            // Windows refuses to delete a file that is still mapped: leave it for JVM exit.
            f.toFile().deleteOnExit();
        }
    }

    @Override
    public String toString() {
        return "FeatureStore[" + rows + " x " + dim + ", " + file + "]";
    }

    /**
     * Appends rows to a new store file; {@link #finish()} seals it and returns the readable
     * store. Closing an unfinished writer deletes the partial file. Not thread-safe.
     */
    public static final class Writer implements AutoCloseable {

        private final Path file;
        private final int dim;
        private final boolean temp;
        private long segmentBytes;
        private FileChannel channel;
        private final ByteBuffer staging;
        private final FloatBuffer stagingFloats;
        private long rows;
        private boolean done;

        private Writer(Path file, int dim, boolean temp, long segmentBytes) throws IOException {
            if (dim <= 0) {
                throw new IllegalArgumentException("embedding dimension must be positive, was " + dim);
            }
            this.file = file;
            this.dim = dim;
            this.temp = temp;
            this.segmentBytes = segmentBytes;
            this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            if (temp) {
                unlinkWhileOpen();
            }
            this.staging = ByteBuffer.allocateDirect(STAGING_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            this.stagingFloats = staging.asFloatBuffer();
            try {
                channel.write(header(-1), 0);
                channel.position(HEADER_BYTES);
            } catch (IOException e) {
                abort();
                throw e;
            }
        }

        /** Removes the temporary file's name; if the file system refuses, it is deleted on close instead. */
        private void unlinkWhileOpen() {
            try {
                Files.delete(file);
            } catch (IOException | SecurityException e) {
                // e.g. a file system that cannot delete open files: deleteOnClose handles it
            }
        }

        private ByteBuffer header(long rowCount) {
            ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            h.put(MAGIC).putInt(FORMAT_VERSION).putInt(dim).putLong(rowCount).putLong(0L);
            return h.flip();
        }

        /** Segment size of the store {@link #finish()} returns (tests use tiny segments). */
        Writer segmentBytes(long bytes) {
            checkSegmentBytes(bytes);
            this.segmentBytes = bytes;
            return this;
        }

        public int dim() {
            return dim;
        }

        public Path file() {
            return file;
        }

        /** Rows appended so far. */
        public long rowsWritten() {
            return rows;
        }

        /** Appends one row of exactly {@link #dim()} values. */
        public void appendRow(float[] row) throws IOException {
            if (row.length != dim) {
                throw new IllegalArgumentException("row has " + row.length + " values, the store has " + dim + " columns");
            }
            appendRows(row, 0, 1);
        }

        /** Appends {@code rowCount} rows stored row-major in {@code block} from {@code offset}. */
        public void appendRows(float[] block, int offset, int rowCount) throws IOException {
            checkOpen();
            long n = (long) rowCount * dim;
            Objects.checkFromIndexSize(offset, (int) Math.min(n, Integer.MAX_VALUE), block.length);
            if (rows + rowCount > Integer.MAX_VALUE) {
                throw new IllegalStateException("a feature store holds at most " + Integer.MAX_VALUE + " rows");
            }
            int pos = offset;
            int left = (int) n;
            while (left > 0) {
                if (!stagingFloats.hasRemaining()) {
                    flush();
                }
                int k = Math.min(left, stagingFloats.remaining());
                stagingFloats.put(block, pos, k);
                pos += k;
                left -= k;
            }
            rows += rowCount;
        }

        private void flush() throws IOException {
            staging.position(0).limit(stagingFloats.position() * Float.BYTES);
            while (staging.hasRemaining()) {
                channel.write(staging);
            }
            staging.clear();
            stagingFloats.clear();
        }

        /** Writes the row count into the header and opens the store for reading. */
        public FeatureStore finish() throws IOException {
            checkOpen();
            try {
                flush();
                channel.write(header(rows), 0);
                FeatureStore store = new FeatureStore(file, channel, (int) rows, dim, temp, segmentBytes);
                channel.close();
                channel = null;
                done = true;
                return store;
            } catch (IOException | RuntimeException e) {
                abort();
                throw e;
            }
        }

        private void checkOpen() {
            if (done || channel == null) {
                throw new IllegalStateException("feature store writer for '" + file + "' is already finished or closed");
            }
        }

        /** Deletes the partial file unless {@link #finish()} succeeded. */
        @Override
        public void close() {
            if (!done) {
                abort();
            }
        }

        private void abort() {
            done = true;
            FileChannel ch = channel;
            channel = null;
            try {
                if (ch != null) {
                    ch.close();
                }
            } catch (IOException e) {
                // the partial file is deleted below either way
            } finally {
                deleteQuietly(file);
            }
        }
    }
}
