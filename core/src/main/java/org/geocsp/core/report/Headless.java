package org.geocsp.core.report;

/**
 * Puts AWT into headless mode before any picture is drawn. GeoCSP renders maps and charts into
 * images only, on servers and in KNIME's batch executor where no display exists; with a stale
 * {@code DISPLAY} variable a non-headless AWT would try to connect to an X server and fail.
 */
public final class Headless {

    private static final String PROPERTY = "java.awt.headless";

    private Headless() {
    }

    /**
     * Sets {@code java.awt.headless=true} unless the property was set explicitly (an explicit
     * choice by the host application wins). Call before touching AWT; calling again is harmless.
     */
    public static void ensure() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, "true");
        }
    }
}
