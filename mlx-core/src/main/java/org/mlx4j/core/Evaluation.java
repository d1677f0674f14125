package org.mlx4j.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.mlx4j.core.graph.Node;
import org.mlx4j.core.graph.Scheduler;
import org.mlx4j.core.memory.Allocator;
import org.mlx4j.core.runtime.StreamExecutor;
import org.mlx4j.utils.Tree;

/** eval, asyncEval and synchronize over trees of arrays. */
final class Evaluation {
    private Evaluation() {}

    static void eval(Object... trees) {
        NoEval.check("Mx.eval");
        List<Node> nodes = collect(trees);
        checkNotWaitingForItself("Mx.eval", nodes);
        throttle();
        join(Scheduler.evaluate(nodes));
    }

    static CompletableFuture<Void> asyncEval(Object... trees) {
        return Scheduler.schedule(collect(trees));
    }

    /** Evaluates one array on behalf of a getter that reads its values. */
    static void implicit(Array a, String what) {
        Node n = a.node();
        if (n.isAvailable() && n.error() == null && n.data() != null) return;
        NoEval.check(what);
        checkNotWaitingForItself(what, List.of(n));
        throttle();
        join(Scheduler.evaluate(List.of(n)));
        if (n.data() == null) throw new IllegalStateException(what + ": the array was closed");
    }

    /**
     * A blocking evaluation on a stream's own thread (a task on {@code MlxSchedulers.of(stream)}, a completion
     * callback) whose graph needs that stream would queue behind the very task that waits for it: throw
     * instead of hanging forever.
     */
    private static void checkNotWaitingForItself(String what, List<Node> nodes) {
        StreamExecutor own = StreamExecutor.current();
        if (own == null) return;
        Stream stream = Scheduler.pendingStreamOf(nodes, own);
        if (stream != null) {
            throw new IllegalStateException(what + ": called on the thread of " + stream + " for a graph with work"
                    + " on that same stream, which cannot run before this task returns; use Mx.asyncEval and go on"
                    + " when its future completes, or run this code off the stream's thread");
        }
    }

    /** Over the memory limit, wait for running work to finish (and free its intermediates) first. */
    private static void throttle() {
        Allocator alloc = Allocator.instance();
        if (alloc.active() > alloc.memoryLimit()) {
            for (Stream s : StreamContext.all()) if (!s.queue().isCurrentThread()) s.barrier().join();
        }
    }

    static void join(CompletableFuture<Void> f) {
        // small evaluations finish within microseconds: poll briefly before parking the thread
        long deadline = System.nanoTime() + 50_000;
        while (!f.isDone() && System.nanoTime() < deadline) Thread.onSpinWait();
        try {
            f.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) throw re;
            if (cause instanceof Error err) throw err;
            throw e;
        }
    }

    static void synchronize() {
        for (Stream s : StreamContext.all()) synchronize(s);
    }

    static void synchronize(Stream stream) {
        if (stream.queue().isCurrentThread()) return; // everything before this task already ran
        stream.barrier().join();
    }

    /** The nodes of every distinct array of the given trees, in order ({@link Tree#arrays}). */
    static List<Node> collect(Object... trees) {
        List<Array> arrays = Tree.arrays(trees);
        List<Node> out = new ArrayList<>(arrays.size());
        for (Array a : arrays) out.add(a.node());
        return out;
    }
}
