package org.geocsp.knime.util;

import java.util.List;
import org.geocsp.core.table.ColumnInfo;
import org.geocsp.core.table.ColumnType;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.collection.CollectionCellFactory;
import org.knime.core.data.collection.ListCell;
import org.knime.core.data.def.BooleanCell;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.LongCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.data.vector.doublevector.DoubleVectorCellFactory;

/** Builds KNIME table specs and cells from the plain column lists and values of the config package. */
public final class TableSpecs {

    private TableSpecs() {}

    /** The KNIME type of a column type. */
    public static DataType type(final ColumnType t) {
        return switch (t) {
            case DOUBLE -> DoubleCell.TYPE;
            case INT -> IntCell.TYPE;
            case LONG -> LongCell.TYPE;
            case STRING, OTHER -> StringCell.TYPE;
            case BOOLEAN -> BooleanCell.TYPE;
            case DOUBLE_VECTOR -> DoubleVectorCellFactory.TYPE;
            case NUMBER_LIST -> ListCell.getCollectionType(DoubleCell.TYPE);
        };
    }

    /**
     * One column spec; a vector or list column of known width gets element names, as KNIME's own
     * vector columns do, so that downstream nodes know the width at configure time
     * ({@link ColumnTypes#of(DataColumnSpec)} reads it back).
     */
    public static DataColumnSpec column(final ColumnInfo c) {
        DataColumnSpecCreator creator = new DataColumnSpecCreator(c.name(), type(c.type()));
        List<String> elements = c.elementNames();
        if (!elements.isEmpty()) {
            creator.setElementNames(elements.toArray(new String[0]));
        }
        return creator.createSpec();
    }

    /** A table spec of these columns. */
    public static DataTableSpec create(final List<ColumnInfo> columns) {
        DataColumnSpec[] specs = new DataColumnSpec[columns.size()];
        for (int i = 0; i < specs.length; i++) {
            specs[i] = column(columns.get(i));
        }
        return new DataTableSpec(specs);
    }

    /**
     * A cell of a value: Integer, Long, Double, String, Boolean, double[] (vector or list); null is
     * a missing cell.
     */
    public static DataCell cell(final ColumnType t, final Object v) {
        if (v == null) {
            return DataType.getMissingCell();
        }
        return switch (t) {
            case DOUBLE -> new DoubleCell(((Number)v).doubleValue());
            case INT -> new IntCell(((Number)v).intValue());
            case LONG -> new LongCell(((Number)v).longValue());
            case STRING, OTHER -> new StringCell(v.toString());
            case BOOLEAN -> BooleanCell.BooleanCellFactory.create((Boolean)v);
            case DOUBLE_VECTOR -> DoubleVectorCellFactory.createCell((double[])v);
            case NUMBER_LIST -> {
                double[] d = (double[])v;
                java.util.List<DataCell> cells = new java.util.ArrayList<>(d.length);
                for (double x : d) {
                    cells.add(new DoubleCell(x));
                }
                yield CollectionCellFactory.createListCell(cells);
            }
        };
    }

    /** The cells of a row of values in column order. */
    public static DataCell[] cells(final List<ColumnInfo> columns, final Object[] values) {
        DataCell[] out = new DataCell[columns.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = cell(columns.get(i).type(), values[i]);
        }
        return out;
    }
}
