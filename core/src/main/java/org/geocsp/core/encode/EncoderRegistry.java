package org.geocsp.core.encode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.geocsp.core.io.InvalidInputException;

/**
 * Every position encoder by its paper name, with the reference code names as aliases
 * (case-insensitive). The table in {@code notes/csp-reference.md} §1.1 is the source of the names.
 */
public final class EncoderRegistry {

    /**
     * One registered encoder.
     *
     * @param name canonical (paper) name
     * @param aliases reference code names and short forms
     * @param description one line for users
     * @param uses the {@link EncoderSpec} hyper-parameters this encoder reads
     * @param factory builds the block from a spec
     */
    public record Entry(String name, List<String> aliases, String description, List<String> uses,
            Function<EncoderSpec, PositionEncoder> factory) {}

    private static final Map<String, Entry> BY_NAME = new LinkedHashMap<>();
    private static final Map<String, Entry> BY_KEY = new LinkedHashMap<>();

    static {
        EncoderCatalog.registerAll();
    }

    private EncoderRegistry() {}

    /** Registers an encoder; called by {@link EncoderCatalog}. */
    static synchronized void register(Entry e) {
        BY_NAME.put(e.name(), e);
        BY_KEY.put(key(e.name()), e);
        for (String a : e.aliases()) {
            BY_KEY.put(key(a), e);
        }
    }

    /** Canonical names in registration order. */
    public static List<String> names() {
        return Collections.unmodifiableList(new ArrayList<>(BY_NAME.keySet()));
    }

    /** Every registered encoder. */
    public static List<Entry> entries() {
        return List.copyOf(BY_NAME.values());
    }

    /** The entry for a canonical name or alias. */
    public static Entry entry(String nameOrAlias) {
        Entry e = nameOrAlias == null ? null : BY_KEY.get(key(nameOrAlias));
        if (e == null) {
            StringBuilder sb = new StringBuilder("unknown encoder '").append(nameOrAlias).append("'; valid names: ");
            List<String> all = new ArrayList<>();
            for (Entry x : BY_NAME.values()) {
                all.add(x.aliases().isEmpty() ? x.name() : x.name() + " (" + String.join(", ", x.aliases()) + ")");
            }
            throw new InvalidInputException(sb.append(String.join(", ", all)).toString());
        }
        return e;
    }

    /** The canonical name for a name or alias. */
    public static String canonicalName(String nameOrAlias) {
        return entry(nameOrAlias).name();
    }

    /** Builds the encoder of a spec. */
    public static PositionEncoder create(EncoderSpec spec) {
        return entry(spec.name()).factory().apply(spec);
    }

    private static String key(String s) {
        return s.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
