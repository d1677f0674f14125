package org.mlx4j.core;

import java.util.ArrayList;

/** Makes a stream the default of the current thread until closed: {@code try (var s = Mx.withStream(st)) {...}}. */
public final class StreamScope implements AutoCloseable {
    private final ArrayList<Stream> stack;
    private final Stream stream;
    private boolean closed;

    StreamScope(ArrayList<Stream> stack, Stream stream) {
        this.stack = stack;
        this.stream = stream;
    }

    /**
     * The stream this scope made the thread's default.
     *
     * @return the stream
     */
    public Stream stream() { return stream; }

    /**
     * Ends the scope: the stream that was the default before it is the default again. Closing twice does
     * nothing.
     */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        int i = stack.lastIndexOf(stream);
        if (i >= 0) stack.remove(i);
    }
}
