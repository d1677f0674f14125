package org.mlx4j.reactive;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.mlx4j.core.Mx;
import org.mlx4j.core.NoEval;
import org.mlx4j.core.Stream;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Cold {@link Mono}s over asynchronous evaluation, MLX's {@code async_eval} as a publisher.
 *
 * <p>Nothing happens until subscription. On subscribe the graph is scheduled with {@link Mx#asyncEval}
 * (which returns at once); the value is emitted when the stream signals that the outputs are available,
 * never by parking a thread. A kernel failure arrives as {@code onError}. Cancelling drops interest only:
 * the scheduled work still completes on its stream, so the stream is never left half-way.
 *
 * <p>Signals are delivered on {@link Schedulers#parallel()} by default rather than on the stream's own
 * thread, so downstream code never delays the stream's kernels; pass {@link Schedulers#immediate()} to
 * receive them on the completing thread.
 *
 * <p>In the diagrams time runs to the right: {@code b} marks the subscription, where the graph is
 * scheduled with {@code asyncEval} ({@link #fromGraph} builds it first), {@code =} its computation on the
 * stream, {@code *} the stream's completion signal, {@code x} the emitted tree, {@code |} {@code onComplete},
 * {@code X} {@code onError} and {@code !} a cancel.
 * <pre>
 * graph       b=========*
 * signals     ----------x|           (the value waits for a request if none came yet)
 *
 * graph       b=========X
 * signals     ----------X            (the kernel's exception, without waiting for a request)
 *
 * graph       b=========*            (the work still completes on its stream)
 * signals     -----!                 (eval: x stays the caller's; fromGraph: x is closed once computed)
 * </pre>
 * A graph supplier that throws, or evaluates, gives {@code onError} at subscription.
 */
public final class MlxMono {
    private MlxMono() {}

    /**
     * Evaluates {@code tree} (an Array, or a List/Map/record of them) and emits it once available.
     *
     * @param <T> the type of the tree
     * @param tree an {@link org.mlx4j.core.Array}, or a list, map or record of arrays
     * @return a cold Mono of {@code tree}, emitted once computed
     * @throws IllegalArgumentException if {@code tree} or {@code signalOn} is null
     */
    public static <T> Mono<T> eval(T tree) {
        return eval(tree, Schedulers.parallel());
    }

    /**
     * As {@link #eval(Object)}, delivering signals on {@code signalOn}.
     *
     * @param <T> the type of the tree
     * @param tree an {@link org.mlx4j.core.Array}, or a list, map or record of arrays
     * @param signalOn the scheduler that delivers the signals
     * @return a cold Mono of {@code tree}, emitted once computed
     * @throws IllegalArgumentException if {@code tree} or {@code signalOn} is null
     */
    public static <T> Mono<T> eval(T tree, Scheduler signalOn) {
        if (tree == null) throw new IllegalArgumentException("MlxMono.eval: tree is null");
        if (signalOn == null) throw new IllegalArgumentException("MlxMono.eval: signalOn is null");
        return new EvalMono<T>(ctx -> tree).publishOn(signalOn);
    }

    /**
     * Builds a graph on subscribe (on the stream chosen through {@link MlxContext}, under
     * {@link NoEval} so an accidental blocking evaluation fails with a clear error), evaluates it and emits
     * it. The Mono owns the graph until it is delivered: if the subscriber cancels first, the graph's arrays
     * are closed as soon as their computation has finished.
     *
     * @param <T> the type of the tree
     * @param graph builds the graph: an array, or a list, map or record of arrays; it must not evaluate
     * @return a cold Mono of the built tree, emitted once computed
     * @throws IllegalArgumentException if {@code graph} or {@code signalOn} is null
     */
    public static <T> Mono<T> fromGraph(Supplier<T> graph) {
        return fromGraph(graph, Schedulers.parallel());
    }

    /**
     * As {@link #fromGraph(Supplier)}, delivering signals on {@code signalOn}.
     *
     * @param <T> the type of the tree
     * @param graph builds the graph: an array, or a list, map or record of arrays; it must not evaluate
     * @param signalOn the scheduler that delivers the signals
     * @return a cold Mono of the built tree, emitted once computed
     * @throws IllegalArgumentException if {@code graph} or {@code signalOn} is null
     */
    public static <T> Mono<T> fromGraph(Supplier<T> graph, Scheduler signalOn) {
        if (graph == null) throw new IllegalArgumentException("MlxMono.fromGraph: graph supplier is null");
        if (signalOn == null) throw new IllegalArgumentException("MlxMono.fromGraph: signalOn is null");
        return new EvalMono<T>(ctx -> build(graph, MlxContext.resolve(null, ctx)))
                .publishOn(signalOn)
                // values that can no longer be delivered (cancelled in flight) are ours to release
                .doOnDiscard(Object.class, Trees::close);
    }

    static <T> T build(Supplier<T> graph, Stream stream) {
        if (stream == null) return NoEval.run("MlxMono.fromGraph", graph);
        try (var s = Mx.withStream(stream)) {
            return NoEval.run("MlxMono.fromGraph", graph);
        }
    }

    /** Schedules the tree's arrays and maps the future to the tree, unwrapping the kernel's exception. */
    static <T> CompletableFuture<T> schedule(T tree) {
        CompletableFuture<Void> f;
        try {
            f = Mx.asyncEval(Trees.arrays(tree));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<T> out = new CompletableFuture<>();
        f.whenComplete((v, e) -> {
            if (e != null) out.completeExceptionally(unwrap(e));
            else out.complete(tree);
        });
        return out;
    }

    static Throwable unwrap(Throwable e) {
        while (e instanceof CompletionException && e.getCause() != null) e = e.getCause();
        return e;
    }
}
