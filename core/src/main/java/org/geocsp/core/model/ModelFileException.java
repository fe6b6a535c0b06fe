package org.geocsp.core.model;

import java.io.IOException;

/** A model or tensor file that cannot be read or does not fit the model; the message says why. */
public class ModelFileException extends IOException {

    private static final long serialVersionUID = 1L;

    public ModelFileException(String message) {
        super(message);
    }

    public ModelFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
