package org.mlx4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlx4j.core.TestArrays.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Forward-mode products {@link Mx#jvp} against central differences along the tangent, in FLOAT64. */
class JvpTest {

    /**
     * Checks jvp(f, primals, tangents) against central differences along the tangent, the outputs against
     * f(primals), and the jvp against the vjp (see {@link JvpChecks#check}).
     */
    private static void checkJvp(Fn f, List<Sample> primals, Random rng) {
        JvpChecks.check(f, rng, primals.toArray(Sample[]::new));
    }

    @Test
    void elementwiseComposition() {
        Random rng = new Random(1);
        checkJvp(args -> List.of(Mx.multiply(Mx.sin(args.get(0)), Mx.exp(args.get(0)))), List.of(sample64(rng, -2, 2, 3, 4)), rng);
        checkJvp(args -> List.of(Mx.divide(Mx.tanh(args.get(0)), Mx.add(Mx.square(args.get(0)), 1.0))), List.of(sample64(rng, -2, 2, 5)), rng);
    }

    @Test
    void matmulOfTwoArguments() {
        Random rng = new Random(2);
        checkJvp(args -> List.of(Mx.matmul(args.get(0), args.get(1))), List.of(sample64(rng, -1, 1, 3, 4), sample64(rng, -1, 1, 4, 2)), rng);
        checkJvp(args -> List.of(Mx.matmul(args.get(0), args.get(1))), List.of(sample64(rng, -1, 1, 2, 1, 3, 4), sample64(rng, -1, 1, 3, 4, 2)), rng);
    }

    @Test
    void softmaxAndReductions() {
        Random rng = new Random(3);
        checkJvp(args -> List.of(Mx.softmax(args.get(0), -1)), List.of(sample64(rng, -2, 2, 2, 5)), rng);
        checkJvp(args -> List.of(Mx.sum(Mx.square(args.get(0)), 1)), List.of(sample64(rng, -2, 2, 3, 4)), rng);
        checkJvp(args -> List.of(Mx.logsumexp(args.get(0), 0)), List.of(sample64(rng, -2, 2, 3, 4)), rng);
        checkJvp(args -> List.of(Mx.max(args.get(0), -1)), List.of(sample64(rng, -2, 2, 3, 4)), rng);
    }

    @Test
    void severalOutputsAndShapeOps() {
        Random rng = new Random(4);
        checkJvp(args -> List.of(Mx.multiply(args.get(0), args.get(1)), Mx.add(args.get(0).T(), Mx.sin(args.get(1)).T())),
                List.of(sample64(rng, -2, 2, 2, 3), sample64(rng, -2, 2, 2, 3)), rng);
        int[] st = {2, 0}, sp = {-100, 4}, step = {-1, 2};
        checkJvp(args -> List.of(Mx.slice(Mx.exp(args.get(0)), st, sp, step), Mx.broadcastTo(Mx.sum(args.get(0), 0), 2, 4)),
                List.of(sample64(rng, -2, 2, 3, 4)), rng);
    }

    @Test
    void linearFunctionIsExact() {
        Random rng = new Random(5);
        Sample m = sample64(rng, -1, 1, 3, 4);
        double[] t = uniform(rng, 4, -1, 1);
        JvpResult r = Mx.jvp(args -> List.of(Mx.matmul(m.array(), args.get(0))), List.of(sample64(rng, -1, 1, 4).array()), List.of(f64(t, 4)));
        assertClose(r.jvps().get(0), DType.FLOAT64, shape(3), matmulRef(m.values(), t, 1, 3, 4, 1), 1e-13, 1e-13);
    }

    @Test
    void zeroTangentGivesZero() {
        Random rng = new Random(6);
        Sample x = sample64(rng, -2, 2, 4);
        JvpResult r = Mx.jvp(args -> List.of(Mx.exp(args.get(0))), List.of(x.array()), List.of(f64(new double[4], 4)));
        assertExact(r.jvps().get(0), DType.FLOAT64, shape(4), 0, 0, 0, 0);
    }

    @Test
    void tangentErrorsNameTheProblem() {
        Fn f = args -> List.of(Mx.exp(args.get(0)));
        assertFailsWith(() -> Mx.jvp(f, List.of(Mx.zeros(3)), List.of(Mx.zeros(3), Mx.zeros(3))), "jvp", "2", "1");
        assertFailsWith(() -> Mx.jvp(f, List.of(Mx.zeros(3)), List.of(Mx.zeros(2))), "jvp", "tangent 0", "[2]", "[3]");
    }

    @Test
    void tracesTheFunctionOnce() {
        AtomicInteger calls = new AtomicInteger();
        Fn f = args -> {
            calls.incrementAndGet();
            return List.of(Mx.sin(Mx.matmul(args.get(0), args.get(0))));
        };
        Random rng = new Random(7);
        JvpResult r = Mx.jvp(f, List.of(sample64(rng, -1, 1, 3, 3).array()), List.of(sample64(rng, -1, 1, 3, 3).array()));
        Mx.eval(r.jvps().get(0));
        assertThat(calls.get()).isEqualTo(1);
    }

    @Test
    void astypeCarriesTheTangentInTheNewDtype() {
        Random rng = new Random(8);
        Sample x = sample64(rng, -2, 2, 5);
        double[] t = uniform(rng, 5, -1, 1);
        JvpResult r = Mx.jvp(a -> List.of(Mx.astype(a.get(0), DType.FLOAT32), Mx.astype(a.get(0), DType.INT32)),
                List.of(x.array()), List.of(f64(t, 5)));
        assertClose(r.jvps().get(0), DType.FLOAT32, shape(5), storedAs(DType.FLOAT32, t), 0, 0);
        assertExact(r.jvps().get(1), DType.INT32, shape(5), 0, 0, 0, 0, 0);
    }

    @Test
    void integerOutputsGetZeroTangentsOfTheirDtype() {
        Random rng = new Random(9);
        Sample x = distinctSample(rng);
        JvpResult r = Mx.jvp(a -> List.of(Mx.argsort(a.get(0), 0), Mx.greater(a.get(0), 0.0)), List.of(x.array()),
                List.of(f64(uniform(rng, 4, -1, 1), 4)));
        assertExact(r.jvps().get(0), DType.UINT32, shape(4), 0, 0, 0, 0);
        assertThat(r.jvps().get(1).dtype()).isEqualTo(DType.BOOL);
        assertThat(r.jvps().get(1).toDoubleArray()).containsOnly(0.0);
    }

    private static Sample distinctSample(Random rng) { return GradientChecks.distinct64(rng, 0.5, 4); }

    @Test
    void jvpOfGradIsTheHessianVectorProduct() {
        Random rng = new Random(10);
        Sample x = sample64(rng, -2, 2, 6);
        double[] t = uniform(rng, 6, -1, 1);
        Fn grad = Mx.grad((Fn) a -> List.of(Mx.sum(Mx.multiply(Mx.sin(a.get(0)), a.get(0)))));
        JvpResult r = Mx.jvp(grad, List.of(x.array()), List.of(f64(t, 6)));
        double[] expected = new double[6], g = new double[6];
        for (int i = 0; i < 6; i++) {
            double v = x.values()[i];
            g[i] = Math.cos(v) * v + Math.sin(v);
            expected[i] = (2 * Math.cos(v) - v * Math.sin(v)) * t[i];
        }
        assertClose(r.outputs().get(0), DType.FLOAT64, shape(6), g, 1e-12, 1e-12);
        assertClose(r.jvps().get(0), DType.FLOAT64, shape(6), expected, 1e-12, 1e-12);
    }

    @Test
    void gradOfJvpMatchesFiniteDifferences() {
        Random rng = new Random(11);
        Array t = sample64(rng, -1, 1, 3, 4).array(), w = sample64(rng, -1, 1, 3, 4).array();
        Fn f = a -> List.of(Mx.multiply(Mx.exp(Mx.sum(a.get(0), new int[] {1}, true)), Mx.softmax(a.get(0), -1)));
        GradientChecks.checkVjp(a -> List.of(Mx.sum(Mx.multiply(Mx.jvp(f, a, List.of(t)).jvps().get(0), w))),
                rng, sample64(rng, -1, 1, 3, 4));
    }

    @Test
    void vmapOfJvpEqualsJvpPerExample() {
        Random rng = new Random(12);
        Array xs = sample64(rng, -2, 2, 5, 3).array(), t = sample64(rng, -1, 1, 3).array();
        Fn jvp = a -> Mx.jvp(b -> List.of(Mx.multiply(Mx.sin(b.get(0)), Mx.sum(b.get(0)))), List.of(a.get(0)), List.of(a.get(1))).jvps();
        Array got = Mx.vmap(jvp, new int[] {0, Mx.UNMAPPED}, new int[] {1}).apply(List.of(xs, t)).get(0);
        List<Array> rows = new ArrayList<>();
        for (int b = 0; b < 5; b++) rows.add(jvp.apply(List.of(Mx.take(xs, Mx.array(b), 0), t)).get(0));
        Array expected = Mx.stack(rows, 1);
        assertClose(got, DType.FLOAT64, shape(3, 5), expected.toDoubleArray(), 1e-12, 1e-12);
    }

    @Test
    void jvpOfVmapMatchesFiniteDifferences() {
        Random rng = new Random(13);
        Fn rowwise = Mx.vmap(a -> List.of(Mx.matmul(Mx.softmax(a.get(0), -1), a.get(1))), new int[] {1, Mx.UNMAPPED}, new int[] {0});
        JvpChecks.check(rowwise, rng, sample64(rng, -2, 2, 4, 3), sample64(rng, -1, 1, 4, 2));
    }

    @Test
    void customVjpFunctionsAreDifferentiatedForward() {
        Random rng = new Random(14);
        Sample x = sample64(rng, -2, 2, 4);
        double[] t = uniform(rng, 4, -1, 1);
        Fn f = Mx.customVjp(a -> List.of(Mx.sin(a.get(0))), (args, cts, outs) -> List.of(Mx.zerosLike(args.get(0))));
        JvpResult r = Mx.jvp(f, List.of(x.array()), List.of(f64(t, 4)));
        double[] expected = new double[4];
        for (int i = 0; i < 4; i++) expected[i] = Math.cos(x.values()[i]) * t[i];
        assertClose(r.jvps().get(0), DType.FLOAT64, shape(4), expected, 1e-12, 1e-12);
    }

    @Test
    void float32ArgumentsGiveFloat32TangentsAndCompiledJvpAgrees() {
        Random rng = new Random(15);
        Sample x = sample(rng, DType.FLOAT32, -2, 2, 3, 4);
        double[] t = storedAs(DType.FLOAT32, uniform(rng, 12, -1, 1));
        Fn f = a -> List.of(Mx.sum(Mx.multiply(Mx.exp(a.get(0)), Mx.sin(a.get(0))), 1));
        Fn jvp = a -> Mx.jvp(f, List.of(a.get(0)), List.of(a.get(1))).jvps();
        double[] expected = new double[3];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                double v = x.values()[r * 4 + c];
                expected[r] += Math.exp(v) * (Math.sin(v) + Math.cos(v)) * t[r * 4 + c];
            }
        }
        Array tangent = array(t, DType.FLOAT32, 3, 4);
        assertClose(jvp.apply(List.of(x.array(), tangent)).get(0), DType.FLOAT32, shape(3), expected);
        assertClose(Mx.compile(jvp).apply(List.of(x.array(), tangent)).get(0), DType.FLOAT32, shape(3), expected);
    }
}
