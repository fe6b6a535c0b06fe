package org.geocsp.core.geo;

import org.geocsp.core.io.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The random-location samplers by name (case-insensitive) and their construction. */
public final class Samplers {

    /** The sampler kinds; {@link #AREA_UNIFORM} is the default. */
    public enum Kind {
        /** {@link AreaUniformSampler}; alias {@code spherical} maps here, the correct sampler that
         *  the reference's buggy {@code spherical} intends. */
        AREA_UNIFORM("areauniform", List.of("area-uniform", "area_uniform", "spherical"),
                "uniform by area on the sphere (default)"),
        /** {@link UniformBoxSampler}. */
        UNIFORM_BOX("uniform", List.of("box", "uniformbox"), "uniform in the lon/lat box (over-samples the poles)"),
        /** {@link SphericalOldSampler}. */
        SPHERICAL_OLD("sphericalold", List.of("spherical-old", "spherical_old"),
                "the CSP run scripts' sampler (an ellipse in lon/lat; for reproducing CSP)"),
        /** {@link TrainingLocationSampler}. */
        TRAINING("training", List.of("jitter", "near-training"),
                "training locations moved by a random jitter (needs the training locations and a scale in km)");

        private final String canonicalName;
        private final List<String> aliases;
        private final String description;

        Kind(String canonicalName, List<String> aliases, String description) {
            this.canonicalName = canonicalName;
            this.aliases = aliases;
            this.description = description;
        }

        public String canonicalName() {
            return canonicalName;
        }

        public List<String> aliases() {
            return aliases;
        }

        public String description() {
            return description;
        }
    }

    private Samplers() {}

    /**
     * The kind for a name or alias.
     *
     * @throws InvalidInputException naming the setting and listing every valid name
     */
    public static Kind parse(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (Kind k : Kind.values()) {
            if (k.canonicalName.equals(key) || k.aliases.contains(key)) {
                return k;
            }
        }
        List<String> valid = new ArrayList<>();
        for (Kind k : Kind.values()) {
            valid.add(k.canonicalName + " (" + k.description + "; also " + String.join(", ", k.aliases) + ")");
        }
        throw new InvalidInputException("setting 'random-location sampler' has the unknown value '" + name
                + "'; valid names: " + String.join(", ", valid));
    }

    /**
     * A sampler that needs no training data.
     *
     * @throws InvalidInputException for {@link Kind#TRAINING}, which needs
     *     {@link #training(long, double[], double[], double, TrainingLocationSampler.Jitter)}
     */
    public static LocationSampler create(Kind kind, long seed) {
        return switch (kind) {
            case AREA_UNIFORM -> new AreaUniformSampler(seed);
            case UNIFORM_BOX -> new UniformBoxSampler(seed);
            case SPHERICAL_OLD -> new SphericalOldSampler(seed);
            case TRAINING -> throw new InvalidInputException("the random-location sampler 'training' needs the"
                    + " training locations and a jitter scale in km");
        };
    }

    /** Parses the name and creates a sampler that needs no training data. */
    public static LocationSampler create(String name, long seed) {
        return create(parse(name), seed);
    }

    /** A {@link TrainingLocationSampler}. */
    public static LocationSampler training(long seed, double[] lonDeg, double[] latDeg, double scaleKm,
            TrainingLocationSampler.Jitter jitter) {
        return new TrainingLocationSampler(seed, lonDeg, latDeg, scaleKm, jitter);
    }
}
