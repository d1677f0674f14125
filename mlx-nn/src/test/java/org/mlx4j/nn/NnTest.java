package org.mlx4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.mlx4j.core.Array;
import org.mlx4j.core.CompileOptions;
import org.mlx4j.core.DType;
import org.mlx4j.core.Fn;
import org.mlx4j.core.Memory;
import org.mlx4j.core.Mx;
import org.mlx4j.core.Random;
import org.mlx4j.optimizers.Adam;
import org.mlx4j.optimizers.SGD;
import org.mlx4j.utils.Tree;

class NnTest {

    /** Two interleaved spirals-like classes: points inside or outside the unit circle. */
    static List<Array> circles(int n, long seed) {
        double[] xy = Ref.uniform(seed, 2 * n);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            xy[2 * i] *= 1.5;
            xy[2 * i + 1] *= 1.5;
            labels[i] = xy[2 * i] * xy[2 * i] + xy[2 * i + 1] * xy[2 * i + 1] < 1 ? 1 : 0;
        }
        return List.of(Ref.f32(xy, n, 2), Mx.array(labels, n));
    }

    static Sequential mlp() {
        Random.seed(0);
        return new Sequential(new Linear(2, 32, true), new ReLU(), new Linear(32, 32, true), new ReLU(), new Linear(32, 2, true));
    }

    static double accuracy(Sequential model, List<Array> data) {
        Array predicted = Mx.argmax(model.forward(data.get(0)), -1);
        return Mx.mean(Mx.equal(predicted, data.get(1)).astype(DType.FLOAT32)).doubleValue();
    }

    @Test
    void valueAndGradGivesTheLossAndOnlyTrainableGradientsAndLeavesTheModelAsItWas() {
        Sequential model = mlp();
        ((Module) model.layers().get(0)).freeze();
        Map<String, Array> before = Tree.flatten(model.parameters());
        List<Array> data = circles(16, 1);
        var lossAndGrad = Nn.valueAndGrad(model, args ->
                List.of(Losses.crossEntropy(model.forward(args.get(0)), args.get(1), "mean")));
        ValueAndGradTree out = lossAndGrad.apply(data);
        assertThat(out.value().doubleValue()).isCloseTo(
                Losses.crossEntropy(model.forward(data.get(0)), data.get(1), "mean").doubleValue(), Offset.offset(1e-6));
        assertThat(Tree.flatten(out.grads()).keySet()).containsExactly("layers.2.weight", "layers.2.bias",
                "layers.4.weight", "layers.4.bias");
        assertThat((List<?>) out.grads().get("layers")).hasSize(5);
        Map<String, Array> after = Tree.flatten(model.parameters());
        before.forEach((k, v) -> assertThat(after.get(k)).as(k).isSameAs(v));
    }

    @Test
    void anMlpLearnsToSeparateTwoClassesWithAdam() {
        Sequential model = mlp();
        List<Array> train = circles(256, 2), test = circles(256, 3);
        Adam adam = new Adam(0.01);
        var lossAndGrad = Nn.valueAndGrad(model, args ->
                List.of(Losses.crossEntropy(model.forward(args.get(0)), args.get(1), "mean")));
        double first = 0, last = 0;
        for (int step = 0; step < 300; step++) {
            ValueAndGradTree out = lossAndGrad.apply(train);
            adam.update(model, out.grads());
            Mx.eval(model, adam, out.value());
            if (step == 0) first = out.value().doubleValue();
            last = out.value().doubleValue();
        }
        assertThat(last).isLessThan(first / 4);
        assertThat(accuracy(model, test)).isGreaterThan(0.9);
    }

    @Test
    void aCompiledTrainingStepWithModelAndOptimizerStateMatchesTheEagerOneAndKeepsMemoryFlat() {
        List<Array> train = circles(128, 4);
        Sequential eager = mlp(), compiled = mlp();
        SGD eagerOpt = new SGD(0.1, 0.9), compiledOpt = new SGD(0.1, 0.9);
        compiledOpt.init(compiled.trainableParameters());
        Fn eagerLoss = args -> List.of(Losses.crossEntropy(eager.forward(args.get(0)), args.get(1), "mean"));
        Fn compiledLoss = args -> List.of(Losses.crossEntropy(compiled.forward(args.get(0)), args.get(1), "mean"));
        var eagerGrad = Nn.valueAndGrad(eager, eagerLoss);
        var compiledGrad = Nn.valueAndGrad(compiled, compiledLoss);
        Fn trainStep = args -> {
            ValueAndGradTree out = compiledGrad.apply(args);
            compiledOpt.update(compiled, out.grads());
            return List.of(out.value());
        };
        Fn step = Mx.compile(trainStep, CompileOptions.defaults().withInputs(compiled, compiledOpt).withOutputs(compiled, compiledOpt));
        long settled = 0;
        for (int i = 0; i < 200; i++) {
            ValueAndGradTree e = eagerGrad.apply(train);
            eagerOpt.update(eager, e.grads());
            Mx.eval(eager, eagerOpt);
            Array loss = step.apply(train).get(0);
            Mx.eval(compiled, compiledOpt, loss);
            assertThat(loss.doubleValue()).as("step %d", i).isCloseTo(e.value().doubleValue(), Offset.offset(1e-4));
            if (i == 20) settled = Memory.activeMemory();
            if (i > 20) assertThat(Memory.activeMemory()).as("active memory at step %d", i).isLessThan(settled + (8 << 20));
        }
        Map<String, Array> a = Tree.flatten(eager.parameters()), b = Tree.flatten(compiled.parameters());
        a.forEach((k, v) -> {
            float[] x = v.toFloatArray(), y = b.get(k).toFloatArray();
            for (int i = 0; i < x.length; i++) assertThat(y[i]).as(k).isCloseTo(x[i], Offset.offset(1e-3f));
        });
    }
}
