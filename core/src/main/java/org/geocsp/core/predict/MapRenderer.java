package org.geocsp.core.predict;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.geocsp.core.geo.Coordinates;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.geo.LongitudePolicy;
import org.geocsp.core.report.Headless;
import org.geocsp.core.report.PngFiles;
import org.geocsp.core.report.Viridis;

/**
 * Draws a {@link GridField} as an equirectangular world map (plate carrée): cells coloured by the
 * viridis colour map, a colour bar with tick labels, a 30° graticule with degree labels, a title,
 * optional outlines (e.g. country borders) and optional point markers (e.g. training locations
 * of the class shown). Cells that are NaN are drawn in neutral grey and explained in a legend.
 *
 * <p>Works in a headless JVM ({@link Headless#ensure()} is called before any AWT use). Settings
 * are fixed at {@link Builder#build()}; one renderer can draw many fields.
 *
 * <pre>{@code
 * GridField.CellCentres c = GridField.cellCentres(360, 180);
 * float[] p = ...; // P(class | location) at c, in the same order
 * MapRenderer.builder().title("P(oak | location)").colourScaleLabel("probability")
 *     .probabilityRange().outlines(countries).points(trainLon, trainLat, "training locations")
 *     .build().writePng(GridField.ofFloats(360, 180, p), Path.of("oak.png"));
 * }</pre>
 */
public final class MapRenderer {

    static {
        Headless.ensure();
    }

    /** Colour of cells without a value (NaN or infinite). */
    public static final Color NO_DATA = new Color(0xB4B4B4);
    /** Fill colour of point markers. */
    public static final Color POINT_FILL = new Color(0xE6, 0x1E, 0x1E);
    /** Colour of outlines: light, because most of a probability map is near 0, i.e. dark in viridis. */
    public static final Color OUTLINE = new Color(0xD8, 0xD8, 0xD8);

    private static final Color BACKGROUND = Color.WHITE;
    private static final Color TEXT = new Color(0x20, 0x20, 0x20);
    private static final Color GRATICULE = new Color(255, 255, 255, 110);
    private static final int GRATICULE_STEP_DEG = 30;

    private static final int LEFT = 64;
    private static final int TOP = 48;
    private static final int BAR_GAP = 24;
    private static final int BAR_WIDTH = 18;
    private static final int RIGHT = BAR_GAP + BAR_WIDTH + 110;
    private static final int BOTTOM = 50;
    private static final int LEGEND_ROW = 24;
    private static final double POINT_RADIUS = 3.5;

    private final String title;
    private final String colourScaleLabel;
    private final double[] fixedRange;
    private final List<double[]> outlines;
    private final double[] pointLon;
    private final double[] pointLat;
    private final String pointLabel;
    private final int mapWidth;
    private final int mapHeight;

    private MapRenderer(Builder b) {
        this.title = b.title;
        this.colourScaleLabel = b.colourScaleLabel;
        this.fixedRange = b.fixedRange;
        this.outlines = b.outlines;
        this.pointLon = b.pointLon;
        this.pointLat = b.pointLat;
        this.pointLabel = b.pointLabel;
        this.mapWidth = b.mapWidth;
        this.mapHeight = b.mapWidth / 2;
    }

    /** A builder with defaults: no title, automatic value range, 720 px wide map, no outlines or points. */
    public static Builder builder() {
        return new Builder();
    }

    /** Where the map itself lies in the image, in pixels; 360° of longitude span its width. */
    public Rectangle mapArea() {
        return new Rectangle(LEFT, TOP, mapWidth, mapHeight);
    }

    /** Image position (pixel units, not rounded) of a (longitude, latitude) in degrees. */
    public Point2D toPixel(double lonDeg, double latDeg) {
        return new Point2D.Double(x(lonDeg), y(latDeg));
    }

