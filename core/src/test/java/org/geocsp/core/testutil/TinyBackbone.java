package org.geocsp.core.testutil;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.geocsp.core.image.ImageNormalization;

/**
 * The tiny TorchScript test backbone made by scripts/make-tiny-backbone.py (Conv2d(3->4, kernel 4,
 * stride 4) -> ReLU -> AdaptiveAvgPool2d(2) -> flatten, 16 outputs for 32x32 inputs) and the same
 * computation written out in Java from its weight formulas, for checking embeddings independently.
 */
public final class TinyBackbone {

    /** The input size the reference assumes. */
    public static final int SIZE = 32;
    private static Path file;

    private TinyBackbone() {}

    /** The model as a file (copied out of the class path once per JVM). */
    public static synchronized Path file() {
        if (file == null) {
            try (InputStream in = TinyBackbone.class.getResourceAsStream("/org/geocsp/core/image/tiny-backbone.pt")) {
                Path f = Files.createTempFile("tiny-backbone", ".pt");
                f.toFile().deleteOnExit();
                Files.copy(in, f, StandardCopyOption.REPLACE_EXISTING);
                file = f;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return file;
    }

    /** Same formulas as scripts/make-tiny-backbone.py. */
    public static double weight(int o, int c, int i, int j) {
        return Math.sin(1.3 * o + 0.7 * c + 0.11 * i + 0.05 * j + 0.3) * 0.25;
    }

    /** The backbone's output for a 32x32 image, in double precision. */
    public static double[] reference(BufferedImage img, ImageNormalization norm) {
        double[] mean = norm.mean();
        double[] std = norm.std();
        double[][][] x = new double[3][SIZE][SIZE];
        for (int y = 0; y < SIZE; y++) {
            for (int xx = 0; xx < SIZE; xx++) {
                int p = img.getRGB(xx, y);
                int[] v = {(p >> 16) & 255, (p >> 8) & 255, p & 255};
                for (int c = 0; c < 3; c++) {
                    x[c][y][xx] = (v[c] / 255.0 - mean[c]) / std[c];
                }
            }
        }
        double[] out = new double[16];
        for (int o = 0; o < 4; o++) {
            double[][] conv = new double[8][8];
            for (int oy = 0; oy < 8; oy++) {
                for (int ox = 0; ox < 8; ox++) {
                    double s = 0.1 * (o - 1.5);
                    for (int c = 0; c < 3; c++) {
                        for (int i = 0; i < 4; i++) {
                            for (int j = 0; j < 4; j++) {
                                s += weight(o, c, i, j) * x[c][oy * 4 + i][ox * 4 + j];
                            }
                        }
                    }
                    conv[oy][ox] = Math.max(0, s);
                }
            }
            for (int py = 0; py < 2; py++) {
                for (int px = 0; px < 2; px++) {
                    double s = 0;
                    for (int oy = 0; oy < 4; oy++) {
                        for (int ox = 0; ox < 4; ox++) {
                            s += conv[py * 4 + oy][px * 4 + ox];
                        }
                    }
                    out[o * 4 + py * 2 + px] = s / 16;
                }
            }
        }
        return out;
    }
}
