package org.geocsp.knime.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.geocsp.core.table.ColumnInfo;
import org.geocsp.core.table.ColumnKind;
import org.geocsp.core.table.ColumnType;
import org.geocsp.core.image.ImageNormalization;
import org.geocsp.core.image.ImageParams;
import org.geocsp.core.image.ImagePreprocessor;
import org.geocsp.core.runtime.DeviceChoice;

/**
 * Settings of the Image Embedder node: the TorchScript backbone file, the image-path column, the
 * preprocessing (size, normalisation preset or mean/std), device and batch size, the output layout
 * (one double-vector column or number columns) and what to do with images that cannot be decoded.
 */
public final class ImageEmbedderConfig extends NodeConfig {

    public static final String TAB = "Options";
    public static final int DATA_PORT = 0;

    public static final String NORM_IMAGENET = "ImageNet";
    public static final String NORM_CLIP = "CLIP";
    public static final String NORM_CUSTOM = "custom mean/std";
    public static final String NORM_NONE = "none ([0, 1])";
    public static final String OUT_VECTOR = "one double-vector column";
    public static final String OUT_COLUMNS = "one number column per value";
    public static final String BAD_MISSING = "missing cells and a warning";
    public static final String BAD_FAIL = "fail the node";

    public static final Setting MODEL_FILE = Setting.text("model_file", "Backbone model file (TorchScript)", "", TAB);
    public static final Setting PATH_COLUMN = Setting.column("path_column", "Image path column", ColumnKind.STRING,
            DATA_PORT, false, TAB);
    public static final Setting SIZE = Setting.of(ImageParams.SIZE, TAB);
    public static final Setting NORMALIZATION = Setting.choice("normalization", "Normalisation", NORM_IMAGENET,
            List.of(NORM_IMAGENET, NORM_CLIP, NORM_CUSTOM, NORM_NONE), TAB);
    public static final Setting MEAN = Setting.text("mean", "Mean (r,g,b)",
            ImageNormalization.formatTriple(ImageNormalization.IMAGENET.mean()), TAB);
    public static final Setting STD = Setting.text("std", "Standard deviation (r,g,b)",
            ImageNormalization.formatTriple(ImageNormalization.IMAGENET.std()), TAB);
    public static final Setting DEVICE = Setting.choice("device", "Device", TrainerConfig.DEVICE_PREFERENCE,
            TrainerConfig.DEVICES, TAB);
    public static final Setting BATCH_SIZE = Setting.of(ImageParams.BATCH_SIZE, TAB);
    public static final Setting OUTPUT = Setting.choice("output", "Output", OUT_VECTOR, List.of(OUT_VECTOR, OUT_COLUMNS),
            TAB);
    public static final Setting OUTPUT_NAME = Setting.text("output_name", "Output column name (prefix)",
            "image_embedding", TAB);
    public static final Setting BAD_IMAGES = Setting.choice("bad_images", "Images that cannot be read", BAD_MISSING,
            List.of(BAD_MISSING, BAD_FAIL), TAB);

    public static final List<Setting> SETTINGS = List.of(MODEL_FILE, PATH_COLUMN, SIZE, NORMALIZATION, MEAN, STD, DEVICE,
            BATCH_SIZE, OUTPUT, OUTPUT_NAME, BAD_IMAGES);

    public ImageEmbedderConfig(SettingValues values) {
        super(values);
        if (!values.settings().equals(SETTINGS)) {
            throw new IllegalArgumentException("values are not those of the Image Embedder");
        }
    }

    public static ImageEmbedderConfig defaults() {
        return new ImageEmbedderConfig(SettingValues.defaults(SETTINGS));
    }

    public static ImageEmbedderConfig load(ConfigStore store) throws ConfigException {
        return new ImageEmbedderConfig(SettingValues.load(SETTINGS, store));
    }

