package org.geocsp.core.encode;

import java.util.List;

/** The list of built-in encoders, registered into {@link EncoderRegistry} in this order. */
final class EncoderCatalog {

    private EncoderCatalog() {}

    static void registerAll() {
        EncoderRegistry.register(new EncoderRegistry.Entry("Space2Vec-grid", List.of("gridcell", "grid"),
                "Space2Vec grid cell: sin/cos of lon and lat in degrees at S geometric scales (4S features); CSP's choice",
                List.of("frequency_num", "min_radius", "max_radius", "freq_init"), GridCellEncoder::new));
    }
}
