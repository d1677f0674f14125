package org.mlx4j.core.io;

import java.nio.file.Path;

/**
 * A file of arrays (.npy, .npz, .safetensors, .gguf) could not be read or written: it is missing, corrupt,
 * truncated, or holds something mlx4j does not support. The message names the file and the problem.
 * Loading never returns a partly loaded result: either every array of the file is loaded or this is thrown.
 */
public final class ArrayFileException extends RuntimeException {
    private final transient Path file;

    /**
     * An error about {@code file}; the message is the file and the problem.
     *
     * @param file the file that failed
     * @param problem what went wrong
     */
    public ArrayFileException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    /**
     * An error about {@code file} caused by another one (usually an {@link java.io.IOException}).
     *
     * @param file the file that failed
     * @param problem what went wrong
     * @param cause the underlying error
     */
    public ArrayFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem + (cause.getMessage() != null ? " (" + cause.getMessage() + ")" : ""), cause);
        this.file = file;
    }

    /**
     * The file that failed.
     *
     * @return the path
     */
    public Path file() {
        return file;
    }
}
