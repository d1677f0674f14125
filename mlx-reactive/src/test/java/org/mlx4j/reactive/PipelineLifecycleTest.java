package org.mlx4j.reactive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlx4j.reactive.TestSupport.TIMEOUT;

import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlx4j.core.Array;
import org.mlx4j.core.Mx;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.scheduler.Schedulers;

/**
 * Exact counts and memory under every way a subscriber ends a {@link Pipeline}. The stage asks upstream for
 * an item only while fewer than {@code depth} are in flight or requested, so when item n is emitted at most
 * items 0..n+depth-1 have been requested and built; a cancel (from {@code onNext} or another thread) requests
 * and builds nothing more. Every input and every built result is held by the test, so only closing them can
 * bring active memory back to the baseline.
 */
class PipelineLifecycleTest {
    private static final int DEPTH = 3;
    private static final int WIDTH = 48;

    private final List<Array> held = new CopyOnWriteArrayList<>(); // inputs and built results: reachable, so never collected
    private final AtomicInteger built = new AtomicInteger();
    private final AtomicLong requested = new AtomicLong();
    private final CountDownLatch upstreamCancelled = new CountDownLatch(1);
    private int failingKernelAt = -1;

    record Item(int index, Array x) {}

    @RegisterExtension
    final MemoryBaseline memory = new MemoryBaseline();

    /** Item i's data: distinct random values from its own seed. */
    private static float[] data(int i) {
        Random r = new Random(1000 + i);
        float[] d = new float[WIDTH];
        for (int k = 0; k < WIDTH; k++) d[k] = (float) (r.nextDouble() * 4 - 2);
        return d;
    }

    /** The float64 reference of the graph: 0.5 x^2 + 3 x - 1. */
    private static double[] reference(int i) {
        float[] d = data(i);
        double[] r = new double[WIDTH];
        for (int k = 0; k < WIDTH; k++) r[k] = 0.5 * d[k] * d[k] + 3.0 * d[k] - 1.0;
        return r;
    }

    private static Array graph(Array x) {
        return x.multiply(x).multiply(0.5).add(x.multiply(3.0)).subtract(1.0);
    }

    private Flux<Item> upstream(int n) {
        return Flux.range(0, n)
                .map(i -> {
                    Array x = Mx.array(data(i), WIDTH);
                    held.add(x);
                    return new Item(i, x);
                })
                .doOnRequest(requested::addAndGet)
                .doOnCancel(upstreamCancelled::countDown);
    }

    private Pipeline<Item, Array> stage(Function<Item, Array> fn) {
        return Pipeline.<Item, Array>of(item -> {
            built.incrementAndGet();
            Array out = fn.apply(item);
            if (item.index() != failingKernelAt) held.add(out); // a failed graph keeps its computed inputs until collected
            return out;
        }).depth(DEPTH).releaseInputs(true);
    }

    private Pipeline<Item, Array> stage() {
        return stage(item -> graph(item.x()));
    }

    private static void checkAndClose(List<Array> results) {
        for (int i = 0; i < results.size(); i++) {
            double[] ref = reference(i);
            float[] got = results.get(i).toFloatArray();
            assertThat(got).as("result %d", i).hasSize(WIDTH);
            for (int k = 0; k < WIDTH; k++) {
                assertThat((double) got[k]).as("result %d[%d]", i, k).isCloseTo(ref[k], org.assertj.core.api.Assertions.within(1e-5));
            }
        }
        results.forEach(Array::close);
    }

    private void awaitUpstreamCancelled() throws InterruptedException {
        assertThat(upstreamCancelled.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).as("upstream cancelled").isTrue();
    }

    /** What the stage had built and requested when the subscriber cancelled. */
    private record Snapshot(int built, long requested) {}

    private Snapshot snapshot() {
        return new Snapshot(built.get(), requested.get());
    }

    private void assertNothingAfter(Snapshot atCancel, int emittedIndex) {
        assertThat(built.get()).as("built after the cancel").isEqualTo(atCancel.built());
        assertThat(requested.get()).as("requested after the cancel").isEqualTo(atCancel.requested());
        assertThat((long) atCancel.built()).as("built when item %d was emitted", emittedIndex)
                .isBetween(emittedIndex + 1L, (long) emittedIndex + DEPTH);
        assertThat(atCancel.requested()).as("requested when item %d was emitted", emittedIndex)
                .isBetween(emittedIndex + 1L, (long) emittedIndex + DEPTH);
    }

    // ------------------------------------------------------------------ cancel inside onNext, unbounded demand

