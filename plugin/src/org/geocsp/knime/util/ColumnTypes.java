package org.geocsp.knime.util;

import java.util.ArrayList;
import java.util.List;
import org.geocsp.core.table.ColumnInfo;
import org.geocsp.core.table.ColumnType;
import org.knime.core.data.BooleanValue;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.IntValue;
import org.knime.core.data.LongValue;
import org.knime.core.data.StringValue;
import org.knime.core.data.vector.doublevector.DoubleVectorValue;

/** Maps KNIME table specs to the plain column lists of the config package. */
public final class ColumnTypes {

    private ColumnTypes() {}

    /** The column type of a KNIME data type. */
    public static ColumnType of(final DataType t) {
        if (t.isCompatible(BooleanValue.class)) {
            return ColumnType.BOOLEAN;
        }
        if (t.isCompatible(IntValue.class)) {
            return ColumnType.INT;
        }
        if (t.isCompatible(LongValue.class)) {
            return ColumnType.LONG;
        }
        if (t.isCompatible(DoubleValue.class)) {
            return ColumnType.DOUBLE;
        }
        if (t.isCompatible(DoubleVectorValue.class)) {
            return ColumnType.DOUBLE_VECTOR;
        }
        if (t.isCollectionType() && t.getCollectionElementType() != null
                && t.getCollectionElementType().isCompatible(DoubleValue.class)) {
            return ColumnType.NUMBER_LIST;
        }
        if (t.isCompatible(StringValue.class)) {
            return ColumnType.STRING;
        }
        return ColumnType.OTHER;
    }

    /** A column as the config package sees it (the width of vector/list columns from their element names). */
    public static ColumnInfo of(final DataColumnSpec c) {
        ColumnType type = of(c.getType());
        int width = type == ColumnType.DOUBLE_VECTOR || type == ColumnType.NUMBER_LIST
            ? ColumnInfo.widthOfElementNames(c.getElementNames()) : 1;
        return new ColumnInfo(c.getName(), type, width);
    }

    /** Every column of a table spec. */
    public static List<ColumnInfo> of(final DataTableSpec spec) {
        List<ColumnInfo> out = new ArrayList<>(spec.getNumColumns());
        for (DataColumnSpec c : spec) {
            out.add(of(c));
        }
        return out;
    }
}
