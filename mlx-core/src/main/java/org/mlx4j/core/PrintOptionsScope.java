package org.mlx4j.core;

/**
 * Print options in force until closed: {@code try (var p = Mx.withPrintOptions(opts)) {...}} restores the
 * options that were in force before. MLX: the {@code mx.printoptions} context.
 */
public final class PrintOptionsScope implements AutoCloseable {
    private final PrintOptions previous;
    private boolean closed;

    PrintOptionsScope(PrintOptions previous) { this.previous = previous; }

    /** Restores the options in force before the scope; closing twice does nothing. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        ArrayFormatter.setOptions(previous);
    }
}
