package org.mlx4j.reactive;

import java.util.Optional;
import java.util.function.Function;
import org.mlx4j.core.Stream;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * Chooses the mlx4j stream for the stages of a reactive chain through the Reactor {@link Context}:
 * {@code flux.contextWrite(MlxContext.withStream(computeStream))} makes every mlx4j publisher upstream of
 * that point build its graphs on {@code computeStream}, unless the stage names a stream of its own.
 */
public final class MlxContext {
    private MlxContext() {}

    /** The context key under which the stream is stored. */
    public static final Object STREAM_KEY = new Object() {
        @Override
        public String toString() {
            return "mlx4j.stream";
        }
    };

    /**
     * A context writer that selects {@code stream} for the publishers upstream of it.
     *
     * @param stream the stream for the stages upstream
     * @return a function for {@code contextWrite}
     * @throws IllegalArgumentException if {@code stream} is null
     */
    public static Function<Context, Context> withStream(Stream stream) {
        if (stream == null) throw new IllegalArgumentException("MlxContext.withStream: stream is null");
        return ctx -> ctx.put(STREAM_KEY, stream);
    }

    /**
     * The stream chosen in {@code ctx}, if any.
     *
     * @param ctx the context
     * @return the stream, or empty
     */
    public static Optional<Stream> stream(ContextView ctx) {
        return ctx.getOrEmpty(STREAM_KEY);
    }

    /** The stage's own stream if set, else the context's, else none (ops go to the thread's default). */
    static Stream resolve(Stream own, ContextView ctx) {
        return own != null ? own : stream(ctx).orElse(null);
    }
}
