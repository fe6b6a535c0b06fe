package org.geocsp.core.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.geocsp.core.io.AtomicFiles;

/** Writes PNG files atomically: a reader sees either the old file or the complete new one. */
public final class PngFiles {

    static {
        // Before any JFreeChart or AWT class asks whether a display exists (the answer is cached).
        Headless.ensure();
    }

    private PngFiles() {
    }

    /**
     * Encodes {@code image} as PNG in memory, then writes the bytes with {@link AtomicFiles} (a
     * temporary file beside the target, moved over it when complete; missing parent folders are
     * created). A full or read-only disk gives one {@link org.geocsp.core.io.OutputFileException}
     * naming {@code file}; the target is left as it was.
     */
    public static void write(BufferedImage image, Path file) throws IOException {
        AtomicFiles.write(file, encode(image));
    }

    /** The PNG bytes of {@code image}. */
    public static byte[] encode(BufferedImage image) throws IOException {
        // ImageIO's default disk cache goes through java.io.tmpdir; when that fails (full disk) ImageIO.write
        // dies with a NullPointerException. A PNG of a map fits in memory.
        ImageIO.setUseCache(false);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
        if (!ImageIO.write(image, "png", bytes)) {
            throw new IOException("no PNG writer available for image type " + image.getType());
        }
        return bytes.toByteArray();
    }
}