    /** Draws {@code field}. */
    public BufferedImage render(GridField field) {
        double[] range = valueRange(field);
        boolean missing = field.hasMissing();
        boolean hasPoints = pointLon != null && pointLon.length > 0;
        int legendRows = (missing || hasPoints) ? 1 : 0;
        int w = LEFT + mapWidth + RIGHT;
        int h = TOP + mapHeight + BOTTOM + legendRows * LEGEND_ROW;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, w, h);
            fillCells(img, field, range);
            drawGraticule(g);
            drawOutlines(g);
            drawPoints(g);
            g.setColor(TEXT);
            g.setStroke(new BasicStroke(1f));
            g.drawRect(LEFT, TOP, mapWidth, mapHeight);
            drawAxisLabels(g);
            drawTitle(g, w);
            drawColourBar(g, range);
            if (legendRows > 0) {
                drawLegend(g, TOP + mapHeight + BOTTOM, missing, hasPoints);
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    /** Draws {@code field} and writes it as PNG to {@code file}, atomically (temporary file + move). */
    public void writePng(GridField field, Path file) throws IOException {
        PngFiles.write(render(field), file);
    }

    /** The value range the colour map spans for {@code field}: the fixed one, else min..max of finite cells. */
    public double[] valueRange(GridField field) {
        if (fixedRange != null) {
            return fixedRange.clone();
        }
        double[] r = field.finiteRange();
        if (r == null) {
            return new double[] {0, 1};
        }
        if (r[0] == r[1]) {
            // A constant field still needs a non-empty scale; centre it on the value.
            double pad = r[0] == 0 ? 0.5 : Math.abs(r[0]) * 0.5;
            return new double[] {r[0] - pad, r[1] + pad};
        }
        return r;
    }

    private double x(double lon) {
        return LEFT + (lon + 180.0) / 360.0 * mapWidth;
    }

    private double y(double lat) {
        return TOP + (90.0 - lat) / 180.0 * mapHeight;
    }

    private void fillCells(BufferedImage img, GridField field, double[] range) {
        int gw = field.width();
        int gh = field.height();
        int[] colOf = new int[mapWidth];
        for (int px = 0; px < mapWidth; px++) {
            colOf[px] = Math.min(gw - 1, (int) ((px + 0.5) * gw / mapWidth));
        }
        double span = range[1] - range[0];
        int[] row = new int[mapWidth];
        for (int py = 0; py < mapHeight; py++) {
            int gi = Math.min(gh - 1, (int) ((py + 0.5) * gh / mapHeight));
            for (int px = 0; px < mapWidth; px++) {
                double v = field.value(gi, colOf[px]);
                row[px] = Double.isFinite(v) ? Viridis.argb((v - range[0]) / span) : NO_DATA.getRGB();
            }
            img.setRGB(LEFT, TOP + py, mapWidth, 1, row, 0, mapWidth);
        }
    }

    private void drawGraticule(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        g.setColor(GRATICULE);
        g.setStroke(new BasicStroke(1f));
        for (int lon = -180 + GRATICULE_STEP_DEG; lon < 180; lon += GRATICULE_STEP_DEG) {
            int px = (int) Math.round(x(lon));
            g.drawLine(px, TOP, px, TOP + mapHeight - 1);
        }
        for (int lat = -90 + GRATICULE_STEP_DEG; lat < 90; lat += GRATICULE_STEP_DEG) {
            int py = (int) Math.round(y(lat));
            g.drawLine(LEFT, py, LEFT + mapWidth - 1, py);
        }
    }

    private void drawOutlines(Graphics2D g) {
        if (outlines.isEmpty()) {
            return;
        }
        Graphics2D c = (Graphics2D) g.create();
        try {
            c.clip(mapArea());
            c.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            c.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            c.setColor(OUTLINE);
            c.setStroke(new BasicStroke(1.0f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            Path2D.Double path = new Path2D.Double();
            for (double[] line : outlines) {
                appendPolyline(path, line);
            }
            c.draw(path);
        } finally {
            c.dispose();
        }
    }

    /**
     * Adds one polyline to the path. A segment whose longitudes differ by more than 180° crosses
     * the antimeridian: it is split at ±180° (latitude interpolated) instead of being drawn
     * straight across the whole map. NaN pairs break the line.
     */
    private void appendPolyline(Path2D.Double path, double[] ll) {
        boolean open = false;
        double pLon = 0;
        double pLat = 0;
        for (int k = 0; k + 1 < ll.length; k += 2) {
            double lon = ll[k];
            double lat = ll[k + 1];
            if (!Double.isFinite(lon) || !Double.isFinite(lat)) {
                open = false;
                continue;
            }
            if (!open) {
                path.moveTo(x(lon), y(lat));
                open = true;
            } else {
                double d = lon - pLon;
                if (Math.abs(d) > 180) {
                    double edge = d > 0 ? -180 : 180; // the edge the segment leaves through
                    double unwrapped = d > 0 ? lon - 360 : lon + 360;
                    double f = (edge - pLon) / (unwrapped - pLon);
                    double cLat = pLat + f * (lat - pLat);
                    path.lineTo(x(edge), y(cLat));
                    path.moveTo(x(-edge), y(cLat));
                }
                path.lineTo(x(lon), y(lat));
            }
            pLon = lon;
            pLat = lat;
        }
    }

    private void drawPoints(Graphics2D g) {
        if (pointLon == null) {
            return;
        }
        Graphics2D c = (Graphics2D) g.create();
        try {
            c.clip(mapArea());
            c.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            c.setStroke(new BasicStroke(1f));
            for (int k = 0; k < pointLon.length; k++) {
                drawMarker(c, x(pointLon[k]), y(pointLat[k]));
            }
        } finally {
            c.dispose();
        }
    }

    private static void drawMarker(Graphics2D g, double cx, double cy) {
        Ellipse2D.Double e = new Ellipse2D.Double(cx - POINT_RADIUS, cy - POINT_RADIUS, 2 * POINT_RADIUS, 2 * POINT_RADIUS);
        g.setColor(POINT_FILL);
        g.fill(e);
        g.setColor(Color.WHITE);
        g.draw(e);
    }

    private void drawAxisLabels(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        FontMetrics fm = g.getFontMetrics();
        g.setColor(TEXT);
        int step = mapWidth >= 600 ? GRATICULE_STEP_DEG : 2 * GRATICULE_STEP_DEG; // avoid overlapping labels
        for (int lon = -180; lon <= 180; lon += step) {
            int px = (int) Math.round(x(lon));
            g.drawLine(px, TOP + mapHeight, px, TOP + mapHeight + 4);
            String s = lonLabel(lon);
            g.drawString(s, px - fm.stringWidth(s) / 2, TOP + mapHeight + 6 + fm.getAscent());
        }
        for (int lat = -90; lat <= 90; lat += GRATICULE_STEP_DEG) {
            int py = (int) Math.round(y(lat));
            g.drawLine(LEFT - 4, py, LEFT, py);
            String s = latLabel(lat);
            g.drawString(s, LEFT - 7 - fm.stringWidth(s), py + fm.getAscent() / 2 - 1);
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        fm = g.getFontMetrics();
        String lonTitle = "longitude";
        g.drawString(lonTitle, LEFT + (mapWidth - fm.stringWidth(lonTitle)) / 2, TOP + mapHeight + 22 + fm.getAscent());
        drawVertical(g, "latitude", 14, TOP + mapHeight / 2);
    }

    static String lonLabel(int lon) {
        return lon == 0 || Math.abs(lon) == 180 ? Math.abs(lon) + "°" : Math.abs(lon) + (lon < 0 ? "°W" : "°E");
    }

    static String latLabel(int lat) {
        return lat == 0 ? "0°" : Math.abs(lat) + (lat < 0 ? "°S" : "°N");
    }

    private void drawTitle(Graphics2D g, int imageWidth) {
        if (title.isEmpty()) {
            return;
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        FontMetrics fm = g.getFontMetrics();
        g.setColor(TEXT);
        int tx = LEFT + (mapWidth - fm.stringWidth(title)) / 2;
        g.drawString(title, Math.max(4, Math.min(tx, imageWidth - fm.stringWidth(title) - 4)), TOP - 16);
    }

    private void drawColourBar(Graphics2D g, double[] range) {
        int bx = LEFT + mapWidth + BAR_GAP;
        int by = TOP;
        int bh = mapHeight;
        for (int k = 0; k < bh; k++) {
            double t = 1.0 - (k + 0.5) / bh; // top of the bar = maximum
            g.setColor(Viridis.color(t));
            g.drawLine(bx, by + k, bx + BAR_WIDTH - 1, by + k);
        }
        g.setColor(TEXT);
        g.drawRect(bx, by, BAR_WIDTH, bh);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        FontMetrics fm = g.getFontMetrics();
        int labelWidth = 0;
        for (double[] tick : ticks(range[0], range[1])) {
            double v = tick[0];
            int py = (int) Math.round(by + (range[1] - v) / (range[1] - range[0]) * bh);
            g.drawLine(bx + BAR_WIDTH, py, bx + BAR_WIDTH + 4, py);
            String s = formatTick(v, tick[1]);
            g.drawString(s, bx + BAR_WIDTH + 7, py + fm.getAscent() / 2 - 1);
            labelWidth = Math.max(labelWidth, fm.stringWidth(s));
        }
        if (!colourScaleLabel.isEmpty()) {
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            int lx = bx + BAR_WIDTH + 7 + labelWidth + 8 + g.getFontMetrics().getAscent();
            drawVertical(g, colourScaleLabel, lx, by + bh / 2);
        }
    }

    private void drawLegend(Graphics2D g, int top, boolean missing, boolean hasPoints) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        FontMetrics fm = g.getFontMetrics();
        int cx = LEFT;
        int cy = top + LEGEND_ROW / 2;
        if (hasPoints) {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            drawMarker(g, cx + 6, cy);
            g.setColor(TEXT);
            String s = pointLabel + " (" + pointLon.length + ")";
            g.drawString(s, cx + 16, cy + fm.getAscent() / 2 - 1);
            cx += 16 + fm.stringWidth(s) + 24;
        }
        if (missing) {
            g.setColor(NO_DATA);
            g.fillRect(cx, cy - 6, 12, 12);
            g.setColor(TEXT);
            g.drawRect(cx, cy - 6, 12, 12);
            g.drawString("no data (NaN)", cx + 18, cy + fm.getAscent() / 2 - 1);
        }
    }

    private static void drawVertical(Graphics2D g, String s, int baselineX, int centreY) {
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2, baselineX, centreY);
        g.drawString(s, baselineX - g.getFontMetrics().stringWidth(s) / 2, centreY);
        g.setTransform(saved);
    }

    /** "Nice" ticks (1, 2, 5 x 10^k steps, about five of them) within [lo, hi]; each {value, step}. */
    static List<double[]> ticks(double lo, double hi) {
        double raw = (hi - lo) / 5;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / mag >= 5 ? 5 * mag : raw / mag >= 2 ? 2 * mag : mag;
        List<double[]> out = new ArrayList<>();
        double eps = step * 1e-9;
        for (long k = (long) Math.ceil((lo - eps) / step); k * step <= hi + eps; k++) {
            out.add(new double[] {k * step, step});
        }
        return out;
    }

    private static String formatTick(double v, double step) {
        int decimals = Math.max(0, -(int) Math.floor(Math.log10(step) + 1e-9));
        return new BigDecimal(v).setScale(decimals, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    /** Settings of a {@link MapRenderer}. */
    public static final class Builder {
        private String title = "";
        private String colourScaleLabel = "";
        private double[] fixedRange;
        private List<double[]> outlines = List.of();
        private double[] pointLon;
        private double[] pointLat;
        private String pointLabel = "points";
        private int mapWidth = 720;

        private Builder() {
        }

        /** Title above the map, e.g. "P(oak | location)". */
        public Builder title(String title) {
            this.title = title == null ? "" : title;
            return this;
        }

        /** Label beside the colour bar, e.g. "probability". */
        public Builder colourScaleLabel(String label) {
            this.colourScaleLabel = label == null ? "" : label;
            return this;
        }

        /** The colour map spans the smallest to the largest finite value of each field (default). */
        public Builder autoRange() {
            this.fixedRange = null;
            return this;
        }

        /** The colour map spans [0, 1], for probabilities. */
        public Builder probabilityRange() {
            return fixedRange(0, 1);
        }

        /** The colour map spans [min, max]; values outside get the end colours. */
        public Builder fixedRange(double min, double max) {
            if (!(Double.isFinite(min) && Double.isFinite(max) && min < max)) {
                throw new InvalidInputException("map value range must be finite with minimum < maximum, got ["
                    + min + ", " + max + "]");
            }
            this.fixedRange = new double[] {min, max};
            return this;
        }

        /**
         * Outlines drawn over the field, e.g. country borders: each array one polyline of
         * interleaved (longitude, latitude) in degrees. A NaN pair breaks a line.
         */
        public Builder outlines(List<double[]> polylines) {
            List<String> problems = new ArrayList<>();
            for (int k = 0; k < polylines.size(); k++) {
                double[] p = polylines.get(k);
                if (p == null || p.length % 2 != 0) {
                    problems.add("outline " + k + " must hold interleaved longitude, latitude pairs, got "
                        + (p == null ? "none" : p.length + " values"));
                }
            }
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
            this.outlines = List.copyOf(polylines);
            return this;
        }

        /** Point markers, e.g. the training locations of the class shown, labelled "points" in the legend. */
        public Builder points(double[] lonDeg, double[] latDeg) {
            return points(lonDeg, latDeg, "points");
        }

        /** Point markers (longitude, latitude in degrees) with the legend label {@code label}. */
        public Builder points(double[] lonDeg, double[] latDeg, String label) {
            Coordinates.validate(lonDeg, latDeg, "point longitude", "point latitude", 0, LongitudePolicy.REJECT);
            this.pointLon = lonDeg.clone();
            this.pointLat = latDeg.clone();
            this.pointLabel = label == null || label.isEmpty() ? "points" : label;
            return this;
        }

        /** Width of the map itself in pixels (its height is half of it); 720 by default, at least 180. */
        public Builder mapWidth(int pixels) {
            if (pixels < 180 || pixels > 10_000) {
                throw new InvalidInputException("map width must be between 180 and 10000 pixels, got " + pixels);
            }
            this.mapWidth = pixels - pixels % 2;
            return this;
        }

        public MapRenderer build() {
            return new MapRenderer(this);
        }
    }
}
