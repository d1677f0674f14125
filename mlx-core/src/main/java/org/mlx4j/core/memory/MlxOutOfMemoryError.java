package org.mlx4j.core.memory;

/** An allocation that cannot fit under the memory limit or that the system refused. */
public final class MlxOutOfMemoryError extends RuntimeException {
    public MlxOutOfMemoryError(String message) {
        super(message);
    }
}
