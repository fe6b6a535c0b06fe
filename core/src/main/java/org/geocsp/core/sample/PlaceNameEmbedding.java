package org.geocsp.core.sample;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ObjIntConsumer;
import java.util.regex.Pattern;

/**
 * A locked (never trained) place-name embedding, the stand-in for image embeddings in the sample
 * data demo and benchmark: no images exist offline, so the name of a place is the signal. It is
 * computed on demand, never stored, and uses no label.
 *
 * <p>Steps, for a name:
 * <ol>
 * <li>Normalise: lower-case (root locale), Unicode NFKD, drop combining marks (so accents go:
 * "Zürich" → "zurich"), turn every run of characters that are not letters or digits into one
 * space, trim.</li>
 * <li>Character n-grams of lengths 1 to 4 within each word, the word padded with the boundary
 * marker {@value #BOUNDARY} on both sides ("#paris#"); the bare marker is not an n-gram. N-grams
 * never cross words.</li>
 * <li>Hash each n-gram's UTF-8 bytes with MurmurHash3 x86-32 (seed 0) into {@code buckets}
 * buckets (unsigned remainder).</li>
 * <li>TF-IDF: term frequency per bucket (sublinear {@code 1 + ln tf} if set), times the smooth
 * inverse document frequency {@code ln((1 + N) / (1 + df)) + 1} with df counted over the pool of
 * N names given to {@link #fit}; a bucket never seen in the pool gets the largest value,
 * {@code ln(1 + N) + 1}. The sparse vector is L2-normalised.</li>
 * <li>Project by a fixed random matrix with entries ±1 (Rademacher, the sign bits of a
 * SplitMix64 stream seeded by {@code seed} and the bucket), generated per bucket on the fly so the
 * {@code buckets × width} matrix never exists; L2-normalise the result.</li>
 * </ol>
 * A name without letters or digits embeds to the zero vector. Instances are immutable and
 * thread-safe; the result depends only on the settings, the pool and the name.
 */
public final class PlaceNameEmbedding {

    /** Shortest n-gram length. */
    public static final int MIN_N = 1;
    /** Longest n-gram length. */
    public static final int MAX_N = 4;
    /** Word-boundary marker padded to both ends of every word. */
    public static final char BOUNDARY = '#';

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NON_ALNUM = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    /**
     * Embedding settings.
     *
     * @param buckets number of hash buckets (default 2^20)
     * @param width output dimension D (default 2048)
     * @param seed seed of the projection matrix
     * @param sublinearTf use {@code 1 + ln tf} instead of raw counts
     */
    public record Settings(int buckets, int width, long seed, boolean sublinearTf) {
        public static final Settings DEFAULT = new Settings(1 << 20, 2048, 20230723L, true);

        public Settings {
            List<String> problems = new ArrayList<>();
            if (buckets < 1) {
                problems.add("setting 'buckets' must be at least 1, was " + buckets);
            }
            if (width < 1) {
                problems.add("setting 'width' must be at least 1, was " + width);
            }
            if (!problems.isEmpty()) {
                throw new org.geocsp.core.io.InvalidInputException(problems);
            }
        }

        /** These settings with another output width. */
        public Settings withWidth(int newWidth) {
            return new Settings(buckets, newWidth, seed, sublinearTf);
        }
    }

    /** A sparse TF-IDF vector: ascending bucket indices and their (L2-normalised) weights. */
    public record SparseVector(int[] buckets, float[] weights) {}

    private final Settings settings;
    private final int poolSize;
    private final float[] idf;

    private PlaceNameEmbedding(Settings settings, int poolSize, float[] idf) {
        this.settings = settings;
        this.poolSize = poolSize;
        this.idf = idf;
    }

    /** Fits the IDF on the pool with {@link Settings#DEFAULT}. */
    public static PlaceNameEmbedding fit(Iterable<String> poolNames) {
        return fit(poolNames, Settings.DEFAULT);
    }

    /**
     * Fits the IDF on the given pool of names only (e.g. the pre-training pool); names seen later
     * by {@link #embed} do not change it.
     */
    public static PlaceNameEmbedding fit(Iterable<String> poolNames, Settings settings) {
        int[] df = new int[settings.buckets()];
        int n = 0;
        for (String name : poolNames) {
            int[] b = distinct(bucketsOf(name, settings.buckets()));
            for (int x : b) {
                df[x]++;
            }
            n++;
        }
        float[] idf = new float[settings.buckets()];
        for (int i = 0; i < idf.length; i++) {
            idf[i] = (float) (Math.log((1.0 + n) / (1.0 + df[i])) + 1.0);
        }
        return new PlaceNameEmbedding(settings, n, idf);
    }

    /** Normalised form of a name (see the class description), e.g. "São Paulo" → "sao paulo". */
    public static String normalise(String name) {
        String s = Normalizer.normalize(name.toLowerCase(Locale.ROOT), Normalizer.Form.NFKD);
        s = MARKS.matcher(s).replaceAll("");
        return NON_ALNUM.matcher(s).replaceAll(" ").trim();
    }

    /** The character n-grams of a name, after normalisation, word by word, shortest first per word. */
    public static List<String> ngrams(String name) {
        List<String> out = new ArrayList<>();
        String norm = normalise(name);
        if (norm.isEmpty()) {
            return out;
        }
        for (String word : norm.split(" ")) {
            int[] cp = (BOUNDARY + word + BOUNDARY).codePoints().toArray();
            for (int n = MIN_N; n <= MAX_N; n++) {
                for (int start = 0; start + n <= cp.length; start++) {
                    if (n == 1 && cp[start] == BOUNDARY) {
                        continue;
                    }
                    out.add(new String(cp, start, n));
                }
            }
        }
        return out;
    }

