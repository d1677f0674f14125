package org.mlx4j.core;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.mlx4j.core.graph.Node;
import org.mlx4j.core.memory.Allocator;

/**
 * Memory statistics and limits (MLX's {@code mx.get_active_memory()} and friends), and explicit
 * lifetime control: {@link Array#close()} and {@link #scope()}.
 */
public final class Memory {
    private static final ThreadLocal<List<Scope>> SCOPES = ThreadLocal.withInitial(ArrayList::new);

    private Memory() {}

    /**
     * Bytes held by arrays now (excluding the cache).
     * MLX: {@code mlx.core.get_active_memory()}.
     *
     * @return the bytes in use
     */
    public static long activeMemory() { return Allocator.instance().active(); }

    /**
     * The most active memory seen since the start or the last {@link #resetPeakMemory()}.
     * MLX: {@code mlx.core.get_peak_memory()}.
     *
     * @return the peak in bytes
     */
    public static long peakMemory() { return Allocator.instance().peak(); }

    /**
     * Resets {@link #peakMemory()} to the current active memory. MLX: {@code mlx.core.reset_peak_memory()}.
     */
    public static void resetPeakMemory() { Allocator.instance().resetPeak(); }

    /**
     * Bytes of freed buffers kept for reuse.
     * MLX: {@code mlx.core.get_cache_memory()}.
     *
     * @return the bytes in the cache
     */
    public static long cacheMemory() { return Allocator.instance().cached(); }

    /**
     * The memory limit in bytes: by default 0.75 of the machine's physical memory (the cache limit
     * defaults to the same value).
     * MLX: the value {@code mlx.core.set_memory_limit} returns.
     *
     * @return the limit in bytes
     */
    public static long memoryLimit() { return Allocator.instance().memoryLimit(); }

    /**
     * Sets the memory limit (eval waits for running work above it); returns the previous one.
     * MLX: {@code mlx.core.set_memory_limit(limit)}.
     *
     * @param bytes the new limit in bytes
     * @return the previous limit
     */
    public static long setMemoryLimit(long bytes) { return Allocator.instance().setMemoryLimit(bytes); }

    /**
     * The buffer-cache limit in bytes: freed buffers beyond it go back to the system. MLX: the value
     * {@code mx.set_cache_limit} returns.
     *
     * @return the limit in bytes
     */
    public static long cacheLimit() { return Allocator.instance().cacheLimit(); }

    /**
     * Sets the buffer-cache limit (0 disables caching); returns the previous one.
     * MLX: {@code mlx.core.set_cache_limit(limit)}.
     *
     * @param bytes the new limit in bytes
     * @return the previous limit
     */
    public static long setCacheLimit(long bytes) { return Allocator.instance().setCacheLimit(bytes); }

    /**
     * Returns every cached buffer to the system. MLX: {@code mlx.core.clear_cache()}.
     */
    public static void clearCache() { Allocator.instance().clearCache(); }

    /**
     * Takes back now the buffers of arrays whose handles are no longer reachable (otherwise this happens
     * when the garbage collector runs or when memory grows). Returns the bytes still active.
     *
     * @return the active memory in bytes afterwards
     */
    public static long reclaim() {
        Allocator.instance().reclaim();
        return Allocator.instance().active();
    }

    /**
     * Sets how many bytes of new buffers are pinned in physical memory (mlock), where the OS permits;
     * returns the previous limit.
     * MLX: {@code mlx.core.set_wired_limit(limit)}.
     *
     * @param bytes the new limit in bytes
     * @return the previous limit
     */
    public static long setWiredLimit(long bytes) { return Allocator.instance().setWiredLimit(bytes); }

    /**
     * Bytes currently pinned.
     *
     * @return the pinned bytes
     */
    public static long wiredMemory() { return Allocator.instance().wiredMemory(); }

    /**
     * Opens a scope on this thread: arrays created inside it are closed when it closes, except those
     * passed to {@link Scope#keep}. {@code try (var scope = Memory.scope()) { ...; return scope.keep(result); }}
     *
     * @return the scope; close it, best with try-with-resources
     */
    public static Scope scope() {
        Scope s = new Scope();
        SCOPES.get().add(s);
        return s;
    }

    static void track(Array a) {
        List<Scope> scopes = SCOPES.get();
        if (!scopes.isEmpty()) scopes.get(scopes.size() - 1).created.add(a);
    }

    /** Releases the array's buffer now; a later read throws. */
    static void close(Array a) {
        Node n = a.node();
        if (n.status() == Node.Status.SCHEDULED) {
            CompletableFutureSupport.awaitQuietly(n.done());
        }
        n.releaseData();
    }

    /** Arrays created on this thread while it is open are closed with it, unless kept. */
    public static final class Scope implements AutoCloseable {
        private final List<Array> created = new ArrayList<>();
        private final Set<Node> kept = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        private boolean closed;

        private Scope() {}

        /**
         * Keeps the arrays of {@code tree} (and, once evaluated, their values) beyond this scope.
         *
         * @param <T> the type of the tree
         * @param tree an array, or a tree of arrays
         * @return {@code tree}
         */
        public <T> T keep(T tree) {
            for (Node n : Evaluation.collect(tree)) kept.add(n);
            List<Scope> scopes = SCOPES.get();
            int i = scopes.indexOf(this);
            if (i > 0) {
                for (Node n : Evaluation.collect(tree)) scopes.get(i - 1).created.add(Array.fromNode(n));
            }
            return tree;
        }

        /**
         * Closes every array created in this scope on this thread that was not kept (waiting for any whose
         * computation is running), after evaluating the kept ones. Closing twice does nothing.
         */
        @Override
        public void close() {
            if (closed) return;
            closed = true;
            List<Scope> scopes = SCOPES.get();
            scopes.remove(this);
            List<Node> toClose = new ArrayList<>();
            for (Array a : created) if (!kept.contains(a.node())) toClose.add(a.node());
            if (!kept.isEmpty()) Mx.eval(kept.stream().map(Array::fromNode).toList());
            for (Node n : toClose) {
                if (n.status() == Node.Status.SCHEDULED) CompletableFutureSupport.awaitQuietly(n.done());
                n.releaseData();
            }
        }
    }
}
