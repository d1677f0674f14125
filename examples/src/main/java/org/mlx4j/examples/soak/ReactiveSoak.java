package org.mlx4j.examples.soak;

import java.time.Duration;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.mlx4j.core.Array;
import org.mlx4j.core.Memory;
import org.mlx4j.core.Mx;
import org.mlx4j.examples.reactive.ToyLanguageModel;
import org.mlx4j.reactive.Generation;
import org.mlx4j.reactive.TrainStep;
import org.mlx4j.reactive.Training;
import org.mlx4j.reactive.TrainingStep;
import reactor.core.publisher.Flux;

/**
 * Long runs of the reactive publishers with memory checked along the way: a million generated tokens
 * through {@link Generation}, each run cancelled after a few hundred tokens (from inside {@code onNext},
 * by {@code take}), then a 10,000-step training loop through {@link Training}. Prints active memory at
 * regular points; a flat column is the promise (every run releases its state, every step its
 * intermediates).
 *
 * <pre>
 *   ./mlx4j soak reactive
 *   ./mlx4j soak reactive --tokens 100000 --steps 2000
 * </pre>
 */
public final class ReactiveSoak {
    private ReactiveSoak() {}

    public static void main(String[] args) {
        long tokens = Long.parseLong(SoakArgs.string(args, "--tokens", "1000000"));
        int steps = SoakArgs.integer(args, "--steps", 10_000);
        generation(tokens);
        training(steps);
    }

    private static void generation(long total) {
        ToyLanguageModel model = new ToyLanguageModel(64, 2024);
        Memory.reclaim();
        long base = Memory.activeMemory();
        Random rnd = new Random(7);
        long done = 0;
        int runs = 0;
        long reportEvery = Math.max(1, total / 10);
        long nextReport = reportEvery;
        long t0 = System.nanoTime();
        System.out.println("generation: " + total + " tokens, cancelled every 200-600 tokens");
        while (done < total) {
            int take = 200 + rnd.nextInt(401);
            int prompt = rnd.nextInt(model.vocab);
            Long n = Generation.of(() -> model.initial(prompt), model::step).flux(Array::intValue)
                    .take(take).count().block(Duration.ofMinutes(1));
            if (n == null || n != take) throw new AssertionError("run " + runs + " emitted " + n + " of " + take);
            done += take;
            runs++;
            if (done >= nextReport) {
                nextReport += reportEvery;
                System.out.printf(Locale.ROOT, "  %,9d tokens  %5d runs  active %s above the model  peak %s  %.0f tokens/s%n",
                        done, runs, SoakArgs.mib(Memory.activeMemory() - base), SoakArgs.mib(Memory.peakMemory()),
                        done / ((System.nanoTime() - t0) / 1e9));
            }
        }
    }

    private static void training(int steps) {
        int n = 256, f = 64;
        Random rnd = new Random(3);
        float[] xs = new float[n * f];
        float[] ys = new float[n];
        for (int i = 0; i < n; i++) {
            double t = 0;
            for (int j = 0; j < f; j++) {
                xs[i * f + j] = (float) rnd.nextGaussian();
                t += xs[i * f + j] * Math.sin(j);
            }
            ys[i] = (float) t;
        }
        Array x = Mx.array(xs, n, f);
        Array y = Mx.array(ys, n, 1);
        Mx.eval(x, y);
        Memory.reclaim();
        long base = Memory.activeMemory();
        AtomicLong nextReport = new AtomicLong(0);
        long reportEvery = Math.max(1, steps / 10);
        LinearRegression sgd = new LinearRegression(f, 0.01f);
        System.out.println("training: " + steps + " steps of least squares, " + n + " x " + f);
        TrainingStep last = Flux.range(0, steps).map(i -> i)
                .transform(Training.<Integer>of((step, batch) -> sgd.apply(x, y)))
                .doOnNext(s -> {
                    if (s.step() >= nextReport.get()) {
                        nextReport.addAndGet(reportEvery);
                        System.out.printf(Locale.ROOT, "  step %,6d  loss %.6f  active %s above the data%n",
                                s.step(), s.loss(), SoakArgs.mib(Memory.activeMemory() - base));
                    }
                })
                .blockLast(Duration.ofMinutes(30));
        System.out.printf(Locale.ROOT, "  final loss %.3e after %,d steps, active %s above the data%n",
                last.loss(), last.step() + 1, SoakArgs.mib(Memory.activeMemory() - base));
    }

    /** Full-batch gradient descent on {@code |x w - y|^2 / n}, keeping the current weights. */
    private static final class LinearRegression {
        private final float lr;
        private Array w;

        LinearRegression(int features, float lr) {
            this.lr = lr;
            this.w = Mx.zeros(features, 1);
        }

        TrainStep.StepGraph apply(Array x, Array y) {
            Array err = x.matmul(w).subtract(y);
            Array loss = err.square().mean();
            Array grad = Mx.transpose(x).matmul(err).multiply(2.0 / x.shape(0));
            Array old = w;
            w = w.subtract(grad.multiply(lr));
            return TrainStep.StepGraph.of(loss, w).releasing(old);
        }
    }
}