    @ParameterizedTest(name = "takeUntil at item {0}")
    @ValueSource(ints = {0, 1, 6, 25})
    void takeUntilCancelsInsideOnNextAndNothingMoreIsRequestedOrBuilt(int n) throws InterruptedException {
        AtomicReference<Snapshot> atCancel = new AtomicReference<>();
        AtomicInteger seen = new AtomicInteger();
        List<Array> got = upstream(1000).transform(stage())
                .takeUntil(a -> {
                    if (seen.getAndIncrement() != n) return false;
                    atCancel.set(snapshot());
                    return true;
                })
                .collectList().block(TIMEOUT);
        awaitUpstreamCancelled();
        assertThat(got).hasSize(n + 1);
        assertNothingAfter(atCancel.get(), n);
        checkAndClose(got);
    }

    @Test
    void nextCancelsAfterTheFirstResult() throws InterruptedException {
        AtomicReference<Snapshot> atCancel = new AtomicReference<>();
        Array first = upstream(1000).transform(stage()).doOnNext(a -> atCancel.set(snapshot())).next().block(TIMEOUT);
        awaitUpstreamCancelled();
        assertNothingAfter(atCancel.get(), 0);
        checkAndClose(List.of(first));
    }

    @ParameterizedTest(name = "cancel in hookOnNext at item {0}")
    @ValueSource(ints = {0, 4, 17})
    void aBaseSubscriberCancellingInHookOnNextGetsNoFurtherSignal(int n) throws InterruptedException {
        AtomicReference<Snapshot> atCancel = new AtomicReference<>();
        CancelAtSubscriber<Array> subscriber = new CancelAtSubscriber<>(n + 1, () -> atCancel.set(snapshot()), Array::close);
        upstream(1000).transform(stage()).subscribe(subscriber);
        assertThat(subscriber.awaitFinished()).isTrue();
        awaitUpstreamCancelled();
        assertThat(subscriber.afterCancel.get()).as("signals after the cancel").isZero();
        assertThat(subscriber.got).hasSize(n + 1);
        assertNothingAfter(atCancel.get(), n);
        checkAndClose(subscriber.got);
    }

    // ------------------------------------------------------------------ cancel from another thread

