package org.geocsp.core.runtime;

import ai.djl.pytorch.jni.JniUtils;

/**
 * libtorch's autograd mode is thread-local, and threads other than the one that started the
 * engine begin with it ON; inference in such a thread would build autograd graphs. Wrap
 * inference in {@code try (GradMode g = GradMode.disabled()) { ... }}.
 */
public final class GradMode implements AutoCloseable {

    private final boolean previous;

    private GradMode(boolean enable) {
        GeoRuntime.engine();
        previous = JniUtils.isGradMode();
        JniUtils.setGradMode(enable);
    }

    /** Turns autograd off in this thread until closed. */
    public static GradMode disabled() {
        return new GradMode(false);
    }

    @Override
    public void close() {
        JniUtils.setGradMode(previous);
    }
}
