package org.geocsp.core.geo;

import org.geocsp.core.io.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random locations near the training data: picks a training location uniformly at random and
 * moves it along a great circle with a uniform random bearing by a random distance set by the
 * jitter scale s (km):
 * <ul>
 *   <li>{@link Jitter#HALF_NORMAL}: distance = |N(0, s)| (mean s·√(2/π), 95% within ~1.96 s);</li>
 *   <li>{@link Jitter#UNIFORM_DISC}: uniform by area on the spherical cap of geodesic radius s,
 *       distance = R·arccos(1 − u·(1 − cos(s/R))), never more than s.</li>
 * </ul>
 * Results are always valid coordinates: the destination formula keeps latitude in [−90, 90]
 * (moving "over" a pole continues on the other side) and longitude is wrapped into [−180, 180).
 * The training coordinates are validated and copied.
 */
public final class TrainingLocationSampler extends SeededLocationSampler {

    /** How the jitter distance is drawn. */
    public enum Jitter {
        /** |N(0, s)|. */
        HALF_NORMAL,
        /** Uniform by area within geodesic radius s. */
        UNIFORM_DISC
    }

    private final double[] lon;
    private final double[] lat;
    private final double scaleKm;
    private final Jitter jitter;
    private final double capOneMinusCos;

    /**
     * @param lonDeg training longitudes (degrees)
     * @param latDeg training latitudes (degrees)
     * @param scaleKm the jitter scale s in km (&gt; 0)
     * @param jitter how distances are drawn
     * @throws InvalidInputException for empty or invalid coordinates or a bad scale, naming them
     */
    public TrainingLocationSampler(long seed, double[] lonDeg, double[] latDeg, double scaleKm, Jitter jitter) {
        super(seed);
        List<String> problems = new ArrayList<>();
        if (!(scaleKm > 0) || Double.isInfinite(scaleKm)) {
            problems.add("setting 'jitter scale (km)' must be a finite number > 0; got " + scaleKm);
        }
        if (jitter == null) {
            problems.add("setting 'jitter distribution' is missing");
        }
        if (lonDeg.length == 0) {
            problems.add("the training-location sampler needs at least one training location");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        this.lon = Coordinates.validate(lonDeg, latDeg, "training longitude", "training latitude", 1,
                LongitudePolicy.REJECT);
        this.lat = latDeg.clone();
        this.scaleKm = scaleKm;
        this.jitter = jitter;
        this.capOneMinusCos = 1 - Math.cos(Math.min(scaleKm / GreatCircle.EARTH_RADIUS_KM, Math.PI));
    }

    public double scaleKm() {
        return scaleKm;
    }

    public Jitter jitter() {
        return jitter;
    }

    @Override
    public String name() {
        return Samplers.Kind.TRAINING.canonicalName();
    }

    @Override
    protected void next(SplittableRandom rng, double[] out) {
        int i = rng.nextInt(lon.length);
        double bearing = 360 * rng.nextDouble();
        double distance = switch (jitter) {
            case HALF_NORMAL -> Math.abs(rng.nextGaussian()) * scaleKm;
            case UNIFORM_DISC -> GreatCircle.EARTH_RADIUS_KM * Math.acos(1 - rng.nextDouble() * capOneMinusCos);
        };
        GreatCircle.destination(lon[i], lat[i], bearing, distance, out);
    }
}
