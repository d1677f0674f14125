package org.mlx4j.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mlx4j.core.Array;
import org.mlx4j.core.CompileOptions;
import org.mlx4j.core.DType;
import org.mlx4j.core.Fn;
import org.mlx4j.core.Mx;
import org.mlx4j.core.Random;
import org.mlx4j.nn.Conv2d;
import org.mlx4j.nn.Flatten;
import org.mlx4j.nn.Linear;
import org.mlx4j.nn.Losses;
import org.mlx4j.nn.MaxPool2d;
import org.mlx4j.nn.Nn;
import org.mlx4j.nn.ReLU;
import org.mlx4j.nn.Sequential;
import org.mlx4j.nn.ValueAndGradTree;
import org.mlx4j.optimizers.Adam;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One Adam training step of the digits MLP (64-128-128-10, batch 64, cross entropy) or CNN (conv 3x3 16, max-pool 2,
 * conv 3x3 32, max-pool 2, linear 10; the examples' {@code DigitsTraining.cnn()}) with mlx-nn, compiled with the
 * model and optimizer state as captured inputs and outputs, or eager: forward, backward, update, and one eval of
 * parameters, optimizer state and loss. {@code bench/scripts/compare_training.py} runs it beside PyTorch and DJL.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
@State(Scope.Benchmark)
public class TrainingStepBench {

    @Param({"true", "false"})
    public boolean compiled;

    @Param({"mlp", "cnn"})
    public String model;

    Sequential network;
    Adam optimizer;
    Fn step;
    List<Array> batch;

    @Setup(Level.Trial)
    public void setup() {
        Random.seed(0);
        network = switch (model) {
            case "mlp" -> new Sequential(new Flatten(), new Linear(64, 128, true), new ReLU(), new Linear(128, 128, true),
                    new ReLU(), new Linear(128, 10, true));
            case "cnn" -> new Sequential(new Conv2d(1, 16, 3, 1, 1, true), new ReLU(), new MaxPool2d(2),
                    new Conv2d(16, 32, 3, 1, 1, true), new ReLU(), new MaxPool2d(2), new Flatten(), new Linear(2 * 2 * 32, 10, true));
            default -> throw new IllegalArgumentException("model must be mlp or cnn, got " + model);
        };
        optimizer = new Adam(1e-3);
        optimizer.init(network.trainableParameters());
        var lossAndGrad = Nn.valueAndGrad(network, args ->
                List.of(Losses.crossEntropy(network.forward(args.get(0)), args.get(1), "mean")));
        Fn eager = args -> {
            ValueAndGradTree out = lossAndGrad.apply(args);
            optimizer.update(network, out.grads());
            return List.of(out.value());
        };
        step = compiled ? Mx.compile(eager, CompileOptions.defaults().withInputs(network, optimizer).withOutputs(network, optimizer)) : eager;
        batch = List.of(Random.uniform(0, 1, new int[] {64, 8, 8, 1}, DType.FLOAT32, Random.key(1)),
                Random.randint(0, 10, new int[] {64}, DType.INT32, Random.key(2)));
        Mx.eval(network, optimizer, batch);
    }

    @Benchmark
    public Array trainStep() {
        Array loss = step.apply(batch).get(0);
        Mx.eval(network, optimizer, loss);
        return loss;
    }
}
