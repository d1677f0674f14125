package org.mlx4j.reactive;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.SignalType;

/**
 * A subscriber with unbounded demand that cancels from inside {@code onNext}: it keeps the first {@code count}
 * items, runs {@code atCancel} (a snapshot of counters, say) and cancels on the last of them; anything still
 * delivered after that is counted and handed to {@code late} (to release it).
 */
final class CancelAtSubscriber<T> extends BaseSubscriber<T> {
    final List<T> got = new CopyOnWriteArrayList<>();
    final AtomicInteger afterCancel = new AtomicInteger();
    private final int count;
    private final Runnable atCancel;
    private final Consumer<? super T> late;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean cancelled;

    CancelAtSubscriber(int count, Runnable atCancel, Consumer<? super T> late) {
        this.count = count;
        this.atCancel = atCancel;
        this.late = late;
    }

    CancelAtSubscriber(int count) {
        this(count, () -> { }, t -> { });
    }

    @Override
    protected void hookOnSubscribe(Subscription s) {
        s.request(Long.MAX_VALUE);
    }

    @Override
    protected void hookOnNext(T value) {
        if (cancelled) {
            afterCancel.incrementAndGet();
            late.accept(value);
            return;
        }
        got.add(value);
        if (got.size() == count) {
            atCancel.run();
            cancelled = true;
            cancel();
        }
    }

    @Override
    protected void hookFinally(SignalType type) {
        finished.countDown();
    }

    /** Whether the subscription ended (by the cancel, or otherwise) within the test timeout. */
    boolean awaitFinished() throws InterruptedException {
        return finished.await(TestSupport.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }
}