    @Override
    protected void checkWithCore() {
        List<String> p = new ArrayList<>();
        String f = values().getString(MODEL_FILE);
        if (f.isBlank()) {
            p.add("setting '" + MODEL_FILE.label() + "': choose a TorchScript (.pt) file");
        } else {
            try {
                Path.of(f);
            } catch (InvalidPathException e) {
                p.add("setting '" + MODEL_FILE.label() + "': '" + f + "' is not a valid path");
            }
        }
        try {
            normalization();
        } catch (IllegalArgumentException e) {
            p.add(e.getMessage());
        }
        if (values().getString(OUTPUT_NAME).isBlank()) {
            p.add("setting '" + OUTPUT_NAME.label() + "' is empty");
        }
        if (!p.isEmpty()) {
            throw new org.geocsp.core.io.InvalidInputException(p);
        }
    }

    public Path modelFile() {
        return Path.of(values().getString(MODEL_FILE));
    }

    /** How messages name the normalisation settings. */
    static final ImageNormalization.OptionNames NORMALIZATION_NAMES = new ImageNormalization.OptionNames(
            "setting '" + NORMALIZATION.label() + "'", "setting '" + MEAN.label() + "'", "setting '" + STD.label() + "'");

    /**
     * The normalisation by core's rule ({@link ImageNormalization#choose}): the preset of the choice,
     * or for the custom choice the mean and std (read only then).
     */
    public ImageNormalization normalization() {
        String choice = values().getChoice(NORMALIZATION);
        if (NORM_CUSTOM.equals(choice)) {
            return ImageNormalization.choose(null, values().getString(MEAN), values().getString(STD),
                    NORMALIZATION_NAMES);
        }
        String preset = switch (choice) {
            case NORM_CLIP -> "clip";
            case NORM_NONE -> "none";
            default -> "imagenet";
        };
        return ImageNormalization.choose(preset, null, null, NORMALIZATION_NAMES);
    }

    public ImagePreprocessor preprocessor() {
        return new ImagePreprocessor(values().getInt(SIZE), normalization());
    }

    public int batchSize() {
        return values().getInt(BATCH_SIZE);
    }

    public boolean failOnBadImage() {
        return values().getChoice(BAD_IMAGES).equals(BAD_FAIL);
    }

    public boolean vectorOutput() {
        return values().getChoice(OUTPUT).equals(OUT_VECTOR);
    }

    /** The device: the node's choice, or the preference page's when it says "preference". */
    public DeviceChoice device(DeviceChoice preferenceDevice) {
        return TrainerConfig.resolveDevice(values().getChoice(DEVICE), preferenceDevice);
    }

    /** The index of the image-path column. */
    public int resolvePathColumn(List<ColumnInfo> columns) throws ConfigException {
        List<String> p = new ArrayList<>();
        int c = ColumnRoles.resolve(columns, PATH_COLUMN, values().getString(PATH_COLUMN), List.of("path", "file",
                "image", "filename", "image_path"), p);
        if (!p.isEmpty()) {
            throw new ConfigException(p);
        }
        return c;
    }

    /**
     * The appended columns: one vector column of {@code width} values (-1 = not known yet), or
     * {@code width} number columns NAME0..; names made unique against the input's.
     *
     * @return the columns, or null for number columns of unknown width
     */
    public List<ColumnInfo> outputColumns(List<String> inputNames, int width) {
        OutputNames names = new OutputNames(inputNames);
        String name = values().getString(OUTPUT_NAME).strip();
        if (vectorOutput()) {
            return List.of(new ColumnInfo(names.unique(name), ColumnType.DOUBLE_VECTOR, width));
        }
        if (width < 0) {
            return null;
        }
        List<ColumnInfo> c = new ArrayList<>();
        for (int k = 0; k < width; k++) {
            c.add(ColumnInfo.of(names.unique(name + k), ColumnType.DOUBLE));
        }
        return c;
    }

    /** The appended values of one row: the embedding (or nulls for a row without one). */
    public Object[] appendedValues(float[] embedding, int width) {
        if (vectorOutput()) {
            if (embedding == null) {
                return new Object[] {null};
            }
            double[] d = new double[embedding.length];
            for (int k = 0; k < d.length; k++) {
                d[k] = embedding[k];
            }
            return new Object[] {d};
        }
        Object[] v = new Object[width];
        for (int k = 0; k < width && embedding != null; k++) {
            v[k] = (double) embedding[k];
        }
        return v;
    }
}
