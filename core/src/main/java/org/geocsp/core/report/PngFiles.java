package org.geocsp.core.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.geocsp.core.model.AtomicFiles;

/** Writes PNG files atomically: a reader sees either the old file or the complete new one. */
public final class PngFiles {

    static {
        // Before any JFreeChart or AWT class asks whether a display exists (the answer is cached).
        Headless.ensure();
    }

    private PngFiles() {
    }

    /**
     * Writes {@code image} as PNG to {@code file}: first to a temporary file in the same folder,
     * then moved over the target (atomically where the file system allows). Creates missing parent
     * folders. On failure the temporary file is removed and the target is left as it was.
     */
    public static void write(BufferedImage image, Path file) throws IOException {
        AtomicFiles.write(file, os -> {
            if (!ImageIO.write(image, "png", os)) {
                throw new IOException("no PNG writer available for image type " + image.getType());
            }
        });
    }
}
