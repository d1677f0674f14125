package org.mlx4j.reactive;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.mlx4j.core.Array;
import org.mlx4j.core.Memory;
import org.mlx4j.core.Mx;
import org.mlx4j.core.NoEval;
import org.mlx4j.core.Stream;
import reactor.core.Exceptions;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Operators;

/**
 * One generation run. All state lives in the drain loop, which runs on one worker: it starts steps while
 * {@code started <= requested} and {@code started < emitted + 2} (one step ahead of the token being waited
 * for, never more than one beyond demand), emits finished tokens in order, and on any ending waits for
 * the in-flight steps before releasing state and signalling the subscriber.
 */
final class GenerationSession<S, O, V> {
    private final Generation<S, O> gen;
    /** Extracts the emitted value; null when the tokens themselves are emitted (and owned by the subscriber). */
    private final Function<? super O, ? extends V> read;
    private final Downstream<V> downstream;
    private final Stream stream;
    private final SerialDrain drain;

    // drain-only state
    private final ArrayDeque<Entry<S, O>> inFlight = new ArrayDeque<>();
    /** Arrays of emitted tokens still reachable from the current state: never closed by the generator. */
    private final Set<Array> delivered = Trees.identitySet();
    private boolean initialized;
    private boolean stopping;
    private boolean terminated;
    private GenerationSummary.End end;
    private Throwable failure;
    private S current;
    private long started;
    private long emitted;
    private long startNanos;
    private long firstTokenNanos = -1;
    private long peakActive;

    private static final class Entry<S, O> {
        final O token;
        final S inState;
        final S outState;
        final CompletableFuture<?> future;

        Entry(O token, S inState, S outState, CompletableFuture<?> future) {
            this.token = token;
            this.inState = inState;
            this.outState = outState;
            this.future = future;
        }
    }

    GenerationSession(Generation<S, O> gen, Function<? super O, ? extends V> read, CoreSubscriber<? super V> subscriber) {
        this.gen = gen;
        this.read = read;
        this.downstream = new Downstream<>(subscriber);
        this.stream = MlxContext.resolve(gen.stream, subscriber.currentContext());
        this.drain = new SerialDrain(gen.signalOn, this::drainLoop);
    }

    void start() {
        downstream.start(drain::signal);
        drain.signal(); // an empty generation completes without demand
    }

    private void drainLoop() {
        try {
            drainOnce();
        } catch (Throwable e) {
            Exceptions.throwIfFatal(e);
            // a bug or a hostile callback must not leave the run hanging
            if (!terminated) {
                stop(GenerationSummary.End.FAILED, e);
                try {
                    finishWhenIdle();
                } catch (Throwable again) {
                    Exceptions.throwIfFatal(again);
                    Operators.onErrorDropped(again, downstream.context());
                }
            } else {
                Operators.onErrorDropped(e, downstream.context());
            }
        }
    }

    private void drainOnce() {
        if (terminated) return;
        if (downstream.badRequest() != null && !stopping) stop(GenerationSummary.End.FAILED, downstream.badRequest());
        if (downstream.isCancelled() && !stopping) stop(GenerationSummary.End.CANCELLED, null);
        if (stopping) {
            finishWhenIdle();
            return;
        }
        if (gen.maxSteps == 0) {
            stop(GenerationSummary.End.COMPLETED, null);
            finishWhenIdle();
            return;
        }
        if (!initialized) {
            // the initial state is built (not computed) at once, so a failing one errors without demand
            initialized = true;
            try {
                current = build("the initial state", gen.initialState);
            } catch (Throwable e) {
                Exceptions.throwIfFatal(e);
                stop(GenerationSummary.End.FAILED, e);
                finishWhenIdle();
                return;
            }
        }
        // start what demand allows before each emission: when token n is emitted, step n+1 is in flight
        while (true) {
            if (!startSteps()) return;
            Entry<S, O> head = inFlight.peek();
            if (emitted >= downstream.requested() || head == null || !head.future.isDone()) break;
            inFlight.poll();
            if (head.future.isCompletedExceptionally()) {
                Throwable e = MlxMono.unwrap(head.future.exceptionNow());
                releaseUndelivered(head);
                stop(GenerationSummary.End.FAILED, e);
                finishWhenIdle();
                return;
            }
            V value;
            boolean last;
            try {
                value = read == null ? null : read.apply(head.token);
                if (read != null && value == null) {
                    throw new IllegalStateException("Generation: the read function returned null at token " + emitted);
                }
                // tested before the token is released or handed over: the subscriber may close what it owns
                last = gen.until != null && gen.until.test(head.token);
            } catch (Throwable e) {
                Exceptions.throwIfFatal(e);
                inFlight.addFirst(head); // released with the rest once the step in flight has finished
                stop(GenerationSummary.End.FAILED, e);
                finishWhenIdle();
                return;
            }
            if (read == null) {
                Trees.addArrays(head.token, delivered);
                @SuppressWarnings("unchecked") V v = (V) head.token;
                value = v;
            }
            if (gen.releaseState) releasePrevious(head);
            else if (read != null) releaseToken(head);
            peakActive = Math.max(peakActive, Memory.activeMemory());
            emitted++;
            if (firstTokenNanos < 0) firstTokenNanos = System.nanoTime();
            downstream.next(value);
            if (last || downstream.isCancelled()) { // a cancel from inside onNext starts nothing new
                stop(last ? GenerationSummary.End.COMPLETED : GenerationSummary.End.CANCELLED, null);
                finishWhenIdle();
                return;
            }
        }
        if (inFlight.isEmpty() && started >= gen.maxSteps) {
            stop(GenerationSummary.End.COMPLETED, null);
            finishWhenIdle();
            return;
        }
    }

