package org.geocsp.core.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.geocsp.core.io.InvalidInputException;
import org.junit.jupiter.api.Test;

class PlaceNameEmbeddingTest {

    private static final List<String> POOL = List.of("Paris", "Lyon", "Marseille", "Berlin", "München",
            "São Paulo", "Rio de Janeiro", "New York", "Newark", "Yorkshire", "Zürich", "Parisot");

    @Test
    void normaliseLowercasesStripsAccentsAndSplitsOnPunctuation() {
        assertEquals("sao paulo", PlaceNameEmbedding.normalise("São Paulo"));
        assertEquals("zurich", PlaceNameEmbedding.normalise("Zürich"));
        assertEquals("ayn halaqim", PlaceNameEmbedding.normalise("‘Ayn Ḩalāqīm"));
        assertEquals("saint denis d oleron", PlaceNameEmbedding.normalise("  Saint-Denis-d'Oléron "));
        assertEquals("istanbul", PlaceNameEmbedding.normalise("İstanbul")); // the dot of İ is a combining mark after lower-casing
        assertEquals("москва", PlaceNameEmbedding.normalise("Москва"));
        assertEquals("", PlaceNameEmbedding.normalise("--!"));
    }

    @Test
    void ngramsAreWordBoundedLengthsOneToFour() {
        assertEquals(List.of("a", "b", "#a", "ab", "b#", "#ab", "ab#", "#ab#"), PlaceNameEmbedding.ngrams("AB"));
        // Two words: n-grams never cross the space.
        List<String> two = PlaceNameEmbedding.ngrams("a b");
        assertEquals(List.of("a", "#a", "a#", "#a#", "b", "#b", "b#", "#b#"), two);
        List<String> paris = PlaceNameEmbedding.ngrams("Paris");
        // "#paris#": 5 unigrams (markers excluded), 6 bigrams, 5 trigrams, 4 four-grams.
        assertEquals(20, paris.size());
        assertTrue(paris.containsAll(List.of("p", "#p", "ari", "#par", "ris#", "s#")));
        assertFalse(paris.contains("#"));
        assertTrue(PlaceNameEmbedding.ngrams("...").isEmpty());
        // Code points, not UTF-16 units: a supplementary character counts as one.
        assertEquals(List.of("\uD840\uDC0B", "#\uD840\uDC0B", "\uD840\uDC0B#", "#\uD840\uDC0B#"),
                PlaceNameEmbedding.ngrams("\uD840\uDC0B"));
    }

    @Test
    void murmur3MatchesPublishedTestVectors() {
        // Reference vectors of MurmurHash3_x86_32 (widely published, e.g. alongside SMHasher ports).
        assertEquals(0x00000000, murmur("", 0));
        assertEquals(0x514E28B7, murmur("", 1));
        assertEquals(0x81F16F39, murmur("", 0xffffffff));
        assertEquals(0x2362F9DE, Murmur3.hash32(new byte[4], 0));
        assertEquals(0x7FA09EA6, murmur("a", 0x9747b28c));
        assertEquals(0x5D211726, murmur("aa", 0x9747b28c));
        assertEquals(0x283E0130, murmur("aaa", 0x9747b28c));
        assertEquals(0x5A97808A, murmur("aaaa", 0x9747b28c));
        assertEquals(0xB3DD93FA, murmur("abc", 0));
        assertEquals(0x24884CBA, murmur("Hello, world!", 0x9747b28c));
        assertEquals(0x2FA826CD, murmur("The quick brown fox jumps over the lazy dog", 0x9747b28c));
    }

    @Test
    void bucketsAreStableUnsignedRemainders() {
        // murmur3("abc", 0) = 0xB3DD93FA = 3017643002 (unsigned): mod 2^20 = 0xD93FA, mod 1000 = 2.
        assertEquals(0xD93FA, PlaceNameEmbedding.bucket("abc", 1 << 20));
        assertEquals(2, PlaceNameEmbedding.bucket("abc", 1000));
    }

    @Test
    void idfComesFromThePoolOnly() {
        PlaceNameEmbedding.Settings s = PlaceNameEmbedding.Settings.DEFAULT;
        PlaceNameEmbedding e = PlaceNameEmbedding.fit(List.of("Paris", "Lyon"), s);
        assertEquals(2, e.poolSize());
        double max = Math.log(3) + 1; // ln((1 + N) / (1 + 0)) + 1, N = 2
        // "par" occurs in one of the two pool names; "qxz" in none; "#l" ... only in Lyon.
        assertEquals(Math.log(3.0 / 2) + 1, e.idf(PlaceNameEmbedding.bucket("par", s.buckets())), 1e-6);
        assertEquals(max, e.idf(PlaceNameEmbedding.bucket("qxz", s.buckets())), 1e-6);
        Set<Integer> poolBuckets = new HashSet<>();
        for (String n : List.of("Paris", "Lyon")) {
            PlaceNameEmbedding.ngrams(n).forEach(g -> poolBuckets.add(PlaceNameEmbedding.bucket(g, s.buckets())));
        }
        // A name sharing no bucket with the pool: every one of its weights has the maximal IDF,
        // so after L2 normalisation its (all tf = 1) weights are equal.
        PlaceNameEmbedding.SparseVector v = e.tfidf("Qwxz");
        for (int b : v.buckets()) {
            assertFalse(poolBuckets.contains(b));
            assertEquals(max, e.idf(b), 1e-6);
        }
        for (float w : v.weights()) {
            assertEquals(1 / Math.sqrt(v.weights().length), w, 1e-6);
        }
        // Embedding other names does not refit: the IDF stays what the pool gave.
        e.embed("Qwxz Paris");
        assertEquals(max, e.idf(PlaceNameEmbedding.bucket("qxz", s.buckets())), 1e-6);
    }

