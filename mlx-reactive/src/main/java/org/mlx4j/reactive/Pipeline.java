package org.mlx4j.reactive;

import java.util.Objects;
import java.util.function.Function;
import org.mlx4j.core.Stream;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A pipelined stage for {@link Flux#transform}: for each upstream item the graph function builds a lazy
 * graph (it must not evaluate: a blocking evaluation inside it fails with an error naming the stage), the
 * stage schedules it with {@code asyncEval} and emits the results in upstream order once they are
 * available. At most {@code depth} items are in flight (built but not yet emitted), and upstream is asked
 * for more only as emissions free room, so a loader taking L ms per item and a compute stage taking C ms
 * run in about max(L, C) per item instead of L + C.
 *
 * <!-- example context: ShardsContext -->
 * <pre>{@code
 * Flux<Array> out = batches.transform(Pipeline.of((Array x) -> model.forward(x)).depth(4).on(computeStream));
 * }</pre>
 *
 * <p>Ownership: results are the subscriber's once emitted. Results computed for items that can no longer
 * be delivered (cancellation, error) are closed once their computation finishes (or handed to Reactor's
 * discard hook with {@link #closeDiscarded(boolean) closeDiscarded(false)}). With
 * {@link #releaseInputs(boolean) releaseInputs(true)} the stage also owns upstream items and closes their
 * arrays (those not part of the result) once the result is available.
 *
 * <p>Instances are immutable; every option returns a new stage.
 *
 * <p>In the diagrams below time runs to the right: {@code a}, {@code b}, ... are upstream items,
 * {@code A}, {@code B}, ... their results; {@code b} on an item's row marks its graph being built and
 * scheduled with {@code asyncEval} (on the signal scheduler's worker), {@code =} its computation on the
 * stream, {@code *} the stream's completion signal, {@code |} {@code onComplete}, {@code X} an error and
 * {@code !} a cancel. With {@code depth(2)} and unbounded downstream demand, the stage asks upstream for
 * two items at once and for one more each time a result leaves; results keep upstream order:
 * <pre>
 * request(n)  2       1     1
 * upstream    -a-b------c-----d-|
 * item a        b=====*
 * item b          b    =====*
 * item c                 b   =====*
 * item d                       b   =====*
 * onNext      --------A-----B-----C-----D|
 * </pre>
 *
 * <p>Downstream demand bounds the emissions only: finished results wait for requests, and while they wait
 * they count against the depth, so upstream is not asked for more.
 *
 * <p>Errors end the stage at once: upstream is cancelled, {@code onError} is signalled without waiting
 * for the items still computing, and their results are closed once computed (with the default
 * {@code closeDiscarded(true)}). A kernel failure of item b, a graph function that throws for item c, and an
 * upstream error:
 * <pre>
 * upstream    -a-b------c---!
 * item a        b=====*
 * item b          b    =====X
 * item c                 b   =====*    (closed once computed)
 * onNext      --------A-----X
 *
 * upstream    -a-b------c!
 * item b          b    =====*          (closed once computed)
 * item c                 X             (the function threw: c is released)
 * onNext      --------A--X
 *
 * upstream    -a-b-X
 * item a        b=====*                (closed once computed)
 * item b          b    =====*          (closed once computed)
 * onNext      -----X
 * </pre>
 *
 * <p>A cancel cancels upstream and builds nothing more; the results in flight are closed once computed
 * (with {@code releaseInputs(true)} their inputs too):
 * <pre>
 * upstream    -a-b------c-!
 * item b          b    =====*          (closed once computed)
 * item c                 b   =====*    (closed once computed)
 * onNext      --------A---!

 * </pre>
 *
 * @param <T> the upstream item type
 * @param <R> the result type: an {@link org.mlx4j.core.Array} or a tree of them
 */
public final class Pipeline<T, R> implements Function<Flux<T>, Flux<R>> {
    final Function<? super T, ? extends R> graph;
    final DepthPolicy depth;
    final Stream stream;
    final Scheduler signalOn;
    final boolean releaseInputs;
    final boolean closeDiscarded;
    final String name;

    private Pipeline(Function<? super T, ? extends R> graph, DepthPolicy depth, Stream stream, Scheduler signalOn,
                     boolean releaseInputs, boolean closeDiscarded, String name) {
        this.graph = graph;
        this.depth = depth;
        this.stream = stream;
        this.signalOn = signalOn;
        this.releaseInputs = releaseInputs;
        this.closeDiscarded = closeDiscarded;
        this.name = name;
    }

    /**
     * A stage building its graph with {@code graph}; depth 2 by default.
     *
     * @param <T> the upstream item type
     * @param <R> the result type
     * @param graph builds the lazy result graph of an item; it must not evaluate
     * @return the stage
     * @throws NullPointerException if {@code graph} is null
     */
    public static <T, R> Pipeline<T, R> of(Function<? super T, ? extends R> graph) {
        Objects.requireNonNull(graph, "Pipeline.of: graph function is null");
        return new Pipeline<>(graph, DepthPolicy.fixed(2), null, Schedulers.parallel(), false, true, "pipeline stage");
    }

    /**
     * An evaluation-only stage (prefetch): emits each upstream tree once it is evaluated, with up to
     * {@code depth} evaluating ahead. The trees stay the caller's: those that cannot be delivered go to
     * Reactor's discard hook rather than being closed.
     *
     * @param <T> the upstream item type
     * @param depth the number of items in flight, at least 1
     * @return the stage
     * @throws IllegalArgumentException if {@code depth < 1}
     */
    public static <T> Pipeline<T, T> prefetch(int depth) {
        return Pipeline.<T, T>of(Function.identity()).depth(depth).closeDiscarded(false).named("prefetch");
    }

    /**
     * At most {@code depth} items in flight (at least 1).
     *
     * @param depth the number of items in flight, at least 1
     * @return a new stage with that setting
     * @throws IllegalArgumentException if {@code depth < 1}
     */
    public Pipeline<T, R> depth(int depth) {
        return depth(DepthPolicy.fixed(depth));
    }

    /**
     * The in-flight depth from a policy, for example {@link DepthPolicy#memoryAware(int)}.
     *
     * @param policy the depth policy
     * @return a new stage with that setting
     * @throws NullPointerException if {@code policy} is null
     */
    public Pipeline<T, R> depth(DepthPolicy policy) {
        Objects.requireNonNull(policy, "Pipeline.depth: policy is null");
        return new Pipeline<>(graph, policy, stream, signalOn, releaseInputs, closeDiscarded, name);
    }

    /**
     * Builds the graphs on {@code stream} (otherwise the stream from {@link MlxContext}, else the default).
     *
     * @param stream the stream
     * @return a new stage with that setting
     */
    public Pipeline<T, R> on(Stream stream) {
        return new Pipeline<>(graph, depth, stream, signalOn, releaseInputs, closeDiscarded, name);
    }

    /**
     * The scheduler whose worker builds graphs and delivers signals (default {@link Schedulers#parallel()}).
     *
     * @param scheduler the scheduler
     * @return a new stage with that setting
     * @throws NullPointerException if {@code scheduler} is null
     */
    public Pipeline<T, R> signalOn(Scheduler scheduler) {
        Objects.requireNonNull(scheduler, "Pipeline.signalOn: scheduler is null");
        return new Pipeline<>(graph, depth, stream, scheduler, releaseInputs, closeDiscarded, name);
    }

    /**
     * Whether the stage owns upstream items and closes their arrays once each result is available.
     *
     * @param release whether the stage owns its inputs
     * @return a new stage with that setting
     */
    public Pipeline<T, R> releaseInputs(boolean release) {
        return new Pipeline<>(graph, depth, stream, signalOn, release, closeDiscarded, name);
    }

    /**
     * Whether results that can no longer be delivered are closed (default) or handed to the discard hook.
     *
     * @param close whether to close them
     * @return a new stage with that setting
     */
    public Pipeline<T, R> closeDiscarded(boolean close) {
        return new Pipeline<>(graph, depth, stream, signalOn, releaseInputs, close, name);
    }

    /**
     * The stage name used in error messages.
     *
     * @param name the name
     * @return a new stage with that setting
     * @throws NullPointerException if {@code name} is null
     */
    public Pipeline<T, R> named(String name) {
        Objects.requireNonNull(name, "Pipeline.named: name is null");
        return new Pipeline<>(graph, depth, stream, signalOn, releaseInputs, closeDiscarded, name);
    }

    /**
     * The stage applied to {@code upstream}, for {@link Flux#transform}; same as {@link #over(Publisher)}.
     *
     * @param upstream the items
     * @return the results, a cold flux
     */
    @Override
    public Flux<R> apply(Flux<T> upstream) {
        return over(upstream);
    }

    /**
     * The stage applied to any publisher.
     *
     * @param upstream the items
     * @return the results, a cold flux
     * @throws NullPointerException if {@code upstream} is null
     */
    public Flux<R> over(Publisher<? extends T> upstream) {
        Objects.requireNonNull(upstream, "Pipeline.over: upstream is null");
        return Flux.from(s -> new PipelineSession<T, R>(this, upstream, Operators.toCoreSubscriber(s)).start());
    }

    @Override
    public String toString() {
        return "Pipeline[" + name + ", depth " + depth + (stream != null ? ", " + stream : "") + "]";
    }

    /** Arrays of {@code input} that are not in {@code output} (used by {@link #releaseInputs}). */
    static void releaseInput(Object input, Object output) {
        var keep = Trees.identitySet();
        Trees.addArrays(output, keep);
        Trees.close(input, keep);
    }

}
