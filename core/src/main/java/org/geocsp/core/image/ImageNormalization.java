package org.geocsp.core.image;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.geocsp.core.io.InvalidInputException;

/**
 * Per-channel normalisation of RGB values scaled to [0, 1]: {@code (v - mean[c]) / std[c]}.
 *
 * @param mean red, green, blue means
 * @param std red, green, blue standard deviations (positive)
 */
public record ImageNormalization(double[] mean, double[] std) {

    /** torchvision's ImageNet statistics (ResNet, ViT, most ImageNet-trained backbones). */
    public static final ImageNormalization IMAGENET = new ImageNormalization(new double[] {0.485, 0.456, 0.406},
            new double[] {0.229, 0.224, 0.225});
    /** OpenAI CLIP's (and OpenCLIP's) statistics. */
    public static final ImageNormalization CLIP = new ImageNormalization(
            new double[] {0.48145466, 0.4578275, 0.40821073}, new double[] {0.26862954, 0.26130258, 0.27577711});
    /** No normalisation: values stay in [0, 1]. */
    public static final ImageNormalization NONE = new ImageNormalization(new double[] {0, 0, 0},
            new double[] {1, 1, 1});

    /** The preset names, in the order shown to users. */
    public static final List<String> PRESETS = List.of("imagenet", "clip", "none");

    public ImageNormalization {
        List<String> p = new ArrayList<>();
        if (mean == null || mean.length != 3) {
            p.add("mean needs 3 values (red, green, blue)");
        }
        if (std == null || std.length != 3) {
            p.add("std needs 3 values (red, green, blue)");
        } else {
            for (double s : std) {
                if (!(s > 0) || !Double.isFinite(s)) {
                    p.add("std values must be positive and finite, got " + Arrays.toString(std));
                    break;
                }
            }
        }
        if (mean != null) {
            for (double m : mean) {
                if (!Double.isFinite(m)) {
                    p.add("mean values must be finite, got " + Arrays.toString(mean));
                    break;
                }
            }
        }
        if (!p.isEmpty()) {
            throw new InvalidInputException(p);
        }
        mean = mean.clone();
        std = std.clone();
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] std() {
        return std.clone();
    }

    /** A preset by name: imagenet, clip or none (any case). */
    public static ImageNormalization preset(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "imagenet" -> IMAGENET;
            case "clip" -> CLIP;
            case "none" -> NONE;
            default -> throw new InvalidInputException("normalisation preset '" + name + "' is not one of "
                    + String.join(", ", PRESETS));
        };
    }

    /** The normalisation when neither a preset nor a custom mean/std is chosen. */
    public static final ImageNormalization DEFAULT = IMAGENET;

    /**
     * How a front end names its normalisation options in messages.
     *
     * @param preset the preset option, e.g. {@code --preset}
     * @param mean the custom mean option, e.g. {@code --mean}
     * @param std the custom standard-deviation option, e.g. {@code --std}
     */
    public record OptionNames(String preset, String mean, String std) {
        /** The command line's {@code --preset}, {@code --mean}, {@code --std}. */
        public static final OptionNames CLI = new OptionNames("--preset", "--mean", "--std");
    }

    /**
     * The one rule of a front end's normalisation choice: a preset name ({@link #PRESETS}, any
     * case) or a custom mean and std (three finite numbers each, comma-separated, every std &gt; 0),
     * not both; neither gives {@link #DEFAULT}. Every problem is reported at once, naming the option.
     *
     * @param preset the preset name, or null
     * @param mean the custom mean "r,g,b", or null
     * @param std the custom standard deviation "r,g,b", or null
     * @param names how the options are named in messages
     * @throws InvalidInputException naming each option that is wrong and why
     */
    public static ImageNormalization choose(String preset, String mean, String std, OptionNames names) {
        List<String> p = new ArrayList<>();
        if ((mean == null) != (std == null)) {
            p.add(names.mean() + " and " + names.std() + " go together: give both or neither");
        }
        if (preset != null && (mean != null || std != null)) {
            p.add("give either " + names.preset() + " or " + names.mean() + "/" + names.std() + ", not both");
        }
        if (preset != null && !PRESETS.contains(preset.strip().toLowerCase(Locale.ROOT))) {
            p.add(names.preset() + ": '" + preset + "' is not one of " + String.join(", ", PRESETS));
        }
        double[] m = mean == null ? null : triple(mean, names.mean(), false, p);
        double[] s = std == null ? null : triple(std, names.std(), true, p);
        if (!p.isEmpty()) {
            throw new InvalidInputException(p);
        }
        if (m != null) {
            return new ImageNormalization(m, s);
        }
        return preset == null ? DEFAULT : preset(preset);
    }

    /** Three numbers, finite (and positive for a std), or null with the problem added. */
    private static double[] triple(String text, String what, boolean positive, List<String> problems) {
        double[] v;
        try {
            v = parseTriple(text, what);
        } catch (InvalidInputException e) {
            problems.addAll(e.problems());
            return null;
        }
        for (double x : v) {
            if (!Double.isFinite(x) || (positive && !(x > 0))) {
                problems.add(what + ": values must be " + (positive ? "positive and finite" : "finite") + ", got '"
                        + text.strip() + "'");
                return null;
            }
        }
        return v;
    }

    /**
     * Parses three comma-separated numbers ("0.5,0.5,0.5").
     *
     * @param what the option or setting name for the message
     */
    public static double[] parseTriple(String text, String what) {
        String[] parts = text.strip().split("\\s*,\\s*");
        if (parts.length != 3) {
            throw new InvalidInputException(what + " needs 3 comma-separated numbers (red,green,blue), got '" + text
                    + "'");
        }
        double[] v = new double[3];
        for (int i = 0; i < 3; i++) {
            try {
                v[i] = Double.parseDouble(parts[i]);
            } catch (NumberFormatException e) {
                throw new InvalidInputException(what + ": '" + parts[i] + "' is not a number");
            }
        }
        return v;
    }

    /** Three values as {@link #parseTriple} reads them: {@code 0.485,0.456,0.406}. */
    public static String formatTriple(double[] v) {
        return org.geocsp.core.settings.Param.format(v[0]) + "," + org.geocsp.core.settings.Param.format(v[1]) + ","
                + org.geocsp.core.settings.Param.format(v[2]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageNormalization n && Arrays.equals(mean, n.mean) && Arrays.equals(std, n.std);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return "mean " + Arrays.toString(mean) + ", std " + Arrays.toString(std);
    }
}
