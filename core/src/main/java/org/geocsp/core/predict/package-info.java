/**
 * Using trained models: class predictions P(class | location) and their combination with an
 * image classifier ({@link org.geocsp.core.predict.LocationPredictor}, CSP product rule with
 * per-row fallback), image-to-location retrieval over a gallery
 * ({@link org.geocsp.core.predict.ImageGeolocator}, {@link org.geocsp.core.predict.Gallery}) and
 * world maps of a class's probability ({@link org.geocsp.core.predict.ProbabilityMap},
 * {@link org.geocsp.core.predict.MapRenderer}, {@link org.geocsp.core.predict.GridField}).
 */
package org.geocsp.core.predict;