    @Test
    void tfidfWeightsRepeatedNgramsSublinearly() {
        PlaceNameEmbedding e = PlaceNameEmbedding.fit(List.of(), new PlaceNameEmbedding.Settings(1 << 20, 64, 1, true));
        // Empty pool: every idf is ln(1) + 1 = 1, so the weights are 1 + ln(tf) before normalisation.
        PlaceNameEmbedding.SparseVector v = e.tfidf("aa");
        // "#aa#": a (tf 2), #a, aa, a#, #aa, aa#, #aa# (tf 1 each)
        assertEquals(7, v.buckets().length);
        double big = 1 + Math.log(2);
        double norm = Math.sqrt(big * big + 6);
        int a = Arrays.binarySearch(v.buckets(), PlaceNameEmbedding.bucket("a", 1 << 20));
        assertEquals(big / norm, v.weights()[a], 1e-6);
    }

    @Test
    void embeddingIsDeterministicNormalisedAndSeeded() {
        PlaceNameEmbedding e1 = PlaceNameEmbedding.fit(POOL);
        PlaceNameEmbedding e2 = PlaceNameEmbedding.fit(new ArrayList<>(POOL));
        float[] a = e1.embed("Paris");
        assertEquals(2048, a.length);
        assertArrayEquals(a, e2.embed("Paris"));
        assertEquals(1.0, norm(a), 1e-5);
        PlaceNameEmbedding other = PlaceNameEmbedding.fit(POOL,
                new PlaceNameEmbedding.Settings(1 << 20, 2048, 99, true));
        assertFalse(Arrays.equals(a, other.embed("Paris")));
        assertEquals(0.0, norm(e1.embed("?!")), 0.0);
    }

    @Test
    void projectionPreservesCosineSimilarity() {
        PlaceNameEmbedding e = PlaceNameEmbedding.fit(POOL);
        String[][] pairs = {{"Paris", "Parisot"}, {"New York", "Yorkshire"}, {"Newark", "New York"},
            {"Berlin", "Marseille"}, {"Zürich", "Lyon"}};
        for (String[] p : pairs) {
            double sparse = sparseCosine(e.tfidf(p[0]), e.tfidf(p[1]));
            double dense = dot(e.embed(p[0]), e.embed(p[1]));
            // Johnson-Lindenstrauss: with D = 2048 the error has standard deviation about 1/sqrt(D) = 0.022.
            assertEquals(sparse, dense, 0.1, p[0] + " / " + p[1]);
        }
        assertTrue(sparseCosine(e.tfidf("Paris"), e.tfidf("Parisot")) > 0.5);
    }

    @Test
    void bulkEmbeddingMatchesSingleCallsInRowOrder() {
        PlaceNameEmbedding e = PlaceNameEmbedding.fit(POOL, PlaceNameEmbedding.Settings.DEFAULT.withWidth(100));
        String[] names = new String[2000];
        for (int i = 0; i < names.length; i++) {
            names[i] = POOL.get(i % POOL.size()) + " " + i;
        }
        float[][] seq = new float[names.length][];
        float[][] par = new float[names.length][];
        List<Integer> order = new ArrayList<>();
        e.embedAll(names, (v, i) -> seq[i] = v);
        e.embedAll(names, 2, (v, i) -> {
            par[i] = v;
            order.add(i);
        });
        for (int i = 0; i < names.length; i++) {
            assertArrayEquals(e.embed(names[i]), seq[i]);
            assertArrayEquals(seq[i], par[i]);
            assertEquals(i, order.get(i));
        }
        assertNotEquals(seq[0][0], seq[1][0]);
    }

    @Test
    void settingsValidationNamesEverySetting() {
        InvalidInputException ex = assertThrows(InvalidInputException.class,
                () -> new PlaceNameEmbedding.Settings(0, 0, 1, true));
        assertEquals(2, ex.problems().size());
        assertTrue(ex.getMessage().contains("buckets") && ex.getMessage().contains("width"));
    }

    private static int murmur(String s, int seed) {
        return Murmur3.hash32(s.getBytes(StandardCharsets.UTF_8), seed);
    }

    private static double norm(float[] v) {
        return Math.sqrt(dot(v, v));
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    private static double sparseCosine(PlaceNameEmbedding.SparseVector a, PlaceNameEmbedding.SparseVector b) {
        double s = 0;
        int i = 0, j = 0;
        while (i < a.buckets().length && j < b.buckets().length) {
            if (a.buckets()[i] == b.buckets()[j]) {
                s += (double) a.weights()[i++] * b.weights()[j++];
            } else if (a.buckets()[i] < b.buckets()[j]) {
                i++;
            } else {
                j++;
            }
        }
        return s;
    }
}
