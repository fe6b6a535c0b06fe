package org.geocsp.core.image;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Turns an image file into the input of an image backbone, as torchvision's usual evaluation
 * transform does on a Pillow image: decode to RGB, resize so that the short side is {@code size}
 * (the long side {@code floor(size * long / short)}; an image already of that size is used
 * unchanged) with Pillow's bilinear filter, centre-crop to size x size (torchvision's rounding),
 * scale to [0, 1] and normalise per channel. The output is one CHW float32 block.
 *
 * <p>The resampling repeats Pillow's {@code Image.resize(..., BILINEAR)} (an antialiased triangle
 * filter, horizontal pass then vertical pass, 8-bit rounding after each, 22-bit fixed-point
 * coefficients) so that the values equal what a Python pipeline feeds the same backbone; no Java
 * imaging library reproduces it. Decoding uses ImageIO: JPEG (8-bit YCbCr and greyscale), PNG, BMP,
 * GIF, TIFF and WBMP. CMYK JPEGs, WebP and HEIC are not decodable here and are reported.
 * EXIF orientation is not applied (as in torchvision).
 */
public final class ImagePreprocessor {

    /** Smallest and largest accepted output size. */
    public static final int MIN_SIZE = 8;
    public static final int MAX_SIZE = 4096;

    private static final int PRECISION_BITS = 32 - 8 - 2;

    private final int size;
    private final float[] scale = new float[3];
    private final float[] shift = new float[3];
    private final ImageNormalization normalization;

    public ImagePreprocessor(int size, ImageNormalization normalization) {
        ImageParams.check(ImageParams.SIZE, size);
        this.size = size;
        this.normalization = normalization;
        double[] m = normalization.mean();
        double[] s = normalization.std();
        for (int c = 0; c < 3; c++) {
            scale[c] = (float) (1.0 / (255.0 * s[c]));
            shift[c] = (float) (-m[c] / s[c]);
        }
    }

    public int size() {
        return size;
    }

    public ImageNormalization normalization() {
        return normalization;
    }

    /** Numbers per image: 3 x size x size. */
    public int valuesPerImage() {
        return 3 * size * size;
    }

