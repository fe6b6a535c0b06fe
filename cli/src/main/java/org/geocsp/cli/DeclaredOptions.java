package org.geocsp.cli;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListResourceBundle;
import java.util.Map;
import java.util.function.Function;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.train.TrainingPreset;
import java.util.ResourceBundle;
import org.geocsp.cli.bench.BenchParams;
import org.geocsp.core.encode.EncoderParams;
import org.geocsp.core.image.ImageParams;
import org.geocsp.core.nn.StackParams;
import org.geocsp.core.settings.InvalidSettingsException;
import org.geocsp.core.settings.Param;
import org.geocsp.core.settings.Problems;
import org.geocsp.core.train.FineTuneParams;
import org.geocsp.core.train.PretrainParams;
import org.geocsp.core.train.TrainerParams;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Derives the options of each command from core's declarations ({@link Param}): defaults (an
 * {@link CommandLine.IDefaultValueProvider}), help text (a resource bundle keyed by option name)
 * and range checks, run on the parsed options before a command reads any input. The option
 * fields in the command classes carry only their names and types.
 */
final class DeclaredOptions {

    /** The declarations of one command, by option name (several for a list option). */
    private final Map<String, List<Param>> byOption = new LinkedHashMap<>();
    /** Options whose default depends on other settings (the stack's: the encoder's published stack). */
    private final List<String> noDefault = new ArrayList<>();

    private DeclaredOptions(List<Param> params, List<Param> withoutDefault) {
        for (Param p : params) {
            if (p.cliOption() != null) {
                byOption.computeIfAbsent(p.cliOption(), k -> new ArrayList<>()).add(p);
            }
        }
        for (Param p : withoutDefault) {
            if (p.cliOption() != null) {
                byOption.computeIfAbsent(p.cliOption(), k -> new ArrayList<>()).add(p);
                noDefault.add(p.cliOption());
            }
        }
    }

    /** The declarations of every command by its qualified name ({@code bench pretrain}). */
    static Map<String, DeclaredOptions> all() {
        Map<String, DeclaredOptions> m = new LinkedHashMap<>();
        m.put("encode", new DeclaredOptions(concat(EncoderParams.ALL, BenchParams.ENCODE), StackParams.ALL));
        m.put("embed-images", new DeclaredOptions(ImageParams.ALL, List.of()));
        m.put("predict", new DeclaredOptions(BenchParams.PREDICT_COMMAND, List.of()));
        m.put("geolocate", new DeclaredOptions(BenchParams.GEOLOCATE, List.of(BenchParams.GRID_DEGREES)));
        m.put("map", new DeclaredOptions(BenchParams.MAP, List.of()));
        m.put("pretrain", new DeclaredOptions(concat(List.of(TrainingPreset.PARAM), PretrainParams.ALL,
                TrainerParams.PRETRAINING.all(), EncoderParams.ALL), StackParams.ALL)
                .withPresets(TrainingPreset::pretraining));
        m.put("finetune", new DeclaredOptions(concat(List.of(TrainingPreset.PARAM), FineTuneParams.ALL,
                TrainerParams.FINE_TUNING.all()), List.of()).withPresets(TrainingPreset::fineTuning));
        m.put("bench encoders", new DeclaredOptions(BenchParams.ENCODERS, List.of()));
        m.put("bench pretrain", new DeclaredOptions(BenchParams.PRETRAIN, List.of()));
        m.put("bench predict", new DeclaredOptions(BenchParams.PREDICT, List.of()));
        return m;
    }

    @SafeVarargs
    private static List<Param> concat(List<Param>... lists) {
        List<Param> out = new ArrayList<>();
        for (List<Param> l : lists) {
            out.addAll(l);
        }
        return out;
    }

    /** The defaults a preset changes for this command, by declaration key (null: no presets). */
    private Function<TrainingPreset, Map<String, Object>> presets;
    /** The defaults of the preset chosen on the current command line. */
    private Map<String, Object> presetDefaults = Map.of();

    private DeclaredOptions withPresets(Function<TrainingPreset, Map<String, Object>> p) {
        this.presets = p;
        return this;
    }

    /**
     * Installs defaults and help text of every declared command below {@code root}; returns the
     * declarations by command name (for {@link #selectPreset}).
     */
    static Map<String, DeclaredOptions> install(CommandLine root) {
        Map<String, DeclaredOptions> all = all();
        install(root, "", all);
        return all;
    }

