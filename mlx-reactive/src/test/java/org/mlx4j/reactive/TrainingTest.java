package org.mlx4j.reactive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlx4j.reactive.TestSupport.TIMEOUT;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.mlx4j.core.Array;
import org.mlx4j.core.Memory;
import org.mlx4j.core.Mx;

class TrainingTest {
    /** Linear regression by hand-written gradient descent; weights kept as (lazy) arrays between steps. */
    static final class Sgd implements TrainStep<Map<String, Array>> {
        Array w;
        final float lr;
        final AtomicInteger built = new AtomicInteger();

        Sgd(int features, float lr) {
            this.w = Mx.zeros(new int[] {features, 1}, org.mlx4j.core.DType.FLOAT32);
            this.lr = lr;
        }

        @Override
        public StepGraph apply(long step, Map<String, Array> batch) {
            built.incrementAndGet();
            Array x = batch.get("x");
            Array y = batch.get("y");
            int n = x.shape(0);
            Array err = x.matmul(w).subtract(y);                      // [n, 1]
            Array loss = err.square().mean();
            Array grad = Mx.transpose(x).matmul(err).multiply(2.0 / n); // [f, 1]
            Array old = w;
            w = w.subtract(grad.multiply(lr));
            return StepGraph.of(loss, w).releasing(old);
        }
    }

    private static double[][] data(int n, int f, long seed, double[] trueW, float[] xs, float[] ys) {
        Random r = new Random(seed);
        double[][] x = new double[n][f];
        for (int i = 0; i < n; i++) {
            double t = 0;
            for (int j = 0; j < f; j++) {
                x[i][j] = (float) r.nextGaussian();
                xs[i * f + j] = (float) x[i][j];
                t += x[i][j] * trueW[j];
            }
            ys[i] = (float) t;
        }
        return x;
    }

    @Test
    void trainsToTheReferenceWeightsAndReportsProgress() {
        int n = 64, f = 4, batch = 16, epochs = 5;
        double[] trueW = {1.5, -2.0, 0.5, 3.0};
        float[] xs = new float[n * f];
        float[] ys = new float[n];
        double[][] x = data(n, f, 11, trueW, xs, ys);
        Map<String, Array> cols = Map.of("x", Mx.array(xs, n, f), "y", Mx.array(ys, n, 1));
        Sgd sgd = new Sgd(f, 0.05f);
        List<TrainingStep> steps = DataLoader.fromArrays(cols).batchSize(batch).epochs(epochs).batches()
                .transform(Training.<Map<String, Array>>of(sgd).samplesPerBatch(b -> b.get("x").shape(0)).releaseBatches(true))
                .collectList().block(TIMEOUT);
        assertThat(steps).hasSize(n / batch * epochs);
        assertThat(steps).extracting(TrainingStep::step).containsExactlyElementsOf(
                java.util.stream.LongStream.range(0, steps.size()).boxed().toList());
        assertThat(steps.get(steps.size() - 1).samples()).isEqualTo((long) n * epochs);
        assertThat(steps.get(steps.size() - 1).samplesPerSecond()).isPositive();
        // float64 reference of the same updates in the same order
        double[] w = new double[f];
        double[] losses = new double[steps.size()];
        int s = 0;
        for (int e = 0; e < epochs; e++) {
            for (int b0 = 0; b0 < n; b0 += batch) {
                double[] err = new double[batch];
                double loss = 0;
                for (int i = 0; i < batch; i++) {
                    double p = 0;
                    for (int j = 0; j < f; j++) p += x[b0 + i][j] * w[j];
                    err[i] = p - ys[b0 + i];
                    loss += err[i] * err[i];
                }
                losses[s++] = loss / batch;
                for (int j = 0; j < f; j++) {
                    double g = 0;
                    for (int i = 0; i < batch; i++) g += x[b0 + i][j] * err[i];
                    w[j] -= 0.05 * 2.0 / batch * g;
                }
            }
        }
        for (int i = 0; i < steps.size(); i++) {
            assertThat((double) steps.get(i).loss()).as("loss at step %d", i).isCloseTo(losses[i], org.assertj.core.data.Offset.offset(1e-3 * (1 + losses[i])));
        }
        float[] got = sgd.w.toFloatArray();
        for (int j = 0; j < f; j++) assertThat((double) got[j]).isCloseTo(w[j], org.assertj.core.data.Offset.offset(1e-4));
        assertThat(steps.get(steps.size() - 1).loss()).isLessThan(steps.get(0).loss());
        cols.values().forEach(Array::close);
    }

    @Test
    void earlyStoppingIsAnOrdinaryOperatorAndStopsWithinOneStep() {
        int n = 32, f = 2;
        float[] xs = new float[n * f];
        float[] ys = new float[n];
        data(n, f, 5, new double[] {2, -1}, xs, ys);
        Map<String, Array> cols = Map.of("x", Mx.array(xs, n, f), "y", Mx.array(ys, n, 1));
        Sgd sgd = new Sgd(f, 0.1f);
        List<TrainingStep> steps = DataLoader.fromArrays(cols).batchSize(8).epochs(1000).batches()
                .transform(Training.of(sgd).releaseBatches(true))
                .takeUntil(s -> s.loss() < 1e-4f)
                .collectList().block(TIMEOUT);
        assertThat(steps.get(steps.size() - 1).loss()).isLessThan(1e-4f);
        assertThat(steps.size()).isLessThan(4000);
        assertThat(sgd.built.get()).as("at most the depth beyond the last reported step").isLessThanOrEqualTo(steps.size() + 2);
        cols.values().forEach(Array::close);
    }

    @Test
    void longRunsKeepMemoryFlat() {
        int n = 64, f = 8;
        float[] xs = new float[n * f];
        float[] ys = new float[n];
        data(n, f, 9, new double[] {1, 2, 3, 4, -1, -2, -3, -4}, xs, ys);
        Map<String, Array> cols = Map.of("x", Mx.array(xs, n, f), "y", Mx.array(ys, n, 1));
        Sgd sgd = new Sgd(f, 0.01f);
        DataLoader loader = DataLoader.fromArrays(cols).batchSize(16);
        loader.epochs(25).batches().transform(Training.of(sgd).releaseBatches(true)).blockLast(TIMEOUT);
        long after100 = TestSupport.settledMemory();
        loader.epochs(100).batches().transform(Training.of(sgd).releaseBatches(true)).blockLast(TIMEOUT);
        long after500 = TestSupport.settledMemory();
        assertThat(after500).as("memory after 100 steps %d, after 400 more %d", after100, after500).isLessThanOrEqualTo(after100);
        cols.values().forEach(Array::close);
    }

    @Test
    void aFailingStepKernelOrFunctionSignalsOnError() {
        Array bad = TestSupport.closedInput();
        Array x = Mx.array(new float[] {1, 0, 0, 1}, 2, 2);
        reactor.test.StepVerifier.create(reactor.core.publisher.Flux.range(0, 5).map(i -> x)
                        .transform(Training.<Array>of((i, b) -> TrainStep.StepGraph.of(i == 2 ? bad.sum() : b.sum(), null))))
                .expectNextCount(2)
                .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("closed"))
                .verify(TIMEOUT);
        reactor.test.StepVerifier.create(reactor.core.publisher.Flux.range(0, 5).map(i -> x)
                        .transform(Training.<Array>of((i, b) -> {
                            if (i == 1) throw new IllegalArgumentException("bad batch");
                            return TrainStep.StepGraph.of(b.sum(), null);
                        })))
                .thenConsumeWhile(s -> true)
                .expectErrorMessage("bad batch")
                .verify(TIMEOUT);
        x.close();
    }
}
