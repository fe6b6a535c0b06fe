package org.geocsp.core.io;

import java.io.IOException;

/**
 * An output that cannot be written (a folder that cannot be created, a read-only or full disk, a
 * directory where a file should go). The message names the target, never a temporary file.
 */
public class OutputFileException extends IOException {

    private static final long serialVersionUID = 1L;

    public OutputFileException(String message) {
        super(message);
    }

    public OutputFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
