package org.mlx4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlx4j.nn.TorchGolden.assertClose;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;
import org.mlx4j.optimizers.AdaDelta;
import org.mlx4j.optimizers.Adagrad;
import org.mlx4j.optimizers.Adam;
import org.mlx4j.optimizers.AdamW;
import org.mlx4j.optimizers.Adamax;
import org.mlx4j.optimizers.Optimizer;
import org.mlx4j.optimizers.RMSprop;
import org.mlx4j.optimizers.SGD;
import org.mlx4j.optimizers.Schedule;
import org.mlx4j.optimizers.Schedules;
import org.mlx4j.utils.Tree;

/**
 * Optimizers and learning-rate schedules against PyTorch 1.13 (CPU, float64; {@code golden/torch/generate.py}):
 * five steps on the same float64 parameters and gradients, every parameter compared after every step. Where MLX
 * differs by design (SGD's dampening on the first step, Adam/AdamW without bias correction, Adamax) the golden
 * values follow MLX's formula, as the generator says. The optimizers keep their hyper-parameters as float32
 * scalars (as MLX does), hence the tolerance of 1e-7.
 */
class TorchOptimizersTest {
    private static final int STEPS = 5;

    @TestFactory
    Stream<DynamicTest> optimizers() {
        return TorchGolden.load("optimizers").values().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    @TestFactory
    Stream<DynamicTest> schedules() {
        return TorchGolden.load("schedules").values().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            double[] a = c.args();
            Schedule s = switch (c.kind()) {
                case "step" -> Schedules.stepDecay(a[0], a[1], (int) a[2]);
                case "exponential" -> Schedules.exponentialDecay(a[0], a[1]);
                case "cosine" -> Schedules.cosineDecay(a[0], (int) a[1], a[2]);
                case "linear" -> Schedules.linearSchedule(a[0], a[1], (int) a[2]);
                case "join" -> Schedules.joinSchedules(List.of(Schedules.linearSchedule(a[0], a[1], (int) a[2]),
                        Schedules.cosineDecay(a[1], (int) a[3], a[4])), new int[] {(int) a[2]});
                default -> throw new IllegalArgumentException("no schedule for golden case " + c.name());
            };
            double[] want = c.get("y").toDoubleArray();
            double[] got = new double[want.length];
            for (int i = 0; i < want.length; i++) got[i] = s.at(Mx.array(i, DType.INT32)).doubleValue();
            assertClose(c.name(), Mx.array(got, DType.FLOAT64, got.length), c.get("y"), 1e-6);
        }));
    }

    private static Optimizer optimizer(TorchGolden.Case c) {
        double[] a = c.args();
        return switch (c.kind()) {
            case "sgd" -> new SGD(a[0], a[1], a[2], a[3], a[4] == 1);
            case "rmsprop" -> new RMSprop(a[0], a[1], a[2]);
            case "adagrad" -> new Adagrad(a[0], a[1]);
            case "adadelta" -> new AdaDelta(a[0], a[1], a[2]);
            case "adam" -> new Adam(a[0], a[1], a[2], a[3], a[4] == 1);
            case "adamw" -> new AdamW(a[0], a[1], a[2], a[3], a[4], a[5] == 1);
            case "adamax" -> new Adamax(a[0], a[1], a[2], a[3]);
            default -> throw new IllegalArgumentException("no optimizer for golden case " + c.name());
        };
    }

    private static void check(TorchGolden.Case c) {
        Optimizer opt = optimizer(c);
        Object params = c.tree("p.");
        for (int step = 0; step < STEPS; step++) {
            params = opt.applyGradients(c.tree("g" + step + "."), params);
            Mx.eval(Tree.arrays(params, opt.state()));
            Map<String, Array> got = Tree.flatten(params);
            int s = step;
            Map<String, Array> expected = Tree.flatten(c.tree("after" + step + "."));
            assertThat(expected.keySet()).as("parameters of %s", c.name()).containsExactlyInAnyOrderElementsOf(got.keySet()).isNotEmpty();
            expected.forEach((k, want) ->
                    assertClose(c.name() + " " + k + " after step " + (s + 1), got.get(k), want, 1e-7));
        }
    }
}
