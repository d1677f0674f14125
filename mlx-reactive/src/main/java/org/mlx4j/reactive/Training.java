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

    /** A loop running {@code step} on each batch (two steps in flight). */
    public static <B> Training<B> of(TrainStep<B> step) {
        Objects.requireNonNull(step, "Training.of: step is null");
        return new Training<>(step, 2, null, b -> 1, false);
    }

    /** Steps in flight (default 2: the one computing and the next, already built). */
    public Training<B> depth(int depth) {
        if (depth < 1) throw new IllegalArgumentException("Training.depth: must be >= 1, got " + depth);
        return new Training<>(step, depth, stream, samplesPerBatch, releaseBatches);
    }

    /** Builds the steps on {@code stream} (otherwise the stream from {@link MlxContext}). */
    public Training<B> on(Stream stream) {
        return new Training<>(step, depth, stream, samplesPerBatch, releaseBatches);
    }

    /** How many samples a batch holds, for samples/s (default 1 per batch). */
    public Training<B> samplesPerBatch(ToLongFunction<? super B> count) {
        Objects.requireNonNull(count, "Training.samplesPerBatch: count is null");
        return new Training<>(step, depth, stream, count, releaseBatches);
    }

    /**
     * Whether the loop owns the batches and closes their arrays once each step has been evaluated (for
     * batches from a {@link DataLoader}); default false, for batches the caller keeps using.
     */
    public Training<B> releaseBatches(boolean release) {
        return new Training<>(step, depth, stream, samplesPerBatch, release);
    }

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