    /**
     * Starts step k = started while there is demand, k <= requested (at most one step beyond it) and
     * k < emitted + 2 (one step ahead of the token awaited); false if the run has failed.
     */
    private boolean startSteps() {
        long req;
        while (!downstream.isCancelled() && started < gen.maxSteps && (req = downstream.requested()) > 0 && started <= req && started < emitted + 2) {
            if (started == 0) startNanos = System.nanoTime();
            Step<S, O> st;
            try {
                S in = current;
                st = build("step " + started, () -> gen.step.apply(in));
                if (st == null) throw new IllegalStateException("Generation: the step function returned null at step " + started);
            } catch (Throwable e) {
                Exceptions.throwIfFatal(e);
                stop(GenerationSummary.End.FAILED, e);
                finishWhenIdle();
                return false;
            }
            CompletableFuture<?> f = MlxMono.schedule(List.of(st.token(), st.state()));
            Entry<S, O> e = new Entry<>(st.token(), current, st.state(), f);
            inFlight.add(e);
            current = st.state();
            started++;
            f.whenComplete((v, x) -> drain.signal());
        }
        return true;
    }

    private <T> T build(String what, Supplier<? extends T> body) {
        String stage = "generation (" + what + ")";
        if (stream == null) return NoEval.run(stage, body::get);
        try (var s = Mx.withStream(stream)) {
            return NoEval.run(stage, body::get);
        }
    }

    /**
     * After step k: closes the arrays of its input state (and, when the generator owns tokens, of its token)
     * that neither the next state nor a delivered token holds.
     */
    private void releasePrevious(Entry<S, O> head) {
        Set<Array> keep = Trees.identitySet();
        Trees.addArrays(head.outState, keep);
        keep.addAll(delivered);
        if (read == null) Trees.addArrays(head.token, keep);
        Trees.close(read == null ? head.inState : List.of(head.inState, head.token), keep);
        // a delivered token can only reach later states through the next state
        Set<Array> next = Trees.identitySet();
        Trees.addArrays(head.outState, next);
        Trees.addArrays(head.token, next);
        delivered.retainAll(next);
    }

    /** Without state release, an owned token is closed unless the next state holds it. */
    private void releaseToken(Entry<S, O> head) {
        Set<Array> keep = Trees.identitySet();
        Trees.addArrays(head.outState, keep);
        Trees.close(head.token, keep);
    }

    private void releaseUndelivered(Entry<S, O> e) {
        Set<Array> keep = Trees.identitySet();
        keep.addAll(delivered);
        if (!gen.releaseState) Trees.addArrays(current, keep);
        Trees.close(e.token, keep);
    }

    private void stop(GenerationSummary.End how, Throwable error) {
        if (stopping) return;
        stopping = true;
        end = how;
        failure = error;
    }

    /** Once every in-flight step has finished: release what is left, report, signal. */
    private void finishWhenIdle() {
        for (Entry<S, O> e : inFlight) {
            if (!e.future.isDone()) return; // its completion signals the drain again
        }
        terminated = true;
        List<Object> leftovers = new ArrayList<>();
        for (Entry<S, O> e : inFlight) leftovers.add(e.token);
        if (gen.releaseState) {
            for (Entry<S, O> e : inFlight) leftovers.add(e.inState);
            leftovers.add(current);
        }
        inFlight.clear();
        Set<Array> keep = Trees.identitySet();
        keep.addAll(delivered);
        if (!gen.releaseState && current != null) Trees.addArrays(current, keep);
        Trees.close(leftovers, keep);
        current = null;
        report();
        if (end == GenerationSummary.End.FAILED) downstream.error(failure);
        else if (end == GenerationSummary.End.COMPLETED) downstream.complete();
        drain.dispose();
    }

    private void report() {
        Object c = downstream.context().getOrDefault(Generation.SUMMARY_KEY, null);
        if (!(c instanceof Consumer<?> raw)) return;
        long now = System.nanoTime();
        long t0 = started > 0 ? startNanos : now;
        Duration elapsed = Duration.ofNanos(now - t0);
        Duration ttft = firstTokenNanos < 0 ? Duration.ZERO : Duration.ofNanos(firstTokenNanos - t0);
        double secs = elapsed.toNanos() / 1e9;
        GenerationSummary s = new GenerationSummary(started, emitted, elapsed, ttft, secs > 0 ? emitted / secs : 0,
                Memory.peakMemory(), Math.max(peakActive, Memory.activeMemory()), end);
        @SuppressWarnings("unchecked") Consumer<GenerationSummary> consumer = (Consumer<GenerationSummary>) raw;
        try {
            consumer.accept(s);
        } catch (Throwable e) {
            Exceptions.throwIfFatal(e);
            Operators.onErrorDropped(e, downstream.context());
        }
    }
}