    @ParameterizedTest(name = "cancel while item {0} is being built")
    @ValueSource(ints = {0, 5})
    void aCancelFromAnotherThreadWhileBuildingBuildsNothingAfterThatItem(int k) throws InterruptedException {
        CountDownLatch inBuild = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Array> got = new CopyOnWriteArrayList<>();
        AtomicReference<Subscription> sub = new AtomicReference<>();
        AtomicInteger afterCancel = new AtomicInteger();
        AtomicBoolean cancelled = new AtomicBoolean();
        upstream(1000).transform(stage(item -> {
            if (item.index() == k) {
                inBuild.countDown();
                await(release);
            }
            return graph(item.x());
        })).subscribe(new BaseSubscriber<>() {
            @Override
            protected void hookOnSubscribe(Subscription s) {
                sub.set(s);
                s.request(Long.MAX_VALUE);
            }

            @Override
            protected void hookOnNext(Array value) {
                if (cancelled.get()) afterCancel.incrementAndGet();
                got.add(value);
            }
        });
        assertThat(inBuild.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        Snapshot atCancel = snapshot();
        cancelled.set(true);
        sub.get().cancel();
        release.countDown();
        awaitUpstreamCancelled();
        assertThat(built.get()).as("the item being built is the last one built").isEqualTo(k + 1);
        assertThat(requested.get()).as("nothing requested after the cancel").isEqualTo(atCancel.requested());
        assertThat(afterCancel.get()).as("results emitted after the cancel").isZero();
        assertThat(got.size()).isLessThanOrEqualTo(k);
        checkAndClose(got);
    }

    // ------------------------------------------------------------------ bounded demand

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"take", "limitRate(1)", "publishOn(single, 1)"})
    void boundedShapesBuildAtMostDepthBeyondDemand(String shape) throws InterruptedException {
        int n = 9;
        Function<Flux<Array>, Flux<Array>> f = switch (shape) {
            case "take" -> x -> x.take(n);
            case "limitRate(1)" -> x -> x.limitRate(1).take(n);
            default -> x -> x.publishOn(Schedulers.single(), 1).take(n);
        };
        AtomicInteger delivered = new AtomicInteger();
        List<Array> got = upstream(1000).transform(stage()).doOnNext(a -> delivered.incrementAndGet())
                .transform(f)
                .doOnDiscard(Array.class, Array::close) // a result left in publishOn's queue by take's cancel
                .collectList().block(TIMEOUT);
        awaitUpstreamCancelled();
        assertThat(got).hasSize(n);
        // publishOn(.., 1) holds at most one emitted item beyond the one taking the n-th
        int emittedByStage = delivered.get();
        assertThat(emittedByStage).isBetween(n, shape.startsWith("publishOn") ? n + 1 : n);
        // take and limitRate cancel inside the n-th onNext: nothing is requested after it; publishOn's take cancels
        // from its own thread, after the stage may have asked for room freed by its last emission
        int beyond = shape.startsWith("publishOn") ? DEPTH : DEPTH - 1;
        assertThat(built.get()).as("built").isBetween(emittedByStage, emittedByStage + beyond);
        assertThat(requested.get()).as("requested upstream").isBetween((long) emittedByStage, (long) emittedByStage + beyond);
        checkAndClose(got);
    }

    // ------------------------------------------------------------------ errors

    @Test
    void aFailingGraphFunctionBuildsNothingAfterIt() throws InterruptedException {
        int failAt = 5;
        List<Array> got = new CopyOnWriteArrayList<>();
        AtomicReference<Snapshot> atError = new AtomicReference<>();
        Throwable error = upstream(1000).transform(stage(item -> {
                    if (item.index() == failAt) throw new IllegalStateException("graph fails at " + failAt);
                    return graph(item.x());
                }))
                .doOnNext(got::add)
                .doOnError(e -> atError.set(snapshot()))
                .then().materialize().block(TIMEOUT).getThrowable();
        awaitUpstreamCancelled();
        assertThat(error).isInstanceOf(IllegalStateException.class).hasMessage("graph fails at " + failAt);
        assertThat(built.get()).as("graph function calls").isEqualTo(failAt + 1);
        assertThat(atError.get().built()).isEqualTo(failAt + 1);
        assertThat(requested.get()).isEqualTo(atError.get().requested()).isLessThanOrEqualTo(failAt + DEPTH);
        assertThat(got.size()).isBetween(failAt + 1 - DEPTH, failAt);
        checkAndClose(got);
    }

    @Test
    void aFailingKernelDeliversEveryEarlierResultThenTheError() throws InterruptedException {
        int failAt = 4;
        failingKernelAt = failAt;
        Array closed = TestSupport.closedInput();
        List<Array> got = new CopyOnWriteArrayList<>();
        AtomicReference<Snapshot> atError = new AtomicReference<>();
        Throwable error = upstream(1000).transform(stage(item -> item.index() == failAt
                        ? graph(item.x()).add(closed.sum())
                        : graph(item.x())))
                .doOnNext(got::add)
                .doOnError(e -> atError.set(snapshot()))
                .then().materialize().block(TIMEOUT).getThrowable();
        awaitUpstreamCancelled();
        assertThat(error).hasMessageContaining("closed");
        assertThat(got).as("every result before the failing one, in order").hasSize(failAt);
        assertThat(built.get()).isEqualTo(atError.get().built()).isBetween(failAt + 1, failAt + DEPTH);
        assertThat(requested.get()).isEqualTo(atError.get().requested()).isLessThanOrEqualTo(failAt + DEPTH);
        checkAndClose(got);
    }

    @Test
    void anUpstreamErrorEndsTheStageAfterBuildingEveryItemThatArrived() {
        int n = 7;
        IllegalArgumentException boom = new IllegalArgumentException("upstream fails after " + n);
        List<Array> got = new CopyOnWriteArrayList<>();
        Throwable error = upstream(n).concatWith(Flux.error(boom)).transform(stage())
                .doOnNext(got::add)
                .then().materialize().block(TIMEOUT).getThrowable();
        assertThat(error).isSameAs(boom);
        assertThat(built.get()).as("every item that arrived was built").isEqualTo(n);
        assertThat(got.size()).isLessThanOrEqualTo(n);
        checkAndClose(got);
    }

    // ------------------------------------------------------------------ late upstream signals

    /** A publisher that hands its subscriber to the test and records requests and cancels. */
    private static final class Manual implements Publisher<Item> {
        final AtomicReference<Subscriber<? super Item>> subscriber = new AtomicReference<>();
        final AtomicLong requested = new AtomicLong();
        final CountDownLatch cancelled = new CountDownLatch(1);
        final CountDownLatch firstRequest = new CountDownLatch(1);

        @Override
        public void subscribe(Subscriber<? super Item> s) {
            subscriber.set(s);
            s.onSubscribe(new Subscription() {
                @Override
                public void request(long n) {
                    requested.addAndGet(n);
                    firstRequest.countDown();
                }

                @Override
                public void cancel() {
                    cancelled.countDown();
                }
            });
        }

        Subscriber<? super Item> get() {
            return subscriber.get();
        }
    }

    private Item item(int i) {
        Array x = Mx.array(data(i), WIDTH);
        held.add(x);
        return new Item(i, x);
    }

    private static boolean released(Array a) {
        return TestSupport.node(a).data() == null;
    }

    @Test
    void anItemSentAfterThePipelineCancelledUpstreamIsReleased() throws InterruptedException {
        Manual up = new Manual();
        List<Object> dropped = new CopyOnWriteArrayList<>();
        Hooks.onNextDropped(dropped::add);
        try {
            List<Array> got = new CopyOnWriteArrayList<>();
            reactor.core.Disposable d = stage().over(up).subscribe(got::add);
            assertThat(up.firstRequest.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            up.get().onNext(item(0));
            TestSupport.await("the first result", () -> got.size() == 1);
            d.dispose();
            assertThat(up.cancelled.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            Item late = item(1);
            up.get().onNext(late); // after the cancel: the stage owns it (releaseInputs) and must close it
            assertThat(released(late.x())).as("the late item is closed at once").isTrue();
            assertThat(dropped).as("a late item after a cancel is released, not reported").isEmpty();
            assertThat(built.get()).isEqualTo(1);
            checkAndClose(got);
        } finally {
            Hooks.resetOnNextDropped();
        }
    }

    @Test
    void anItemSentAfterCancelIsDiscardedWhenTheStageDoesNotOwnInputs() throws InterruptedException {
        Manual up = new Manual();
        List<Object> discarded = new CopyOnWriteArrayList<>();
        List<Array> got = new CopyOnWriteArrayList<>();
        reactor.core.Disposable d = stage().releaseInputs(false).over(up)
                .doOnDiscard(Item.class, discarded::add)
                .subscribe(got::add);
        assertThat(up.firstRequest.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        Item first = item(0);
        up.get().onNext(first);
        TestSupport.await("the first result", () -> got.size() == 1);
        d.dispose();
        assertThat(up.cancelled.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        Item late = item(1);
        up.get().onNext(late);
        assertThat(discarded).containsExactly(late);
        assertThat(released(late.x())).as("not the stage's to close").isFalse();
        assertThat(built.get()).isEqualTo(1);
        first.x().close();
        late.x().close();
        checkAndClose(got);
    }

    @Test
    void anItemSentAfterOnCompleteIsDroppedThroughTheHookAndReleased() throws InterruptedException {
        Manual up = new Manual();
        List<Object> dropped = new CopyOnWriteArrayList<>();
        Hooks.onNextDropped(dropped::add);
        try {
            List<Array> got = new CopyOnWriteArrayList<>();
            CountDownLatch done = new CountDownLatch(1);
            stage().over(up).subscribe(got::add, e -> { }, done::countDown);
            assertThat(up.firstRequest.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            up.get().onNext(item(0));
            up.get().onComplete();
            Item late = item(1);
            up.get().onNext(late);
            assertThat(dropped).containsExactly(late);
            assertThat(released(late.x())).isTrue();
            assertThat(done.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            assertThat(got).hasSize(1);
            assertThat(built.get()).isEqualTo(1);
            checkAndClose(got);
        } finally {
            Hooks.resetOnNextDropped();
        }
    }

    @ParameterizedTest(name = "onError after {0}")
    @ValueSource(strings = {"onComplete", "cancel"})
    void anErrorAfterTheEndGoesToTheErrorDroppedHook(String after) throws InterruptedException {
        Manual up = new Manual();
        List<Throwable> dropped = new CopyOnWriteArrayList<>();
        Hooks.onErrorDropped(dropped::add);
        try {
            List<Array> got = new CopyOnWriteArrayList<>();
            List<Throwable> errors = new CopyOnWriteArrayList<>();
            CountDownLatch done = new CountDownLatch(1);
            reactor.core.Disposable d = stage().over(up).subscribe(got::add, errors::add, done::countDown);
            assertThat(up.firstRequest.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            up.get().onNext(item(0));
            TestSupport.await("the first result", () -> got.size() == 1);
            if (after.equals("onComplete")) {
                up.get().onComplete();
                assertThat(done.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            } else {
                d.dispose();
                assertThat(up.cancelled.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            }
            IllegalStateException late = new IllegalStateException("late error after " + after);
            up.get().onError(late);
            assertThat(dropped).containsExactly(late);
            assertThat(errors).isEmpty();
            checkAndClose(got);
        } finally {
            Hooks.resetOnErrorDropped();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
