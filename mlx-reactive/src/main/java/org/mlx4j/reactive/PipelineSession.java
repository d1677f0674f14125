package org.mlx4j.reactive;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.mlx4j.core.Mx;
import org.mlx4j.core.NoEval;
import org.mlx4j.core.Stream;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.Exceptions;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * One subscription to a {@link Pipeline}: an upstream subscriber, a queue of items in flight in upstream
 * order, and a drain loop (on one worker) that builds graphs, schedules them, emits completed heads while
 * there is demand, and requests upstream while the depth allows.
 */
final class PipelineSession<T, R> implements CoreSubscriber<T> {
    private final Pipeline<T, R> stage;
    private final Publisher<? extends T> upstream;
    private final Downstream<R> downstream;
    private final DepthPolicy.Gauge gauge;
    private final Stream stream;
    private final SerialDrain drain;

    // written by any thread, read by the drain
    private final ConcurrentLinkedQueue<T> arrived = new ConcurrentLinkedQueue<>();
    private volatile Subscription subscription;
    private volatile boolean upstreamDone;
    private volatile Throwable upstreamError;
    /** Set once the session has ended, before its last look at {@code arrived}: later items are released by their sender. */
    private volatile boolean finished;

    // drain-only state
    private final ArrayDeque<Entry<T, R>> inFlight = new ArrayDeque<>();
    private long emitted;
    private long upstreamRequested;
    private long received;
    private boolean terminated;

    private static final class Entry<T, R> {
        final T input;
        final R output;
        CompletableFuture<R> future;

        Entry(T input, R output) {
            this.input = input;
            this.output = output;
        }
    }

    PipelineSession(Pipeline<T, R> stage, Publisher<? extends T> upstream, CoreSubscriber<? super R> subscriber) {
        this.stage = stage;
        this.upstream = upstream;
        this.downstream = new Downstream<>(subscriber);
        this.gauge = stage.depth.newGauge();
        this.stream = MlxContext.resolve(stage.stream, subscriber.currentContext());
        this.drain = new SerialDrain(stage.signalOn, this::drainLoop);
    }

    void start() {
        downstream.start(drain::signal);
        upstream.subscribe(this);
    }

    // ------------------------------------------------------------------ upstream subscriber

    @Override
    public Context currentContext() {
        return context();
    }

    private Context context() {
        return downstream.context();
    }

    @Override
    public void onSubscribe(Subscription s) {
        if (Operators.validate(subscription, s)) {
            subscription = s;
            if (finished) s.cancel(); // the stage ended (cancelled) before upstream subscribed
            else drain.signal();
        }
    }

    @Override
    public void onNext(T t) {
        if (upstreamDone) { // a signal after onError/onComplete breaks the protocol: drop it, as Reactor does
            Operators.onNextDropped(t, context());
            release(t);
            return;
        }
        arrived.offer(t);
        if (finished) releaseArrived(); // the drain has ended (on cancel or failure) and will not see it
        else drain.signal();
    }

    @Override
    public void onError(Throwable t) {
        if (upstreamDone || finished) {
            Operators.onErrorDropped(t, context());
            return;
        }
        upstreamError = t;
        upstreamDone = true;
        drain.signal();
    }

    @Override
    public void onComplete() {
        if (upstreamDone) return;
        upstreamDone = true;
        drain.signal();
    }

    // ------------------------------------------------------------------ drain

    private void drainLoop() {
        try {
            drainOnce();
        } catch (Throwable e) {
            Exceptions.throwIfFatal(e);
            // a bug or a hostile callback must not leave the stage hanging
            if (!terminated) terminate(e, true);
            else Operators.onErrorDropped(e, context());
        }
    }

    private void drainOnce() {
        if (terminated) return;
        if (downstream.isCancelled()) {
            terminate(null, false);
            return;
        }
        if (downstream.badRequest() != null) {
            terminate(downstream.badRequest(), true);
            return;
        }
        T item;
        while ((item = arrived.poll()) != null) {
            received++;
            if (!build(item)) return;
            if (downstream.isCancelled()) { // cancelled (from another thread) while building: build nothing more
                terminate(null, false);
                return;
            }
        }
        Entry<T, R> head;
        while (emitted < downstream.requested() && (head = inFlight.peek()) != null && head.future.isDone()) {
            inFlight.poll();
            R out;
            try {
                out = head.future.join();
            } catch (RuntimeException e) {
                dispose(head);
                terminate(MlxMono.unwrap(e), true);
                return;
            }
            if (stage.releaseInputs) Pipeline.releaseInput(head.input, out);
            emitted++;
            downstream.next(out);
            if (downstream.isCancelled()) { // a cancel from inside onNext: deliver and build nothing more
                terminate(null, false);
                return;
            }
        }
        if (upstreamError != null && arrived.isEmpty()) {
            terminate(upstreamError, true);
            return;
        }
        if (upstreamDone && arrived.isEmpty() && inFlight.isEmpty()) {
            terminate(null, true);
            return;
        }
        Subscription s = subscription;
        if (s != null && !upstreamDone) {
            long outstanding = upstreamRequested - received;
            long room = gauge.depth() - inFlight.size() - outstanding;
            if (room > 0) {
                upstreamRequested += room;
                s.request(room);
            }
        }
    }

    /** Builds and schedules one item; false if the stage has failed. */
    private boolean build(T item) {
        R out;
        try {
            out = buildGraph(item);
            if (out == null) throw new IllegalStateException(stage.name + ": the graph function returned null");
        } catch (Throwable e) {
            Exceptions.throwIfFatal(e);
            release(item);
            terminate(e, true);
            return false;
        }
        Entry<T, R> e = new Entry<>(item, out);
        e.future = MlxMono.schedule(out);
        inFlight.add(e);
        e.future.whenComplete((v, x) -> drain.signal());
        return true;
    }

    private R buildGraph(T item) {
        if (stream == null) return NoEval.run(stage.name, () -> stage.graph.apply(item));
        try (var s = Mx.withStream(stream)) {
            return NoEval.run(stage.name, () -> stage.graph.apply(item));
        }
    }

    /** Ends the session: cancels upstream if needed, releases everything not delivered, signals the subscriber. */
    private void terminate(Throwable error, boolean signal) {
        terminated = true;
        finished = true;
        Subscription s = subscription;
        if (s != null && !upstreamDone) s.cancel();
        for (Entry<T, R> e : inFlight) dispose(e);
        inFlight.clear();
        releaseArrived();
        if (signal) {
            if (error != null) downstream.error(error);
            else downstream.complete();
        }
        drain.dispose();
    }

    /** Releases an entry that will never be delivered, once its computation has finished. */
    private void dispose(Entry<T, R> e) {
        e.future.whenComplete((v, x) -> {
            if (stage.closeDiscarded) Trees.close(e.output);
            else Operators.onDiscard(e.output, context());
            release(e.input);
        });
    }

    /** Releases items that arrived but will never be built; any thread may call it, each item goes once. */
    private void releaseArrived() {
        T item;
        while ((item = arrived.poll()) != null) release(item);
    }

    /** An input that will never be delivered: closed when the stage owns its inputs, else discarded. */
    private void release(T item) {
        if (stage.releaseInputs) Trees.close(item);
        else Operators.onDiscard(item, context());
    }
}
