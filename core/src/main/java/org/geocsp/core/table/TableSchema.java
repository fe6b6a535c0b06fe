package org.geocsp.core.table;

/**
 * The resolved columns of an input table of locations: longitude and latitude (degrees), an
 * optional class label, an optional row id and an optional image embedding.
 *
 * @param columnCount the number of columns every row must have (a CSV header's), or -1 when rows
 *     cannot be short (KNIME)
 * @param lon index of the longitude column
 * @param lonName its name
 * @param lat index of the latitude column
 * @param latName its name
 * @param label index of the label column, or -1
 * @param labelName its name, or null
 * @param id index of the row id column, or -1
 * @param embedding the image embedding, or null
 */
public record TableSchema(int columnCount, int lon, String lonName, int lat, String latName, int label,
        String labelName, int id, EmbeddingSource embedding) {

    /** Longitude and latitude only. */
    public static TableSchema location(int columnCount, int lon, String lonName, int lat, String latName) {
        return new TableSchema(columnCount, lon, lonName, lat, latName, -1, null, -1, null);
    }

    public TableSchema withLabel(int column, String name) {
        return new TableSchema(columnCount, lon, lonName, lat, latName, column, name, id, embedding);
    }

    public TableSchema withId(int column) {
        return new TableSchema(columnCount, lon, lonName, lat, latName, label, labelName, column, embedding);
    }

    public TableSchema withEmbedding(EmbeddingSource e) {
        return new TableSchema(columnCount, lon, lonName, lat, latName, label, labelName, id, e);
    }
}
