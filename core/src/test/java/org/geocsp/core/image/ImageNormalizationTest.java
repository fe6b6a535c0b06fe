package org.geocsp.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.geocsp.core.io.InvalidInputException;
import org.junit.jupiter.api.Test;

/** The one rule of the normalisation choice: a preset or a custom mean/std, not both, naming the option. */
class ImageNormalizationTest {

    static final ImageNormalization.OptionNames NAMES = ImageNormalization.OptionNames.CLI;

    static List<String> problems(String preset, String mean, String std) {
        return assertThrows(InvalidInputException.class, () -> ImageNormalization.choose(preset, mean, std, NAMES))
                .problems();
    }

    @Test
    void aPresetACustomMeanAndStdOrTheDefault() {
        assertEquals(ImageNormalization.IMAGENET, ImageNormalization.choose(null, null, null, NAMES));
        assertEquals(ImageNormalization.DEFAULT, ImageNormalization.choose(null, null, null, NAMES));
        assertEquals(ImageNormalization.CLIP, ImageNormalization.choose(" CLIP ", null, null, NAMES));
        assertEquals(ImageNormalization.NONE, ImageNormalization.choose("none", null, null, NAMES));
        ImageNormalization c = ImageNormalization.choose(null, "0.5, 0.25,0", "1,2,0.5", NAMES);
        assertArrayEquals(new double[] {0.5, 0.25, 0}, c.mean());
        assertArrayEquals(new double[] {1, 2, 0.5}, c.std());
    }

    @Test
    void everyProblemNamesItsOption() {
        assertEquals(List.of("--mean and --std go together: give both or neither"), problems(null, "0,0,0", null));
        assertEquals(List.of("give either --preset or --mean/--std, not both"), problems("clip", "0,0,0", "1,1,1"));
        assertEquals(List.of("--preset: 'vgg' is not one of imagenet, clip, none"), problems("vgg", null, null));
        assertEquals(List.of("--mean: values must be finite, got 'NaN,0,0'",
                "--std: values must be positive and finite, got '1,-1,1'"), problems(null, "NaN,0,0", "1,-1,1"));
        assertEquals(List.of("--std: values must be positive and finite, got '1,0,1'"), problems(null, "0,0,0", "1,0,1"));
        assertEquals(List.of("--mean needs 3 comma-separated numbers (red,green,blue), got '0.5;0.5'",
                "--std: 'x' is not a number"), problems(null, "0.5;0.5", "1,x,1"));
        ImageNormalization.OptionNames node = new ImageNormalization.OptionNames("setting 'Normalisation'",
                "setting 'Mean (r,g,b)'", "setting 'Standard deviation (r,g,b)'");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ImageNormalization.choose(null, "0,0,0", "Infinity,1,1", node));
        assertEquals("setting 'Standard deviation (r,g,b)': values must be positive and finite, got 'Infinity,1,1'",
                e.getMessage());
    }
}
