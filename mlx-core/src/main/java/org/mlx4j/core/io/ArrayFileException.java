package org.mlx4j.core.io;

import java.nio.file.Path;

/**
 * A file of arrays (.npy, .npz, .safetensors) could not be read or written: it is missing, corrupt,
 * truncated, or holds something mlx4j does not support. The message names the file and the problem.
 * Loading never returns a partly loaded result: either every array of the file is loaded or this is thrown.
 */
public final class ArrayFileException extends RuntimeException {
    private final transient Path file;

    public ArrayFileException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public ArrayFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem + (cause.getMessage() != null ? " (" + cause.getMessage() + ")" : ""), cause);
        this.file = file;
    }

    /** The file that failed. */
    public Path file() {
        return file;
    }
}
