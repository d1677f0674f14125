package org.mlx4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlx4j.core.TestArrays.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Forward-mode products {@link Mx#jvp} against central differences along the tangent, in FLOAT64. */
class JvpTest {

    private static final double TOL = 1e-6;

    /**
     * Checks jvp(f, primals, tangents) against (f(x + h t) - f(x - h t)) / 2h for every output, and
     * the outputs against f(primals).
     */
    private static void checkJvp(Fn f, List<Sample> primals, Random rng) {
        List<Array> xs = new ArrayList<>();
        List<double[]> ts = new ArrayList<>();
        List<Array> tangents = new ArrayList<>();
        for (Sample p : primals) {
            xs.add(p.array());
            double[] t = uniform(rng, p.values().length, -1, 1);
            ts.add(t);
            tangents.add(f64(t, p.shape()));
        }
        JvpResult r = Mx.jvp(f, xs, tangents);
        List<Array> direct = f.apply(xs);
        assertThat(r.outputs()).hasSize(direct.size());
        assertThat(r.jvps()).hasSize(direct.size());
        List<Array> plus = f.apply(shifted(primals, ts, FD_STEP)), minus = f.apply(shifted(primals, ts, -FD_STEP));
        for (int o = 0; o < direct.size(); o++) {
            int[] shape = direct.get(o).shape();
            assertClose(r.outputs().get(o), DType.FLOAT64, shape, direct.get(o).toDoubleArray());
            double[] p = plus.get(o).toDoubleArray(), m = minus.get(o).toDoubleArray();
            double[] fd = new double[p.length];
            for (int i = 0; i < p.length; i++) fd[i] = (p[i] - m[i]) / (2 * FD_STEP);
            assertClose(r.jvps().get(o), DType.FLOAT64, shape, fd, TOL, TOL);
        }
    }

    private static List<Array> shifted(List<Sample> primals, List<double[]> ts, double h) {
        List<Array> out = new ArrayList<>();
        for (int k = 0; k < primals.size(); k++) {
            double[] v = primals.get(k).values().clone();
            for (int i = 0; i < v.length; i++) v[i] += h * ts.get(k)[i];
            out.add(f64(v, primals.get(k).shape()));
        }
        return out;
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
}
