package org.creditlab.data;

/**
 * A dataset could not be found, downloaded or read. The message says what happened and what to do about it: which
 * files are missing and where to put them, which file is truncated or corrupt, which checksum failed.
 */
public class DatasetException extends RuntimeException {
    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
