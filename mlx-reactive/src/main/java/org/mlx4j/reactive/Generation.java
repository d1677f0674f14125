package org.mlx4j.reactive;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.mlx4j.core.Stream;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;

/**
 * A generation loop as a {@link Flux}: a step function maps a state to (token, next state), as in
 * mlx-lm's {@code generate_step}. The flux keeps exactly one step in flight ahead of the token being
 * waited for: step n+1 is built and scheduled with {@code asyncEval} before step n's token is emitted.
 * It never computes more than one step beyond downstream demand, so {@code request(1)} at a time computes
 * at most requested + 1 steps; on cancel it starts nothing new, and once the in-flight step has finished
 * it closes its state and every undelivered token.
 *
 * <!-- example context: ToyGenerationContext -->
 * <pre>{@code
 * Flux<Integer> tokens = Generation.of(() -> model.prefill(prompt), model::step).maxSteps(256).flux(Array::intValue);
 * tokens.contextWrite(Generation.summaryTo(s -> log.info("{}", s)))
 *       .subscribe(token -> System.out.print(tokenizer.decode(token) + " "));
 * }</pre>
 *
 * <p>State ownership: the generator owns the states it is given and produces. After each step, arrays of
 * the previous state that are neither in the next state nor emitted are closed; at the end all remaining
 * state is closed. Keep model weights out of the state (capture them in the step function), or turn this
 * off with {@link #releaseState(boolean) releaseState(false)}. Tokens emitted by {@link #flux()} belong
 * to the subscriber; with {@link #flux(Function)} the generator owns and closes them too.
 *
 * <p>Each subscription runs its own generation from a fresh initial state, whose graph is built (on the
 * signal scheduler, not the subscribing thread) right after subscription; the first step waits for the
 * first request. Instances are immutable.
 *
 * <p>In the diagrams below time runs to the right. {@code b} marks a graph being built and scheduled with
 * {@code asyncEval} (on the signal scheduler's worker), {@code =} its computation on the stream, {@code *} the
 * stream's completion signal, {@code |} {@code onComplete}, {@code X} {@code onError} and {@code !} a cancel.
 *
 * <p>With unbounded demand the flux keeps one step ahead: step n + 2 is built when token n is emitted, so
 * the stream always has the next step queued behind the one computing:
 * <pre>
 * step 0      b=====*
 * step 1      b     =====*
 * step 2            b    =====*
 * step 3                 b    =====*
 * onNext      ------t0---t1---t2---t3--- ...
 * </pre>
 *
 * <p>Backpressure: step k starts only while {@code k <= requested} and {@code k < emitted + 2}, so a
 * subscriber taking one token at a time has at most one step computed beyond what it asked for; a finished
 * token waits for demand:
 * <pre>
 * demand      request(1)                     request(1)
 * step 0      b=========*
 * step 1      b         =========*
 * step 2                                     b=========*
 * onNext      ----------t0-------------------t1------------- (t2 waits for the next request)
 * </pre>
 *
 * <p>Cancel (a client disconnecting, {@code take(n)}, {@code takeUntil}): nothing new starts; the step in
 * flight runs to its end, then the state and every undelivered token are closed. A cancel at token n, from
 * {@code onNext} or another thread, leaves exactly n + 2 steps started:
 * <pre>
 * step 0      b=====*
 * step 1      b     =====*
 * step 2            b    =====*              (runs to its end; then the state and t2 are closed)
 * onNext      ------t0---t1!
 * </pre>
 *
 * <p>Errors: a failing kernel, or a step or initial-state function that throws (or evaluates), ends the run
 * with {@code onError}, but only after the steps in flight have finished and the state is closed; a
 * failing initial state errors without waiting for demand. Completion waits the same way:
 * {@link #maxSteps(long)} starts no step beyond the last token, while {@link #until(Predicate)} completes
 * after the matching token once the step already started beyond it has finished (its token is closed):
 * <pre>
 * step 2            b    =====X
 * step 3                 b    X              (reads step 2's state: fails with it)
 * onNext      ------t0---t1---X
 *
 * maxSteps(2):
 * step 0      b=====*
 * step 1      b     =====*
 * onNext      ------t0---t1|
 *
 * until(isEndOfSequence), matching t1:
 * step 0      b=====*
 * step 1      b     =====*
 * step 2            b    =====*              (runs to its end; t2 is closed)
 * onNext      ------t0---t1---|
 * </pre>
 * The {@link GenerationSummary} reaches the consumer of {@link #summaryTo(Consumer)} just before
 * {@code onComplete} or {@code onError}, or once the last step has finished after a cancel.
 *
 * @param <S> the state type (for a language model: its KV cache and the last token)
 * @param <O> the token type, usually an {@link org.mlx4j.core.Array}
 */
public final class Generation<S, O> {
    /** The context key of the summary consumer, see {@link #summaryTo(Consumer)}. */
    public static final Object SUMMARY_KEY = new Object() {
        @Override
        public String toString() {
            return "mlx4j.generation.summary";
        }
    };

    final Supplier<? extends S> initialState;
    final Function<? super S, Step<S, O>> step;
    final long maxSteps;
    final Predicate<? super O> until;
    final Stream stream;
    final Scheduler signalOn;
    final boolean releaseState;

