package org.mlx4j.reactive;

import java.util.concurrent.atomic.AtomicLong;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * The subscriber side of a session: its demand, its cancellation and the signals it receives. Signals go
 * straight to the subscriber from the session's drain (one pass at a time, never concurrently), with no
 * buffer in between, so a cancel or a request made inside {@code onNext} is seen before the drain goes on:
 * "on cancel it starts nothing new" holds exactly. Requests and cancels may come from any thread; each
 * one signals the drain.
 */
final class Downstream<V> implements Subscription {
    private final CoreSubscriber<? super V> actual;
    private final AtomicLong requested = new AtomicLong();
    private volatile boolean cancelled;
    private volatile Throwable badRequest;
    private Runnable onSignal = () -> { };

    Downstream(CoreSubscriber<? super V> actual) {
        this.actual = actual;
    }

    /** Hands the subscription to the subscriber; from then on every request and cancel runs {@code onSignal}. */
    void start(Runnable onSignal) {
        this.onSignal = onSignal;
        actual.onSubscribe(this);
    }

    @Override
    public void request(long n) {
        if (n <= 0) {
            badRequest = Operators.onOperatorError(new IllegalArgumentException(
                    "Spec. Rule 3.9 - Cannot request a non strictly positive number: " + n), context());
        } else {
            requested.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
        }
        onSignal.run();
    }

    @Override
    public void cancel() {
        cancelled = true;
        onSignal.run();
    }

    long requested() { return requested.get(); }

    boolean isCancelled() { return cancelled; }

    /** The error a non-positive request calls for (rule 3.9), or null. */
    Throwable badRequest() { return badRequest; }

    Context context() { return Context.of(actual.currentContext()); }

    void next(V value) { actual.onNext(value); }

    void complete() { actual.onComplete(); }

    void error(Throwable e) { actual.onError(e); }
}