    /**
     * Decodes, resizes, crops and normalises one file into {@code out[offset ..]} (CHW).
     *
     * @throws IOException when the file cannot be read or decoded, with the reason
     */
    public void load(Path file, float[] out, int offset) throws IOException {
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new IOException(java.nio.file.Files.exists(file) ? "not a file" : "file not found");
        }
        BufferedImage img;
        try {
            img = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            String m = e.getMessage();
            throw new IOException("cannot decode (" + (m == null ? e.getClass().getSimpleName() : m) + ")", e);
        }
        if (img == null) {
            throw new IOException("not an image format that can be decoded (JPEG, PNG, BMP, GIF, TIFF)");
        }
        toChw(rgb(img), img.getWidth(), img.getHeight(), out, offset);
    }

    /**
     * Resizes, crops and normalises packed 0xRRGGBB pixels (row-major) into {@code out[offset ..]}.
     */
    public void toChw(int[] rgb, int width, int height, float[] out, int offset) {
        int newW;
        int newH;
        if (width <= height) {
            newW = size;
            newH = (int) ((long) size * height / width);
        } else {
            newH = size;
            newW = (int) ((long) size * width / height);
        }
        int[] px = rgb;
        if (newW != width || newH != height) {
            px = resizeBilinear(rgb, width, height, newW, newH);
        }
        int top = (int) Math.rint((newH - size) / 2.0);
        int left = (int) Math.rint((newW - size) / 2.0);
        int plane = size * size;
        for (int y = 0; y < size; y++) {
            int row = (y + top) * newW + left;
            for (int x = 0; x < size; x++) {
                int p = px[row + x];
                int o = offset + y * size + x;
                out[o] = ((p >>> 16) & 0xFF) * scale[0] + shift[0];
                out[o + plane] = ((p >>> 8) & 0xFF) * scale[1] + shift[1];
                out[o + 2 * plane] = (p & 0xFF) * scale[2] + shift[2];
            }
        }
    }

    /** Packed 0xRRGGBB pixels; greyscale rasters are taken as they are (no colour-space conversion). */
    static int[] rgb(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        int[] px = new int[w * h];
        Raster r = img.getRaster();
        if (img.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            int[] g = r.getSamples(0, 0, w, h, 0, (int[]) null);
            for (int i = 0; i < px.length; i++) {
                int v = g[i] & 0xFF;
                px[i] = (v << 16) | (v << 8) | v;
            }
            return px;
        }
        if (img.getType() == BufferedImage.TYPE_3BYTE_BGR
                && r.getDataBuffer() instanceof java.awt.image.DataBufferByte db
                && r.getSampleModel() instanceof java.awt.image.PixelInterleavedSampleModel sm
                && sm.getPixelStride() == 3 && java.util.Arrays.equals(sm.getBandOffsets(), new int[] {2, 1, 0})
                && sm.getScanlineStride() == 3 * w && db.getNumBanks() == 1
                && r.getSampleModelTranslateX() == 0 && r.getSampleModelTranslateY() == 0) {
            // what ImageIO's JPEG reader returns: read the bytes directly (getRGB is several times slower)
            byte[] b = db.getData();
            int off = db.getOffset();
            for (int i = 0; i < px.length; i++) {
                int j = off + 3 * i;
                px[i] = ((b[j + 2] & 0xFF) << 16) | ((b[j + 1] & 0xFF) << 8) | (b[j] & 0xFF);
            }
            return px;
        }
        img.getRGB(0, 0, w, h, px, 0, w);
        for (int i = 0; i < px.length; i++) {
            px[i] &= 0xFFFFFF; // alpha is dropped, as Pillow's convert("RGB") does
        }
        return px;
    }

    /** Pillow's bilinear resize of 8-bit RGB: horizontal pass, then vertical, each rounded to 8 bits. */
    static int[] resizeBilinear(int[] src, int w, int h, int newW, int newH) {
        int[] tmp = src;
        int tw = w;
        if (newW != w) {
            Coefficients cx = coefficients(w, newW);
            tmp = new int[newW * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < newW; x++) {
                    int min = cx.bounds[2 * x];
                    int n = cx.bounds[2 * x + 1];
                    int base = x * cx.ksize;
                    int r = 1 << (PRECISION_BITS - 1);
                    int g = r;
                    int b = r;
                    for (int k = 0; k < n; k++) {
                        int p = src[y * w + min + k];
                        int c = cx.k[base + k];
                        r += ((p >>> 16) & 0xFF) * c;
                        g += ((p >>> 8) & 0xFF) * c;
                        b += (p & 0xFF) * c;
                    }
                    tmp[y * newW + x] = (clip8(r) << 16) | (clip8(g) << 8) | clip8(b);
                }
            }
            tw = newW;
        }
        if (newH == h) {
            return tmp;
        }
        Coefficients cy = coefficients(h, newH);
        int[] out = new int[tw * newH];
        for (int y = 0; y < newH; y++) {
            int min = cy.bounds[2 * y];
            int n = cy.bounds[2 * y + 1];
            int base = y * cy.ksize;
            for (int x = 0; x < tw; x++) {
                int r = 1 << (PRECISION_BITS - 1);
                int g = r;
                int b = r;
                for (int k = 0; k < n; k++) {
                    int p = tmp[(min + k) * tw + x];
                    int c = cy.k[base + k];
                    r += ((p >>> 16) & 0xFF) * c;
                    g += ((p >>> 8) & 0xFF) * c;
                    b += (p & 0xFF) * c;
                }
                out[y * tw + x] = (clip8(r) << 16) | (clip8(g) << 8) | clip8(b);
            }
        }
        return out;
    }

    private static int clip8(int v) {
        if (v >= (1 << PRECISION_BITS << 8)) {
            return 255;
        }
        if (v <= 0) {
            return 0;
        }
        return v >> PRECISION_BITS;
    }

    private record Coefficients(int ksize, int[] bounds, int[] k) {}

    /** Pillow's precompute_coeffs + normalize_coeffs_8bpc for the bilinear (triangle) filter. */
    private static Coefficients coefficients(int inSize, int outSize) {
        double scale = (double) inSize / outSize;
        double filterscale = Math.max(1.0, scale);
        double support = 1.0 * filterscale;
        int ksize = (int) Math.ceil(support) * 2 + 1;
        int[] bounds = new int[2 * outSize];
        int[] k = new int[outSize * ksize];
        double[] w = new double[ksize];
        for (int xx = 0; xx < outSize; xx++) {
            double center = (xx + 0.5) * scale;
            double ss = 1.0 / filterscale;
            int xmin = (int) (center - support + 0.5);
            if (xmin < 0) {
                xmin = 0;
            }
            int xmax = (int) (center + support + 0.5);
            if (xmax > inSize) {
                xmax = inSize;
            }
            xmax -= xmin;
            double ww = 0;
            for (int x = 0; x < xmax; x++) {
                double t = Math.abs((x + xmin - center + 0.5) * ss);
                w[x] = t < 1 ? 1 - t : 0;
                ww += w[x];
            }
            for (int x = 0; x < xmax; x++) {
                double v = ww != 0 ? w[x] / ww : w[x];
                k[xx * ksize + x] = (int) (v < 0 ? -0.5 + v * (1 << PRECISION_BITS) : 0.5 + v * (1 << PRECISION_BITS));
            }
            bounds[2 * xx] = xmin;
            bounds[2 * xx + 1] = xmax;
        }
        return new Coefficients(ksize, bounds, k);
    }
}
