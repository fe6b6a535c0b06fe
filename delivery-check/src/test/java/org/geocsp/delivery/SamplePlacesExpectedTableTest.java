package org.geocsp.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.geocsp.core.sample.SamplePlaces;
import org.geocsp.core.table.ColumnInfo;
import org.geocsp.knime.config.MapConfigStore;
import org.geocsp.knime.config.SamplePlacesConfig;
import org.junit.jupiter.api.Test;

/**
 * The expected table of the Sample Places testflow (a Table Creator compared by a Table Difference
 * Checker) holds what the node outputs for its settings: the rows core selects for that seed, with
 * the values of the embedded GeoNames data, in the node's column order and types.
 */
class SamplePlacesExpectedTableTest {

    @Test
    void theExpectedTableIsWhatTheNodeOutputs() throws Exception {
        Path dir = Trees.root().resolve("test-workflows/GeoCSP_SamplePlaces");
        WorkflowChecker.Workflow wf = new WorkflowChecker(new NodeTypes(Trees.root().resolve("plugin"))).read(dir,
                new ArrayList<>());
        // The checker's two inputs: port 1 from the node, port 2 from the Table Creator.
        int checker = wf.nodes().values().stream().filter(n -> n.type().factory().equals(NodeTypes.DIFFERENCE_CHECKER))
                .findFirst().orElseThrow().id();
        WorkflowChecker.Node node = null;
        WorkflowChecker.Node expected = null;
        for (int[] c : wf.connections()) {
            if (c[2] == checker) {
                WorkflowChecker.Node src = wf.nodes().get(c[0]);
                if (c[3] == 1) {
                    node = src;
                } else {
                    expected = src;
                }
            }
        }
        assertNotNull(node);
        assertNotNull(expected);
        assertEquals(TestflowWriter.SAMPLE_PLACES, node.type().factory());
        assertEquals(NodeTypes.TABLE_CREATOR, expected.type().factory());

        MapConfigStore store = WorkflowChecker.store(node.settings().config("model"));
        SamplePlacesConfig config = SamplePlacesConfig.load(store);
        SamplePlaces places = SamplePlaces.load();
        int[] rows = config.selectRows(places);

        XmlConfig m = expected.settings().config("model");
        XmlConfig props = m.config("columnProperties");
        List<ColumnInfo> columns = config.outputColumns();
        assertEquals(columns.size(), props.configs().size(), "columns of the expected table");
        for (int c = 0; c < columns.size(); c++) {
            XmlConfig p = props.config(Integer.toString(c));
            assertEquals(columns.get(c).name(), p.value("ColumnName"));
            String cell = p.config("ColumnClass").value("cell_class");
            String expectedCell = switch (columns.get(c).type()) {
                case INT -> "org.knime.core.data.def.IntCell";
                case LONG -> "org.knime.core.data.def.LongCell";
                case DOUBLE -> "org.knime.core.data.def.DoubleCell";
                case STRING -> "org.knime.core.data.def.StringCell";
                default -> "?";
            };
            assertEquals(expectedCell, cell, "type of column " + columns.get(c).name());
        }
        List<String> values = array(m.config("values"));
        List<String> rowIdx = array(m.config("rowIndices"));
        List<String> colIdx = array(m.config("columnIndices"));
        assertEquals(rows.length * columns.size(), values.size(), "cells of the expected table");
        for (int i = 0; i < values.size(); i++) {
            int r = Integer.parseInt(rowIdx.get(i));
            int c = Integer.parseInt(colIdx.get(i));
            int row = rows[r];
            String v = values.get(i);
            switch (c) {
                case 0 -> assertEquals(places.geonameId(row), Integer.parseInt(v));
                case 1 -> assertEquals(places.name(row), v);
                case 2 -> assertEquals(places.lon(row), Double.parseDouble(v));
                case 3 -> assertEquals(places.lat(row), Double.parseDouble(v));
                case 4 -> assertEquals(places.country(row), v);
                case 5 -> assertEquals(places.admin1(row), v);
                case 6 -> assertEquals(places.population(row), Long.parseLong(v));
                case 7 -> assertEquals(places.featureCode(row), v);
                default -> throw new AssertionError("column " + c);
            }
        }
        // Row ids: Table Creator writes <prefix><start + row>, the node Row0, Row1, ...
        assertEquals("Row", m.value("rowIdPrefix"));
        assertEquals("0", m.entry("rowIdStartValue").value());
    }

    private static List<String> array(XmlConfig a) {
        int n = Integer.parseInt(a.value("array-size"));
        List<String> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(a.value(Integer.toString(i)));
        }
        return l;
    }
}
