package org.geocsp.knime.config;

import java.util.List;

/**
 * The plugin's nodes with their settings lists, by factory class. The offline checks use it to
 * verify that each node's description documents exactly its settings and that every node's
 * settings survive a save/load round trip.
 */
public final class NodeCatalog {

    /**
     * One node.
     *
     * @param factoryClass fully qualified name of its factory
     * @param settings its settings, in dialog order
     */
    public record Entry(String factoryClass, List<Setting> settings) {}

    private static final String NODE = "org.geocsp.knime.node.";

    /** Every node of the plugin. */
    public static final List<Entry> NODES = List.of(
            new Entry(NODE + "sampleplaces.SamplePlacesNodeFactory", SamplePlacesConfig.SETTINGS),
            new Entry(NODE + "imagereader.GeotaggedImageReaderNodeFactory", GeotaggedImageReaderConfig.SETTINGS),
            new Entry(NODE + "imageembedder.ImageEmbedderNodeFactory", ImageEmbedderConfig.SETTINGS),
            new Entry(NODE + "encoder.SpatialEncoderNodeFactory", SpatialEncoderConfig.SETTINGS),
            new Entry(NODE + "pretrainer.ContrastivePretrainerNodeFactory", PretrainerConfig.SETTINGS),
            new Entry(NODE + "finetuner.FineTunerNodeFactory", FineTunerConfig.SETTINGS),
            new Entry(NODE + "predictor.LocationPredictorNodeFactory", LocationPredictorConfig.SETTINGS),
            new Entry(NODE + "geolocator.ImageGeolocatorNodeFactory", ImageGeolocatorConfig.SETTINGS));

    private NodeCatalog() {}

    /** The entry of a factory class, or null. */
    public static Entry of(String factoryClass) {
        for (Entry e : NODES) {
            if (e.factoryClass().equals(factoryClass)) {
                return e;
            }
        }
        return null;
    }
}