    /** Bucket of one n-gram: MurmurHash3 x86-32 (seed 0) of its UTF-8 bytes, unsigned mod {@code buckets}. */
    public static int bucket(String ngram, int buckets) {
        int h = Murmur3.hash32(ngram.getBytes(StandardCharsets.UTF_8), 0);
        return Integer.remainderUnsigned(h, buckets);
    }

    private static int[] bucketsOf(String name, int buckets) {
        List<String> grams = ngrams(name);
        int[] out = new int[grams.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = bucket(grams.get(i), buckets);
        }
        Arrays.sort(out);
        return out;
    }

    private static int[] distinct(int[] sorted) {
        int n = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[n++] = sorted[i];
            }
        }
        return Arrays.copyOf(sorted, n);
    }

    public Settings settings() {
        return settings;
    }

    /** Number of names the IDF was fitted on. */
    public int poolSize() {
        return poolSize;
    }

    /** Inverse document frequency of a bucket. */
    public float idf(int bucket) {
        return idf[bucket];
    }

    /** The L2-normalised TF-IDF vector of a name (empty if the name has no letters or digits). */
    public SparseVector tfidf(String name) {
        int[] sorted = bucketsOf(name, settings.buckets());
        int[] b = new int[sorted.length];
        float[] w = new float[sorted.length];
        int n = 0;
        for (int i = 0; i < sorted.length;) {
            int j = i;
            while (j < sorted.length && sorted[j] == sorted[i]) {
                j++;
            }
            int tf = j - i;
            double t = settings.sublinearTf() ? 1 + Math.log(tf) : tf;
            b[n] = sorted[i];
            w[n] = (float) (t * idf[sorted[i]]);
            n++;
            i = j;
        }
        double norm = 0;
        for (int i = 0; i < n; i++) {
            norm += (double) w[i] * w[i];
        }
        float inv = norm > 0 ? (float) (1 / Math.sqrt(norm)) : 0f;
        for (int i = 0; i < n; i++) {
            w[i] *= inv;
        }
        return new SparseVector(Arrays.copyOf(b, n), Arrays.copyOf(w, n));
    }

    /** The embedding of one name: a new, L2-normalised float[width] (zero if the name has no letters or digits). */
    public float[] embed(String name) {
        float[] out = new float[settings.width()];
        embedInto(name, out);
        return out;
    }

    private void embedInto(String name, float[] out) {
        Arrays.fill(out, 0f);
        SparseVector v = tfidf(name);
        int width = out.length;
        for (int k = 0; k < v.buckets().length; k++) {
            int wBits = Float.floatToRawIntBits(v.weights()[k]);
            long state = mix64(settings.seed() ^ mix64((v.buckets()[k] + 1L) * GOLDEN_GAMMA));
            for (int base = 0; base < width; base += 64) {
                // SplitMix64: one 64-bit word gives the signs of 64 consecutive entries of the row.
                state += GOLDEN_GAMMA;
                long bits = mix64(state);
                int end = Math.min(64, width - base);
                for (int j = 0; j < end; j++) {
                    // Branch-free sign flip: bit j goes to the float's sign bit.
                    out[base + j] += Float.intBitsToFloat(wBits ^ ((int) (bits >>> j) << 31));
                }
            }
        }
        double norm = 0;
        for (float x : out) {
            norm += (double) x * x;
        }
        if (norm > 0) {
            float inv = (float) (1 / Math.sqrt(norm));
            for (int i = 0; i < width; i++) {
                out[i] *= inv;
            }
        }
    }

    /** Stafford's variant 13 finaliser, as in SplitMix64. */
    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /**
     * Embeds every name in row order and hands each vector (a new array the consumer may keep) with
     * its row index to {@code sink}, on the calling thread. Throwing from the sink stops the loop,
     * which is how callers cancel.
     */
    public void embedAll(String[] names, ObjIntConsumer<float[]> sink) {
        for (int i = 0; i < names.length; i++) {
            sink.accept(embed(names[i]), i);
        }
    }

    /**
     * As {@link #embedAll(String[], ObjIntConsumer)}, computing on {@code threads} worker threads;
     * the sink is still called on the calling thread and in row order.
     */
    public void embedAll(String[] names, int threads, ObjIntConsumer<float[]> sink) {
        if (threads <= 1) {
            embedAll(names, sink);
            return;
        }
        final int block = 512;
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "place-name-embedding");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<float[][]>> pending = new ArrayList<>();
            int next = 0;
            int delivered = 0;
            while (delivered < names.length) {
                // Keep at most 2 blocks per thread in flight so memory stays bounded.
                while (next < names.length && pending.size() < 2 * threads) {
                    final int from = next;
                    final int to = Math.min(names.length, from + block);
                    pending.add(pool.submit(() -> {
                        float[][] out = new float[to - from][];
                        for (int i = from; i < to; i++) {
                            out[i - from] = embed(names[i]);
                        }
                        return out;
                    }));
                    next = to;
                }
                float[][] done = pending.remove(0).get();
                for (float[] v : done) {
                    sink.accept(v, delivered++);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("embedding interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("embedding failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
