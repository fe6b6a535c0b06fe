package org.geocsp.core.image;

import java.io.IOException;
import java.nio.file.Path;

/** A file whose metadata cannot be read: not an image, an unknown format, or a damaged file. */
public final class PhotoReadException extends IOException {

    private static final long serialVersionUID = 1L;
    private final transient Path path;

    public PhotoReadException(Path path, String reason, Throwable cause) {
        super(path + ": " + reason, cause);
        this.path = path;
    }

    /** The file. */
    public Path path() {
        return path;
    }
}
