package org.mlx4j.reactive;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.mlx4j.core.Mx;
import org.mlx4j.core.NoEval;
import org.mlx4j.core.Stream;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.FluxSink;
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
    private final FluxSink<R> sink;
    private final DepthPolicy.Gauge gauge;
    private final Stream stream;
    private final SerialDrain drain;

    // written by any thread, read by the drain
    private final ConcurrentLinkedQueue<T> arrived = new ConcurrentLinkedQueue<>();
    private final AtomicLong requested = new AtomicLong();
    private volatile Subscription subscription;
    private volatile boolean upstreamDone;
    private volatile Throwable upstreamError;
    private volatile boolean cancelled;

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

    PipelineSession(Pipeline<T, R> stage, Publisher<? extends T> upstream, FluxSink<R> sink) {
        this.stage = stage;
        this.upstream = upstream;
        this.sink = sink;
        this.gauge = stage.depth.newGauge();
        this.stream = MlxContext.resolve(stage.stream, sink.contextView());
        this.drain = new SerialDrain(stage.signalOn, this::drainLoop);
    }

    void start() {
        sink.onRequest(this::addRequest);
        sink.onCancel(() -> {
            cancelled = true;
            drain.signal();
        });
        upstream.subscribe(this);
    }

    private void addRequest(long n) {
        if (n <= 0) return; // FluxCreate already signals onError for non-positive requests
        requested.accumulateAndGet(n, (a, b) -> {
            long r = a + b;
            return r < 0 ? Long.MAX_VALUE : r;
        });
        drain.signal();
    }

    // ------------------------------------------------------------------ upstream subscriber

    @Override
    public Context currentContext() {
        return context();
    }

    private Context context() {
        return Context.of(sink.contextView());
    }

    @Override
    public void onSubscribe(Subscription s) {
        if (Operators.validate(subscription, s)) {
            subscription = s;
            drain.signal();
        }
    }

    @Override
    public void onNext(T t) {
        arrived.offer(t);
        drain.signal();
    }

    @Override
    public void onError(Throwable t) {
        upstreamError = t;
        upstreamDone = true;
        drain.signal();
    }

    @Override
    public void onComplete() {
        upstreamDone = true;
        drain.signal();
    }

    // ------------------------------------------------------------------ drain

    private void drainLoop() {
        try {
            drainOnce();
        } catch (Throwable e) {
            // a bug or a hostile callback must not leave the stage hanging
            if (!terminated) terminate(e, true);
            else Operators.onErrorDropped(e, context());
        }
    }

    private void drainOnce() {
        if (terminated) return;
        if (cancelled) {
            terminate(null, false);
            return;
        }
        T item;
        while ((item = arrived.poll()) != null) {
            received++;
            if (!build(item)) return;
        }
        Entry<T, R> head;
        while (emitted < requested.get() && (head = inFlight.peek()) != null && head.future.isDone()) {
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
            sink.next(out);
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
            if (stage.releaseInputs) Trees.close(item);
            else Operators.onDiscard(item, context());
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

    /** Ends the session: cancels upstream if needed, releases everything not delivered, signals the sink. */
    private void terminate(Throwable error, boolean signal) {
        terminated = true;
        Subscription s = subscription;
        if (s != null && !upstreamDone) s.cancel();
        for (Entry<T, R> e : inFlight) dispose(e);
        inFlight.clear();
        T item;
        while ((item = arrived.poll()) != null) {
            if (stage.releaseInputs) Trees.close(item);
            else Operators.onDiscard(item, context());
        }
        if (signal) {
            if (error != null) sink.error(error);
            else sink.complete();
        }
        drain.dispose();
    }

    /** Releases an entry that will never be delivered, once its computation has finished. */
    private void dispose(Entry<T, R> e) {
        e.future.whenComplete((v, x) -> {
            if (stage.closeDiscarded) Trees.close(e.output);
            else Operators.onDiscard(e.output, context());
            if (stage.releaseInputs) Trees.close(e.input);
            else Operators.onDiscard(e.input, context());
        });
    }
}