    private Generation(Supplier<? extends S> initialState, Function<? super S, Step<S, O>> step, long maxSteps,
                       Predicate<? super O> until, Stream stream, Scheduler signalOn, boolean releaseState) {
        this.initialState = initialState;
        this.step = step;
        this.maxSteps = maxSteps;
        this.until = until;
        this.stream = stream;
        this.signalOn = signalOn;
        this.releaseState = releaseState;
    }

    /**
     * A generation from a fresh initial state per subscription (built lazily: a prompt's prefill graph is
     * fine) and a step function that only builds graphs.
     *
     * @param <S> the state type
     * @param <O> the token type
     * @param initialState builds the initial state, once per subscription (a lazy graph, such as a prompt's
     * prefill)
     * @param step builds the next token and state from a state, without evaluating
     * @return the generation
     * @throws NullPointerException if an argument is null
     */
    public static <S, O> Generation<S, O> of(Supplier<? extends S> initialState, Function<? super S, Step<S, O>> step) {
        Objects.requireNonNull(initialState, "Generation.of: initial state supplier is null");
        Objects.requireNonNull(step, "Generation.of: step function is null");
        return new Generation<>(initialState, step, Long.MAX_VALUE, null, null, Schedulers.parallel(), true);
    }

    /**
     * Stops after {@code n} tokens without computing a step beyond them (as mlx-lm's {@code max_tokens}).
     *
     * @param n the number of tokens, 0 or more
     * @return a new generation with that setting
     * @throws IllegalArgumentException if {@code n < 0}
     */
    public Generation<S, O> maxSteps(long n) {
        if (n < 0) throw new IllegalArgumentException("Generation.maxSteps: must be >= 0, got " + n);
        return new Generation<>(initialState, step, n, until, stream, signalOn, releaseState);
    }

    /**
     * Completes after emitting the first token matching {@code stop} (for example the end-of-sequence id).
     *
     * @param stop tested on each evaluated token
     * @return a new generation with that setting
     * @throws NullPointerException if {@code stop} is null
     */
    public Generation<S, O> until(Predicate<? super O> stop) {
        Objects.requireNonNull(stop, "Generation.until: predicate is null");
        return new Generation<>(initialState, step, maxSteps, stop, stream, signalOn, releaseState);
    }

    /**
     * Builds every step on {@code stream} (otherwise the stream from {@link MlxContext}, else the default).
     *
     * @param stream the stream
     * @return a new generation with that setting
     */
    public Generation<S, O> on(Stream stream) {
        return new Generation<>(initialState, step, maxSteps, until, stream, signalOn, releaseState);
    }

    /**
     * The scheduler whose worker builds steps and delivers tokens (default {@link Schedulers#parallel()}).
     *
     * @param scheduler the scheduler
     * @return a new generation with that setting
     * @throws NullPointerException if {@code scheduler} is null
     */
    public Generation<S, O> signalOn(Scheduler scheduler) {
        Objects.requireNonNull(scheduler, "Generation.signalOn: scheduler is null");
        return new Generation<>(initialState, step, maxSteps, until, stream, scheduler, releaseState);
    }

    /**
     * Whether the generator closes states it no longer needs (default true).
     *
     * @param release whether to close states
     * @return a new generation with that setting
     */
    public Generation<S, O> releaseState(boolean release) {
        return new Generation<>(initialState, step, maxSteps, until, stream, signalOn, release);
    }

    /**
     * The tokens themselves, each emitted once evaluated. They belong to the subscriber, and the generator
     * never closes them; but when the step function also puts the token into the next state (as language
     * models do), the token is an input of the step in flight: close it only after the run has ended.
     * {@link #flux(Function)} avoids the question by emitting plain values.
     *
     * @return a cold flux of the evaluated tokens
     */
    public Flux<O> flux() {
        return Flux.from(s -> new GenerationSession<S, O, O>(this, null, Operators.toCoreSubscriber(s)).start());
    }

    /**
     * The value {@code read} extracts from each evaluated token (for example {@code Array::intValue}); the
     * generator keeps ownership of every array and closes each token as soon as no state holds it.
     * {@code read} runs once the token is available, so its implicit evaluation does not block.
     *
     * @param <V> the type of the emitted values
     * @param read reads the value of an evaluated token
     * @return a cold flux of the values read from the tokens
     * @throws NullPointerException if {@code read} is null
     */
    public <V> Flux<V> flux(Function<? super O, ? extends V> read) {
        Objects.requireNonNull(read, "Generation.flux: read function is null");
        return Flux.from(s -> new GenerationSession<S, O, V>(this, read, Operators.toCoreSubscriber(s)).start());
    }

    /**
     * A context writer that hands each run's {@link GenerationSummary} to {@code consumer}:
     * {@code generation.flux().contextWrite(Generation.summaryTo(summaries::add))}.
     *
     * @param consumer receives the summary of each run
     * @return a function for {@code contextWrite}
     * @throws NullPointerException if {@code consumer} is null
     */
    public static Function<Context, Context> summaryTo(Consumer<? super GenerationSummary> consumer) {
        Objects.requireNonNull(consumer, "Generation.summaryTo: consumer is null");
        return ctx -> ctx.put(SUMMARY_KEY, consumer);
    }
}
