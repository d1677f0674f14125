package org.mlx4j.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mlx4j.core.Array;
import org.mlx4j.core.CompileOptions;
import org.mlx4j.core.DType;
import org.mlx4j.core.Fn;
import org.mlx4j.core.Mx;
import org.mlx4j.core.Random;
import org.mlx4j.nn.Flatten;
import org.mlx4j.nn.Linear;
import org.mlx4j.nn.Losses;
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
 * One Adam training step of the digits MLP (64-128-128-10, batch 64, cross entropy) with mlx-nn, compiled with the
 * model and optimizer state as captured inputs and outputs, or eager: forward, backward, update, and one eval of
 * parameters, optimizer state and loss.
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

    Sequential model;
    Adam optimizer;
    Fn step;
    List<Array> batch;

    @Setup(Level.Trial)
    public void setup() {
        Random.seed(0);
        model = new Sequential(new Flatten(), new Linear(64, 128, true), new ReLU(), new Linear(128, 128, true), new ReLU(),
                new Linear(128, 10, true));
        optimizer = new Adam(1e-3);
        optimizer.init(model.trainableParameters());
        var lossAndGrad = Nn.valueAndGrad(model, args ->
                List.of(Losses.crossEntropy(model.forward(args.get(0)), args.get(1), "mean")));
        Fn eager = args -> {
            ValueAndGradTree out = lossAndGrad.apply(args);
            optimizer.update(model, out.grads());
            return List.of(out.value());
        };
        step = compiled ? Mx.compile(eager, CompileOptions.defaults().withInputs(model, optimizer).withOutputs(model, optimizer)) : eager;
        batch = List.of(Random.uniform(0, 1, new int[] {64, 8, 8, 1}, DType.FLOAT32, Random.key(1)),
                Random.randint(0, 10, new int[] {64}, DType.INT32, Random.key(2)));
        Mx.eval(model, optimizer, batch);
    }

    @Benchmark
    public Array trainStep() {
        Array loss = step.apply(batch).get(0);
        Mx.eval(model, optimizer, loss);
        return loss;
    }
}
