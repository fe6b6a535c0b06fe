package org.geocsp.knime.config;

import org.geocsp.core.table.EmbeddingSource;
import org.geocsp.core.geo.LongitudePolicy;

/**
 * The resolved input columns of a training or prediction node.
 *
 * @param longitude index of the longitude column
 * @param latitude index of the latitude column
 * @param label index of the class-label column, or -1
 * @param embedding the image embeddings, or null
 * @param policy longitudes outside [-180, 180]
 * @param skipMissing skip rows with a missing value (else fail naming the row)
 */
public record DataColumns(int longitude, int latitude, int label, EmbeddingSource embedding, LongitudePolicy policy,
        boolean skipMissing) {}
