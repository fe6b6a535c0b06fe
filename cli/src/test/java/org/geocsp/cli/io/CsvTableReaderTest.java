package org.geocsp.cli.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.geocsp.core.data.GeoDataset;
import org.geocsp.core.io.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTableReaderTest {

    @TempDir
    Path dir;

    Path csv(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        return f;
    }

    /** Reads expecting failure; returns the message. */
    String fail(CsvTableReader r, Path f) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> r.read(f).dataset().close());
        return e.getMessage();
    }

    @Test
    void readsPrefixColumnsInAnyHeaderOrderWithLabelsAndIds() throws IOException {
        Path f = csv("a.csv", "id,f1,lat,lon,species,f0,f2\n"
                + "p1,0.5,48.85,2.35,cat,-1.25,3\n"
                + "p2,1e-3,-33.9,151.2,dog,0,7.5\n"
                + "p3, 2 ,0,0,cat,1,-0\n");
        CsvTableReader.Result res = new CsvTableReader().labelColumn("species").idColumn("id").featureFolder(dir).read(f);
        try (GeoDataset d = res.dataset()) {
            assertEquals(3, d.size());
            assertEquals("columns f0..f2", res.embedding());
            assertEquals(0, res.skippedRows());
            assertEquals(2.35, d.lonDeg(0));
            assertEquals(-33.9, d.latDeg(1));
            assertEquals(List.of("cat", "dog"), d.labelNames());
            assertArrayEquals(new int[] {0, 1, 0}, d.labelArray());
            assertEquals("p3", d.rowId(2));
            assertArrayEquals(new float[] {-1.25f, 0.5f, 3f}, d.feature(0));
            assertArrayEquals(new float[] {0f, 1e-3f, 7.5f}, d.feature(1));
            assertArrayEquals(new float[] {1f, 2f, -0f}, d.feature(2));
            assertEquals(dir, d.features().file().getParent());
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "closing the dataset removed the feature file, only a.csv is left");
        }
    }

    @Test
    void detectsAVectorColumnAndCustomCoordinateNames() throws IOException {
        Path f = csv("v.csv", "\uFEFFx;y;emb;note\n"
                + "10;20;0.1 0.2 0.3 0.4;a b\n"
                + "-10;-20;  [1, 2, 3, 4] ;c\n");
        CsvTableReader.Result res = new CsvTableReader().lonLatColumns("x", "y").delimiter(';').read(f);
        try (GeoDataset d = res.dataset()) {
            assertTrue(res.embedding().contains("'emb'"), res.embedding());
            assertEquals(4, d.featureDim());
            assertArrayEquals(new float[] {0.1f, 0.2f, 0.3f, 0.4f}, d.feature(0));
            assertArrayEquals(new float[] {1, 2, 3, 4}, d.feature(1));
            assertFalse(d.hasLabels());
        }
    }

    @Test
    void noEmbeddingWhenNoneIsPresentOrWanted() throws IOException {
        Path f = csv("p.csv", "lon,lat,f0\n1,2,3\n");
        try (GeoDataset d = new CsvTableReader().noEmbedding().read(f).dataset()) {
            assertFalse(d.hasFeatures());
        }
        try (GeoDataset d = new CsvTableReader().read(csv("q.csv", "lon,lat,name\n1,2,Paris\n")).dataset()) {
            assertFalse(d.hasFeatures());
        }
    }

    @Test
    void missingColumnsListTheHeader() throws IOException {
        Path f = csv("m.csv", "longitude,latitude,cls\n1,2,a\n");
        String m = fail(new CsvTableReader().labelColumn("label"), f);
        assertTrue(m.contains("m.csv") && m.contains("'lon'") && m.contains("'lat'") && m.contains("'label'"), m);
        assertTrue(m.contains("columns found: longitude, latitude, cls"), m);
        m = fail(new CsvTableReader().embeddingVector("emb"), f);
        assertTrue(m.contains("'emb'"), m);
        m = fail(new CsvTableReader().lonLatColumns("longitude", "latitude").embeddingColumns("e"), f);
        assertTrue(m.contains("no image-embedding columns named 'e0'"), m);
    }

    @Test
    void nonNumericCellsNameFileColumnAndDataRow() throws IOException {
        Path f = csv("n.csv", "lon,lat,f0,f1\n1,2,3,4\n5,abc,7,8\n9,10,x,12\n");
        String m = fail(new CsvTableReader(), f);
        assertTrue(m.contains("n.csv") && m.contains("row 2") && m.contains("column 'lat'") && m.contains("'abc'"), m);
        assertTrue(m.contains("column 'f0', row 3: 'x' is not a number"), m);
    }

    @Test
    void embeddingNumberingMustBeContiguous() throws IOException {
        Path f = csv("g.csv", "lon,lat,f0,f1,f3\n1,2,3,4,5\n");
        String m = fail(new CsvTableReader(), f);
        assertTrue(m.contains("g.csv") && m.contains("missing 'f2'"), m);
        Path dup = csv("d.csv", "lon,lat,f0,f00\n1,2,3,4\n");
        m = fail(new CsvTableReader(), dup);
        assertTrue(m.contains("'f0' and 'f00'"), m);
    }

    @Test
    void raggedVectorWidthsAndRaggedRowsAreErrors() throws IOException {
        Path f = csv("r.csv", "lon,lat,emb\n1,2,1 2 3\n1,2,1 2\n1,2,1 2 3\n");
        String m = fail(new CsvTableReader().embeddingVector("emb"), f);
        assertTrue(m.contains("r.csv") && m.contains("column 'emb', row 2") && m.contains("2 values but row 1 has 3"), m);
        Path short_ = csv("s.csv", "lon,lat,f0\n1,2,3\n4,5\n");
        m = fail(new CsvTableReader(), short_);
        assertTrue(m.contains("row 2: the row has 2 cells but the header has 3 columns"), m);
    }

    @Test
    void emptyFileAndHeaderOnly() throws IOException {
        assertTrue(fail(new CsvTableReader(), csv("e.csv", "")).contains("e.csv' is empty"));
        assertTrue(fail(new CsvTableReader(), csv("h.csv", "lon,lat\n")).contains("no data rows"));
    }

    @Test
    void missingOrInvalidCoordinatesFailWithoutTheSkipOption() throws IOException {
        Path f = csv("c.csv", "lon,lat,label\n1,2,a\n,3,a\n4,95,b\n5,6,\n7,8,b\n");
        String m = fail(new CsvTableReader().labelColumn("label"), f);
        assertTrue(m.contains("column 'lon', row 2: the value is missing"), m);
        assertTrue(m.contains("column 'lat', row 3: 95.0 is outside [-90, 90]"), m);
        assertTrue(m.contains("column 'label', row 4: the value is missing"), m);
    }

    @Test
    void skipInvalidRowsCountsAndReportsThem() throws IOException {
        Path f = csv("c.csv", "lon,lat,label,f0\n1,2,a,0.5\n,3,a,1\n4,95,b,2\n5,6,,3\n7,8,b,4\n");
        CsvTableReader.Result res = new CsvTableReader().labelColumn("label").skipInvalidRows(true).read(f);
        try (GeoDataset d = res.dataset()) {
            assertEquals(2, d.size());
            assertEquals(3, res.skippedRows());
            assertEquals(3, res.skippedExamples().size());
            assertTrue(res.skippedExamples().get(0).startsWith("row 2:"), res.skippedExamples().toString());
            assertArrayEquals(new float[] {4f}, d.feature(1));
            assertEquals(7, d.lonDeg(1));
            assertTrue(res.summary().contains("skipped 3 invalid rows"), res.summary());
        }
        // embedding problems are not skipped
        Path g = csv("g.csv", "lon,lat,f0\n1,2,zz\n");
        assertTrue(fail(new CsvTableReader().skipInvalidRows(true), g).contains("column 'f0', row 1"));
        // nothing left
        Path h = csv("h.csv", "lon,lat\n,1\n");
        assertTrue(fail(new CsvTableReader().skipInvalidRows(true), h).contains("none of its 1 row has all values present and valid"));
    }

    @Test
    void failedReadLeavesNoFeatureFile() throws IOException {
        Path f = csv("x.csv", "lon,lat,f0\n1,2,3\n1,2,oops\n");
        fail(new CsvTableReader().featureFolder(dir), f);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(f), files.toList());
        }
    }
}
