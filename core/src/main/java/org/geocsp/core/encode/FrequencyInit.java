package org.geocsp.core.encode;

import java.util.Locale;

/** How the angular frequencies ω_s of the multi-scale encoders are laid out (reference {@code --freq_init}). */
public enum FrequencyInit {
    /** λ_s = r_min·(r_max/r_min)^(s/(S−1)), ω_s = 1/λ_s; s = 0 is the highest frequency (the default). */
    GEOMETRIC,
    /** ω_s = π·2^s. */
    NERF,
    /** ω_s = U(0,1)·r_max, drawn from the encoder's seed. */
    RANDOM;

    /** Parses the reference spelling (geometric, nerf, random), case-insensitively. */
    public static FrequencyInit parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("frequency init '" + text + "' is not valid: use geometric, nerf or random");
        }
    }
}
