package org.geocsp.knime.util;

import org.geocsp.core.table.CellException;
import org.geocsp.core.table.RowCells;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.StringValue;
import org.knime.core.data.collection.CollectionDataValue;
import org.knime.core.data.vector.doublevector.DoubleVectorValue;

/**
 * A KNIME data row as core's {@link RowCells}: the only KNIME-specific part of reading rows; every
 * rule (missing values, coordinates, embedding values) is core's. A missing cell and an empty string
 * are missing values.
 */
public final class KnimeRowCells implements RowCells {

    private DataRow m_row;

    /** Points this (reusable) view at another row. */
    public KnimeRowCells of(final DataRow row) {
        m_row = row;
        return this;
    }

    @Override
    public int size() {
        return m_row.getNumCells();
    }

    @Override
    public boolean isMissing(final int column) {
        DataCell c = m_row.getCell(column);
        return c.isMissing() || (c instanceof StringValue sv && sv.getStringValue().isEmpty());
    }

    @Override
    public double number(final int column) {
        DataCell c = m_row.getCell(column);
        if (c instanceof DoubleValue dv) {
            return dv.getDoubleValue();
        }
        throw new CellException("'" + c + "' is not a number");
    }

    @Override
    public String text(final int column) {
        DataCell c = m_row.getCell(column);
        return c instanceof StringValue sv ? sv.getStringValue() : c.toString();
    }

    @Override
    public double[] vector(final int column) {
        DataCell c = m_row.getCell(column);
        if (c instanceof DoubleVectorValue v) {
            double[] out = new double[v.getLength()];
            for (int k = 0; k < out.length; k++) {
                out[k] = v.getValue(k);
            }
            return out;
        }
        if (c instanceof CollectionDataValue list) {
            double[] out = new double[list.size()];
            int k = 0;
            for (DataCell x : list) {
                if (x.isMissing()) {
                    throw new CellException("value " + (k + 1) + " of the list is missing; give all values or a"
                        + " missing cell");
                }
                if (!(x instanceof DoubleValue dv)) {
                    throw new CellException("value " + (k + 1) + " of the list, '" + x + "', is not a number");
                }
                out[k++] = dv.getDoubleValue();
            }
            return out;
        }
        throw new CellException("'" + c + "' is not a vector or list of numbers");
    }
}