    /**
     * Picks the preset of {@code args} ({@code <command> ... --preset NAME}) before picocli parses
     * them, since picocli applies defaults before it reads the arguments. An unknown name selects
     * nothing here; the declared-option check then reports it.
     */
    static void selectPreset(Map<String, DeclaredOptions> all, String[] args) {
        for (DeclaredOptions d : all.values()) {
            d.presetDefaults = Map.of();
        }
        if (args.length == 0 || !all.containsKey(args[0]) || all.get(args[0]).presets == null) {
            return;
        }
        String name = null;
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (a.equals(TrainingPreset.PARAM.cliOption()) && i + 1 < args.length) {
                name = args[i + 1];
            } else if (a.startsWith(TrainingPreset.PARAM.cliOption() + "=")) {
                name = a.substring(TrainingPreset.PARAM.cliOption().length() + 1);
            }
        }
        if (name == null) {
            return;
        }
        try {
            DeclaredOptions d = all.get(args[0]);
            d.presetDefaults = d.presets.apply(TrainingPreset.parse(name));
        } catch (InvalidInputException e) {
            // reported by the declared-option check
        }
    }

    private static void install(CommandLine cl, String path, Map<String, DeclaredOptions> all) {
        for (Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
            String name = path.isEmpty() ? e.getKey() : path + " " + e.getKey();
            DeclaredOptions d = all.get(name);
            if (d != null) {
                CommandLine sub = e.getValue();
                sub.getCommandSpec().resourceBundle(d.bundle());
                sub.getCommandSpec().defaultValueProvider(d::defaultValue);
            }
            install(e.getValue(), name, all);
        }
    }

    /** The declarations of a command, or null. */
    static DeclaredOptions of(CommandSpec spec) {
        String q = spec.qualifiedName();
        String name = q.startsWith("geocsp ") ? q.substring("geocsp ".length()) : q;
        return all().get(name);
    }

    private String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec o)) {
            return null;
        }
        List<Param> ps = byOption.get(o.longestName());
        // picocli does not split a provided default: a list option is left empty and the command
        // takes the declarations' defaults (see defaults(option))
        if (ps == null || ps.size() != 1 || noDefault.contains(o.longestName())) {
            return null;
        }
        Object preset = presetDefaults.get(ps.get(0).key());
        return preset != null ? Param.format(preset) : ps.get(0).defaultText();
    }

    /** The declared defaults of a list option such as {@code --temperatures}. */
    static double[] defaults(List<Param> params) {
        double[] d = new double[params.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = params.get(i).defaultDouble();
        }
        return d;
    }

    /** The help text of each declared option: description, default and allowed values. */
    private ResourceBundle bundle() {
        Map<String, String> texts = new LinkedHashMap<>();
        for (Map.Entry<String, List<Param>> e : byOption.entrySet()) {
            texts.put(e.getKey().substring(2), escape(helpText(e.getValue(), noDefault.contains(e.getKey()))));
        }
        return new ListResourceBundle() {
            @Override
            protected Object[][] getContents() {
                Object[][] c = new Object[texts.size()][];
                int i = 0;
                for (Map.Entry<String, String> t : texts.entrySet()) {
                    c[i++] = new Object[] {t.getKey(), t.getValue()};
                }
                return c;
            }
        };
    }

    static String helpText(List<Param> ps, boolean encoderDefault) {
        StringBuilder b = new StringBuilder();
        if (ps.size() == 1) {
            Param p = ps.get(0);
            b.append(p.description()).append(" (");
            b.append(encoderDefault ? "default: the encoder's stack, CSP: " + p.defaultText() : "default " + p.defaultText());
            if (p.type() != Param.Type.BOOLEAN) {
                b.append("; ").append(p.rangeText());
            }
            b.append(").");
        } else {
            List<String> keys = new ArrayList<>();
            List<String> defs = new ArrayList<>();
            for (Param p : ps) {
                keys.add(p.label());
                defs.add(p.defaultText());
            }
            b.append(String.join(", ", keys)).append(", comma-separated (default ").append(String.join(",", defs))
                    .append("; each ").append(ps.get(0).rangeText()).append(").");
        }
        return b.toString();
    }

    /** Picocli formats descriptions with String.format. */
    private static String escape(String s) {
        return s.replace("%", "%%");
    }

    /**
     * Checks every declared option of a parsed command against its declaration.
     *
     * @throws InvalidSettingsException naming every bad option
     */
    Void check(CommandSpec spec) {
        Problems p = new Problems();
        for (OptionSpec o : spec.options()) {
            List<Param> ps = byOption.get(o.longestName());
            Object v = o.getValue();
            if (ps == null || v == null) {
                continue;
            }
            if (v.getClass().isArray() || v instanceof List<?>) {
                List<Object> values = new ArrayList<>();
                if (v instanceof List<?> l) {
                    values.addAll(l);
                } else {
                    for (int i = 0; i < Array.getLength(v); i++) {
                        values.add(Array.get(v, i));
                    }
                }
                if (values.size() != ps.size()) {
                    p.add(ps.get(0), "takes " + ps.size() + " comma-separated values, got " + values.size());
                    continue;
                }
                for (int i = 0; i < ps.size(); i++) {
                    check(p, ps.get(i), values.get(i));
                }
            } else {
                check(p, ps.get(0), v);
            }
        }
        p.throwIfAny();
        return null;
    }

    private static void check(Problems p, Param param, Object v) {
        if (param.type() == Param.Type.CHOICE) {
            return; // the command's parser knows the aliases; it runs before the input is read
        }
        p.check(param, v);
    }

    /** A problem list on one line, each prefixed by its option. */
    static String message(InvalidSettingsException e) {
        return e.message(DeclaredOptions::optionOf);
    }

    private static String optionOf(Param p) {
        return p.cliOption();
    }

    /** Every declaration of the command (one per value of a list option). */
    List<Param> params() {
        List<Param> out = new ArrayList<>();
        byOption.values().forEach(out::addAll);
        return out;
    }
}
