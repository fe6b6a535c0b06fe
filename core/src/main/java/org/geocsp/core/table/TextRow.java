package org.geocsp.core.table;

import java.util.List;

/** A row of text cells (a CSV record) read by the {@link CellRules}: empty cells are missing. */
public final class TextRow implements RowCells {

    private List<String> cells;

    public TextRow() {
        this.cells = List.of();
    }

    public TextRow(List<String> cells) {
        this.cells = cells;
    }

    /** Points this (reusable) view at another row. */
    public TextRow of(List<String> row) {
        this.cells = row;
        return this;
    }

    @Override
    public int size() {
        return cells.size();
    }

    @Override
    public boolean isMissing(int column) {
        return column >= cells.size() || CellRules.isEmpty(cells.get(column));
    }

    @Override
    public double number(int column) {
        return CellRules.parseNumber(cells.get(column));
    }

    @Override
    public String text(int column) {
        return cells.get(column).strip();
    }

    @Override
    public double[] vector(int column) {
        return CellRules.parseList(cells.get(column));
    }
}
