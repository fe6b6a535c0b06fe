package org.geocsp.core.table;

/** What a table reader does with a row in which a needed value is missing. */
public enum MissingValuePolicy {
    /** The row is a problem: reading fails, naming every such row (with counts and examples). */
    FAIL,
    /** The row is left out; skipped rows are counted and a few are quoted in the summary. */
    SKIP_AND_COUNT
}
