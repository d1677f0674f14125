package org.mlx4j.it.reactive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlx4j.core.Array;
import org.mlx4j.core.Device;
import org.mlx4j.core.Mx;
import org.mlx4j.core.Stream;
import org.mlx4j.core.io.ArrayIO;
import org.mlx4j.reactive.DataLoader;
import org.mlx4j.reactive.DepthPolicy;
import org.mlx4j.reactive.Generation;
import org.mlx4j.reactive.GenerationSummary;
import org.mlx4j.reactive.MlxContext;
import org.mlx4j.reactive.MlxMono;
import org.mlx4j.reactive.MlxSchedulers;
import org.mlx4j.reactive.Pipeline;
import org.mlx4j.reactive.ToyModel;
import org.mlx4j.reactive.TrainStep;
import org.mlx4j.reactive.Training;
import org.mlx4j.reactive.TrainingStep;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** Every mlx4j publisher runs with BlockHound watching Reactor's non-blocking threads. */
class BlockHoundTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final List<Throwable> DROPPED = new CopyOnWriteArrayList<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void install() {
        BlockHoundSupport.install();
        Hooks.onErrorDropped(DROPPED::add);
    }

    @AfterAll
    static void resetHooks() {
        Hooks.resetOnErrorDropped();
    }

    private static void noDroppedErrors() {
        assertThat(DROPPED).as("errors dropped by operators (a blocking call would show here)").isEmpty();
    }

    @Test
    void detectsADeliberateBlockingCall() {
        StepVerifier.create(Mono.delay(Duration.ofMillis(1)).doOnNext(x -> {
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }))
                .expectError(BlockingOperationError.class)
                .verify(TIMEOUT);
        // and the classic mistake: a blocking Mx.eval on a parallel thread
        Array x = Mx.ones(256, 256);
        StepVerifier.create(Mono.fromRunnable(() -> Mx.eval(x.matmul(x).matmul(x))).subscribeOn(Schedulers.parallel()))
                .expectError(BlockingOperationError.class)
                .verify(TIMEOUT);
    }

    @Test
    void streamThreadsAreNonBlockingThreads() {
        Stream s = Mx.newStream(Device.cpu());
        StepVerifier.create(Mono.fromCallable(() -> {
                    Thread.sleep(1);
                    return 1;
                }).subscribeOn(MlxSchedulers.of(s)))
                .expectErrorMatches(e -> e instanceof BlockingOperationError)
                .verify(TIMEOUT);
    }

    @Test
    void kernelsOnStreamThreadsDoNotTripBlockHound() {
        // large enough to split across the CPU pool, on two streams with a cross-stream dependency
        Stream a = Mx.newStream(Device.cpu());
        Stream b = Mx.newStream(Device.cpu());
        int n = 1 << 20;
        Array x;
        Array y;
        try (var scope = Mx.withStream(a)) {
            x = Mx.arange(0, n, 1, org.mlx4j.core.DType.FLOAT32).multiply(0.5).add(1);
        }
        try (var scope = Mx.withStream(b)) {
            Array m = Mx.ones(256, 256);
            y = x.sum().add(m.matmul(m).sum());
        }
        double expected = 0.25 * (double) n * (n - 1) + n + 256.0 * 256 * 256;
        assertThat((double) y.floatValue()).isCloseTo(expected, org.assertj.core.data.Percentage.withPercentage(1e-4));
        noDroppedErrors();
    }

    @Test
    void evalMonosDoNotBlock() {
        Array x = Mx.ones(128, 128);
        StepVerifier.create(MlxMono.eval(x.matmul(x)).subscribeOn(Schedulers.parallel()).map(a -> a.toFloatArray()[0]))
                .expectNextCount(1).expectComplete().verify(TIMEOUT);
        StepVerifier.create(Flux.range(0, 20).flatMap(i -> MlxMono.fromGraph(() -> x.multiply(i)).map(a -> a.toFloatArray()[0]), 4))
                .expectNextCount(20).expectComplete().verify(TIMEOUT);
        // cancelled in flight: the release of the graph must not block either
        for (int i = 0; i < 10; i++) MlxMono.fromGraph(() -> x.matmul(x)).subscribeOn(Schedulers.parallel()).subscribe().dispose();
        noDroppedErrors();
    }

    @Test
    void pipelinesDoNotBlock() {
        Stream s = Mx.newStream(Device.cpu());
        Flux<Float> f = Flux.range(0, 64)
                .map(i -> Mx.full(new int[] {32, 32}, i, org.mlx4j.core.DType.FLOAT32))
                .transform(Pipeline.of((Array a) -> a.matmul(a).sum()).depth(DepthPolicy.memoryAware(4)).releaseInputs(true))
                .publishOn(Schedulers.parallel(), 2)
                .map(Array::floatValue)
                .contextWrite(MlxContext.withStream(s));
        StepVerifier.create(f).expectNextCount(64).expectComplete().verify(TIMEOUT);
        StepVerifier.create(f.take(5)).expectNextCount(5).expectComplete().verify(TIMEOUT);
        noDroppedErrors();
    }

    @Test
    void generationDoesNotBlock() {
        ToyModel model = new ToyModel(32, 16, 3);
        List<GenerationSummary> summaries = new CopyOnWriteArrayList<>();
        Flux<Integer> tokens = model.generation(2).maxSteps(40).flux(Array::intValue);
        StepVerifier.create(tokens.limitRate(1).publishOn(Schedulers.single(), 1).contextWrite(Generation.summaryTo(summaries::add)))
                .expectNextCount(40).expectComplete().verify(TIMEOUT);
        StepVerifier.create(tokens.take(5).subscribeOn(Schedulers.parallel())).expectNextCount(5).expectComplete().verify(TIMEOUT);
        StepVerifier.create(model.generation(2).maxSteps(10).flux().publishOn(Schedulers.parallel(), 1))
                .expectNextCount(10).expectComplete().verify(TIMEOUT);
        assertThat(summaries).singleElement().extracting(GenerationSummary::tokens).isEqualTo(40L);
        noDroppedErrors();
    }

    @Test
    void dataLoadingAndTrainingDoNotBlock() {
        for (int shard = 0; shard < 3; shard++) {
            float[] x = new float[16 * 2];
            float[] y = new float[16];
            for (int i = 0; i < 16; i++) {
                x[2 * i] = shard + i;
                x[2 * i + 1] = 1;
                y[i] = 3 * (shard + i) - 1;
            }
            Map<String, Array> cols = new LinkedHashMap<>();
            cols.put("x", Mx.array(x, 16, 2));
            cols.put("y", Mx.array(y, 16, 1));
            ArrayIO.savez(dir.resolve("shard" + shard), cols);
        }
        Stream loader = Mx.newStream(Device.cpu());
        Array[] w = {Mx.zeros(2, 1)};
        TrainStep<Map<String, Array>> step = (i, b) -> {
            Array err = b.get("x").matmul(w[0]).subtract(b.get("y"));
            Array grad = Mx.transpose(b.get("x")).matmul(err).multiply(2.0 / b.get("x").shape(0));
            Array old = w[0];
            w[0] = w[0].subtract(grad.multiply(0.001));
            return TrainStep.StepGraph.of(err.square().mean(), w[0]).releasing(old);
        };
        List<TrainingStep> steps = new ArrayList<>();
        StepVerifier.create(DataLoader.fromDirectory(dir).shuffle(1).batchSize(8).epochs(3).prefetch(3).on(loader).batches()
                        .transform(Training.of(step).releaseBatches(true))
                        .publishOn(Schedulers.parallel(), 1))
                .recordWith(() -> steps)
                .expectNextCount(18)
                .expectComplete()
                .verify(TIMEOUT);
        StepVerifier.create(Flux.range(0, 10).publishOn(MlxSchedulers.of(loader)).map(i -> i * 2)).expectNextCount(10).expectComplete().verify(TIMEOUT);
        noDroppedErrors();
    }
}
