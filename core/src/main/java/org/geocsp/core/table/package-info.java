/**
 * The table schema both front ends share (the CLI's CSV files and the KNIME nodes' tables): the
 * cell rules (numbers, column names, byte order mark), the column-name rule, embedding sources,
 * ONE row validator with a missing-value policy that reports every problem with counts and
 * examples, and the layout of a prediction table. The front ends only map their cells into
 * {@link org.geocsp.core.table.RowCells}.
 */
package org.geocsp.core.table;
