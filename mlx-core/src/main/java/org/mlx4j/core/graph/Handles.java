package org.mlx4j.core.graph;

import java.util.Objects;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Stream;
import org.mlx4j.core.primitives.Primitive;
import org.mlx4j.core.runtime.StreamExecutor;

/**
 * The bridge between the public handles ({@link Array}, {@link Stream}) and what is behind them (graph
 * {@link Node}s, the stream's task queue), for the internal packages of mlx-core (scheduler, transforms,
 * compile, primitives). {@code org.mlx4j.core} keeps these
 * operations package-private so that nodes never appear in the public API; it hands them over here
 * once, when {@code Array} is initialised (as the JDK's {@code SharedSecrets} do). This package is not
 * exported, so only mlx-core itself can call them.
 */
public final class Handles {
    /** What {@code org.mlx4j.core} grants its internal packages. */
    public interface Access {
        /** The node behind a handle. */
        Node node(Array a);

        /** A new handle on an existing node (not owned by any {@code Memory.scope()}). */
        Array wrap(Node node);

        /** A handle on a freshly computed node, owned by the current {@code Memory.scope()} like any op result. */
        Array wrapResult(Node node);

        /** Builds a node of {@code primitive} over {@code inputs} on the current stream (tracked like any op result). */
        Array make(Primitive primitive, int[] shape, DType dtype, Array... inputs);

        /** Points {@code handle} at {@code node} (as {@code Array.set} does). */
        void rebind(Array handle, Node node);

        /** The task queue behind a stream. */
        StreamExecutor queue(Stream stream);
    }

    // Plain, not volatile: a thread that reads null initialises Array (which synchronises on its class
    // initialisation) and then sees the value; HandleAccess has no state to publish.
    private static Access access;

    private Handles() {}

    /** Called once by {@code org.mlx4j.core.Array}'s initialiser. */
    public static void install(Access a) {
        if (access != null) throw new IllegalStateException("Handles: access is already installed");
        access = Objects.requireNonNull(a);
    }

    private static Access access() {
        Access a = access;
        if (a != null) return a;
        try { // a node may reach here before any Array exists: initialising Array installs the access
            Class.forName(Array.class.getName(), true, Handles.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        return access;
    }

    public static Node node(Array a) { return access().node(a); }

    public static Array wrap(Node node) { return access().wrap(node); }

    public static Array wrapResult(Node node) { return access().wrapResult(node); }

    public static Array make(Primitive primitive, int[] shape, DType dtype, Array... inputs) {
        return access().make(primitive, shape, dtype, inputs);
    }

    public static void rebind(Array handle, Node node) { access().rebind(handle, node); }

    public static StreamExecutor queue(Stream stream) { return access().queue(stream); }
}
