package org.geocsp.core.geo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Great-circle geometry on a sphere of radius {@value #EARTH_RADIUS_KM} km. Coordinates are
 * (longitude, latitude) in degrees; distances in km; bearings in degrees clockwise from north.
 */
public final class GreatCircle {

    /** Mean Earth radius, km. */
    public static final double EARTH_RADIUS_KM = 6371.0;

    private GreatCircle() {}

    /** The haversine distance in km between two points. */
    public static double distanceKm(double lon1Deg, double lat1Deg, double lon2Deg, double lat2Deg) {
        double phi1 = Math.toRadians(lat1Deg);
        double phi2 = Math.toRadians(lat2Deg);
        double sinDPhi = Math.sin((phi2 - phi1) / 2);
        double sinDLambda = Math.sin(Math.toRadians(lon2Deg - lon1Deg) / 2);
        double h = sinDPhi * sinDPhi + Math.cos(phi1) * Math.cos(phi2) * sinDLambda * sinDLambda;
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
    }

    /**
     * All pairwise haversine distances, computed on the arrays' device in float64.
     *
     * @param a (A, 2) lon/lat degrees, any float type
     * @param b (B, 2) lon/lat degrees, any float type
     * @return (A, B) float64 distances in km, attached to {@code a}'s manager
     */
    public static NDArray pairwiseKm(NDArray a, NDArray b) {
        NDArray ra = a.toType(DataType.FLOAT64, false).toRadians();
        NDArray rb = b.toType(DataType.FLOAT64, false).toRadians();
        NDArray lonA = ra.get(":, 0:1");
        NDArray latA = ra.get(":, 1:2");
        NDArray lonB = rb.get(":, 0").expandDims(0);
        NDArray latB = rb.get(":, 1").expandDims(0);
        NDArray sinDPhi = latB.sub(latA).div(2).sin();
        NDArray sinDLambda = lonB.sub(lonA).div(2).sin();
        NDArray h = sinDPhi.square().add(latA.cos().mul(latB.cos()).mul(sinDLambda.square()));
        return h.sqrt().minimum(1.0).asin().mul(2 * EARTH_RADIUS_KM);
    }

    /**
     * The point reached from a start point along the great circle with the given initial
     * bearing after {@code distanceKm}.
     *
     * @return {lon, lat} in degrees, lon wrapped into [−180, 180), lat in [−90, 90]
     */
    public static double[] destination(double lonDeg, double latDeg, double bearingDeg, double distanceKm) {
        double[] out = new double[2];
        destination(lonDeg, latDeg, bearingDeg, distanceKm, out);
        return out;
    }

    /** As {@link #destination(double, double, double, double)}, writing {lon, lat} into {@code out}. */
    public static void destination(double lonDeg, double latDeg, double bearingDeg, double distanceKm, double[] out) {
        double phi1 = Math.toRadians(latDeg);
        double theta = Math.toRadians(bearingDeg);
        double delta = distanceKm / EARTH_RADIUS_KM;
        double sinPhi1 = Math.sin(phi1);
        double cosPhi1 = Math.cos(phi1);
        double sinDelta = Math.sin(delta);
        double cosDelta = Math.cos(delta);
        double sinPhi2 = Math.max(-1, Math.min(1, sinPhi1 * cosDelta + cosPhi1 * sinDelta * Math.cos(theta)));
        double phi2 = Math.asin(sinPhi2);
        double dLambda = Math.atan2(Math.sin(theta) * sinDelta * cosPhi1, cosDelta - sinPhi1 * sinPhi2);
        out[0] = Coordinates.wrapLongitude(lonDeg + Math.toDegrees(dLambda));
        out[1] = Math.max(-90, Math.min(90, Math.toDegrees(phi2)));
    }
}
