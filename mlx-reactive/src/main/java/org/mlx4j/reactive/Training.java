package org.mlx4j.reactive;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.mlx4j.core.Array;
import org.mlx4j.core.Stream;
import reactor.core.publisher.Flux;

/**
 * A training loop as a {@link Flux} of {@link TrainingStep}s over a flux of batches, for
 * {@link Flux#transform}: each step's graph is built from its batch and evaluated asynchronously, with the
 * next step built (on the still lazy parameters) while the current one computes, as MLX training loops
 * do with {@code async_eval}. Progress reporting, early stopping and checkpoints are ordinary operators:
 *
 * <!-- example context: RegressionContext -->
 * <pre>{@code
 * batches.transform(Training.of(step).on(computeStream))
 *        .doOnNext(s -> { if (s.step() % 100 == 0) log.info("{}", s); })
 *        .takeUntil(s -> s.loss() < 1e-3)
 *        .blockLast();
 * }</pre>
 *
 * <p>Stopping early (cancelling) lets the step in flight finish; its state stays the step function's,
 * its loss is closed. Instances are immutable.
 *
 * <p>In the diagrams time runs to the right: {@code x0}, {@code x1}, ... are batches, {@code T0}, {@code T1},
 * ... the emitted {@link TrainingStep}s; {@code b} marks a step's graph being built and scheduled with
 * {@code asyncEval}, {@code =} its computation, {@code *} the stream's completion signal, {@code |}
 * {@code onComplete} and {@code !} a cancel. With the default depth 2, the next step is built while the
 * current one computes, and a batch is requested each time a step is reported:
 * <pre>
 * batches     -x0-x1----x2----x3|
 * step 0         b====*
 * step 1            b  =====*                (built on step 0's lazy parameters)
 * step 2                  b  =====*
 * step 3                        b  =====*
 * onNext      --------T0----T1----T2----T3|
 * </pre>
 *
 * <p>Stopping after T1 (for example {@code takeUntil}): the step in flight finishes, nothing new is built.
 * A step function that throws or a failing kernel ends the flux with {@code onError} at once (the steps
 * in flight are released once computed), and so does an upstream error:
 * <pre>
 * step 1            b  =====*
 * step 2                  b  =====*          (finishes; its loss is closed)
 * onNext      --------T0----T1!

 * </pre>
 *
 * @param <B> the batch type
 */
public final class Training<B> implements Function<Flux<B>, Flux<TrainingStep>> {
    private final TrainStep<B> step;
    private final int depth;
    private final Stream stream;
    private final ToLongFunction<? super B> samplesPerBatch;
    private final boolean releaseBatches;

    private Training(TrainStep<B> step, int depth, Stream stream, ToLongFunction<? super B> samplesPerBatch, boolean releaseBatches) {
        this.step = step;
        this.depth = depth;
        this.stream = stream;
        this.samplesPerBatch = samplesPerBatch;
        this.releaseBatches = releaseBatches;
    }

    /**
     * A loop running {@code step} on each batch (two steps in flight).
     *
     * @param <B> the batch type
     * @param step builds each step's graph
     * @return the loop
     * @throws NullPointerException if {@code step} is null
     */
    public static <B> Training<B> of(TrainStep<B> step) {
        Objects.requireNonNull(step, "Training.of: step is null");
        return new Training<>(step, 2, null, b -> 1, false);
    }

    /**
     * Steps in flight (default 2: the one computing and the next, already built).
     *
     * @param depth the number of steps in flight, at least 1
     * @return a new loop with that setting
     * @throws IllegalArgumentException if {@code depth < 1}
     */
    public Training<B> depth(int depth) {
        if (depth < 1) throw new IllegalArgumentException("Training.depth: must be >= 1, got " + depth);
        return new Training<>(step, depth, stream, samplesPerBatch, releaseBatches);
    }

    /**
     * Builds the steps on {@code stream} (otherwise the stream from {@link MlxContext}).
     *
     * @param stream the stream
     * @return a new loop with that setting
     */
    public Training<B> on(Stream stream) {
        return new Training<>(step, depth, stream, samplesPerBatch, releaseBatches);
    }

    /**
     * How many samples a batch holds, for samples/s (default 1 per batch).
     *
     * @param count the number of samples of a batch
     * @return a new loop with that setting
     * @throws NullPointerException if {@code count} is null
     */
    public Training<B> samplesPerBatch(ToLongFunction<? super B> count) {
        Objects.requireNonNull(count, "Training.samplesPerBatch: count is null");
        return new Training<>(step, depth, stream, count, releaseBatches);
    }

    /**
     * Whether the loop owns the batches and closes their arrays once each step has been evaluated (for
     * batches from a {@link DataLoader}); default false, for batches the caller keeps using.
     *
     * @param release whether the loop owns the batches
     * @return a new loop with that setting
     */
    public Training<B> releaseBatches(boolean release) {
        return new Training<>(step, depth, stream, samplesPerBatch, release);
    }

    /**
     * The loop over {@code batches}, for {@link Flux#transform}: one {@link TrainingStep} per batch, in order,
     * once the step's loss and state have been evaluated.
     *
     * @param batches the batches
     * @return a cold flux of the steps' progress
     */
    @Override
    public Flux<TrainingStep> apply(Flux<B> batches) {
        return Flux.defer(() -> {
            AtomicLong index = new AtomicLong();
            long[] start = {0};
            long[] samples = {0};
            Pipeline<B, Built> stage = Pipeline.<B, Built>of(b -> {
                        if (index.get() == 0) start[0] = System.nanoTime();
                        long i = index.getAndIncrement();
                        TrainStep.StepGraph g = step.apply(i, b);
                        if (g == null) throw new IllegalStateException("Training: the step function returned null at step " + i);
                        return new Built(i, samplesPerBatch.applyAsLong(b), g);
                    })
                    .depth(depth).on(stream).named("training step").releaseInputs(releaseBatches)
                    // the state of a step that is never reported still belongs to the step function
                    .closeDiscarded(false);
            return batches.transform(stage)
                    .map(built -> {
                        float loss = built.graph.loss().floatValue();
                        built.release();
                        samples[0] += built.samples;
                        Duration elapsed = Duration.ofNanos(System.nanoTime() - start[0]);
                        double secs = Math.max(elapsed.toNanos(), 1) / 1e9;
                        return new TrainingStep(built.index, loss, samples[0], elapsed, (built.index + 1) / secs, samples[0] / secs);
                    })
                    .doOnDiscard(Built.class, Built::release);
        });
    }

    /**
     * A built step: only the loss and the state are evaluated (the arrays to release afterwards are not
     * part of the evaluated tree).
     */
    record Built(long index, long samples, TrainStep.StepGraph graph) implements org.mlx4j.core.TreeLike {
        @Override
        public Object tree() {
            List<Object> t = new ArrayList<>();
            t.add(graph.loss());
            if (graph.state() != null) t.add(graph.state());
            return t;
        }

        void release() {
            graph.loss().close();
            if (graph.releaseAfter() != null) {
                var keep = Trees.identitySet();
                Trees.addArrays(graph.state(), keep);
                Trees.close(graph.releaseAfter(), keep);
            }
        }
    }
}
