package org.mlx4j.core;

import static org.mlx4j.core.GradientChecks.distinct64;
import static org.mlx4j.core.JvpChecks.away64;
import static org.mlx4j.core.JvpChecks.check;
import static org.mlx4j.core.TestArrays.*;

import java.util.List;
import java.util.Random;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.mlx4j.core.graph.ScatterOp;

/**
 * The forward-mode rule of every differentiable primitive, through {@link JvpChecks}: central
 * differences in FLOAT64 on random inputs, {@code <v, J u> == <J^T v, u>} against the vjp, shapes
 * and dtypes.
 */
class JvpRulesTest {

    private static Fn unary(UnaryOperator<Array> f) { return a -> List.of(f.apply(a.get(0))); }

    private static Fn binary(BinaryOperator<Array> f) { return a -> List.of(f.apply(a.get(0), a.get(1))); }

    @Test
    void unaryOps() {
        Random rng = new Random(11);
        record Case(UnaryOperator<Array> f, double lo, double hi) {}
        List<Case> anywhere = List.of(new Case(Mx::negative, -2, 2), new Case(Mx::square, -2, 2), new Case(Mx::exp, -2, 2),
                new Case(Mx::expm1, -2, 2), new Case(Mx::sin, -3, 3), new Case(Mx::cos, -3, 3), new Case(Mx::tan, -1, 1),
                new Case(Mx::arctan, -3, 3), new Case(Mx::sinh, -2, 2), new Case(Mx::cosh, -2, 2), new Case(Mx::tanh, -2, 2),
                new Case(Mx::arcsinh, -3, 3), new Case(Mx::erf, -2, 2), new Case(Mx::sigmoid, -3, 3),
                new Case(Mx::sqrt, 0.5, 2), new Case(Mx::rsqrt, 0.5, 2), new Case(Mx::log, 0.5, 2), new Case(Mx::log2, 0.5, 2),
                new Case(Mx::log10, 0.5, 2), new Case(Mx::log1p, -0.5, 2), new Case(Mx::arcsin, -0.9, 0.9),
                new Case(Mx::arccos, -0.9, 0.9), new Case(Mx::arctanh, -0.9, 0.9), new Case(Mx::erfinv, -0.9, 0.9),
                new Case(Mx::arccosh, 1.2, 3));
        for (Case c : anywhere) check(unary(c.f), rng, sample64(rng, c.lo, c.hi, 3, 4));
        check(unary(Mx::abs), rng, away64(rng, 0.1, 2, 3, 4));
        check(unary(Mx::reciprocal), rng, away64(rng, 0.5, 2, 3, 4));
        // piecewise constant ops have no tangent; values kept away from their jumps
        check(unary(x -> Mx.add(Mx.add(Mx.floor(x), Mx.ceil(x)), Mx.add(Mx.round(x), Mx.multiply(Mx.sign(x), x)))),
                rng, sample64(rng, 0.1, 0.4, 5));
    }

    @Test
    void binaryOpsWithBroadcasting() {
        Random rng = new Random(12);
        List<BinaryOperator<Array>> smooth = List.of(Mx::add, Mx::subtract, Mx::multiply, Mx::arctan2, Mx::logaddexp);
        for (BinaryOperator<Array> f : smooth) check(binary(f), rng, sample64(rng, -2, 2, 3, 4), sample64(rng, -2, 2, 3, 1));
        check(binary(Mx::divide), rng, sample64(rng, -2, 2, 3, 4), away64(rng, 0.5, 2, 4));
        check(binary(Mx::power), rng, sample64(rng, 0.5, 2, 3, 4), sample64(rng, -2, 2, 3, 4));
        check(binary(Mx::remainder), rng, sample64(rng, -5, 5, 3, 4), away64(rng, 0.7, 2, 3, 4));
        Sample d = distinct64(rng, 0.1, 2, 6);
        double[] a = new double[6], b = new double[6];
        for (int i = 0; i < 6; i++) { a[i] = d.values()[i]; b[i] = d.values()[i + 6]; }
        for (BinaryOperator<Array> f : List.<BinaryOperator<Array>>of(Mx::maximum, Mx::minimum)) {
            check(binary(f), rng, new Sample(f64(a, 6), a, shape(6)), new Sample(f64(b, 6), b, shape(6)));
        }
    }

    @Test
    void whereAndDivmod() {
        Random rng = new Random(13);
        check(a -> List.of(Mx.where(Mx.greater(a.get(0), 0.0), Mx.multiply(a.get(0), a.get(1)), Mx.sin(a.get(1)))),
                rng, sample64(rng, -2, 2, 3, 4), sample64(rng, -2, 2, 4));
        check(a -> Mx.divmod(a.get(0), a.get(1)), rng, sample64(rng, -5, 5, 3, 4), away64(rng, 0.7, 2, 3, 4));
    }

    @Test
    void matmul() {
        Random rng = new Random(14);
        check(binary(Mx::matmul), rng, sample64(rng, -1, 1, 2, 3, 4), sample64(rng, -1, 1, 4, 5));
        check(binary(Mx::matmul), rng, sample64(rng, -1, 1, 4), sample64(rng, -1, 1, 2, 4, 3));
    }

    @Test
    void reductionsSoftmaxAndLogsumexp() {
        Random rng = new Random(15);
        check(unary(x -> Mx.sum(x, new int[] {0, 2}, true)), rng, sample64(rng, -2, 2, 2, 3, 4));
        check(unary(x -> Mx.mean(x, 1)), rng, sample64(rng, -2, 2, 2, 3, 4));
        check(unary(x -> Mx.prod(x, 1)), rng, away64(rng, 0.5, 2, 3, 4));
        check(unary(x -> Mx.max(x, 1)), rng, distinct64(rng, 0.1, 3, 4));
        check(unary(x -> Mx.min(x, 0, 1)), rng, distinct64(rng, 0.1, 3, 4));
        check(unary(x -> Mx.softmax(x, -1)), rng, sample64(rng, -2, 2, 3, 5));
        check(unary(x -> Mx.softmax(x, 0)), rng, sample64(rng, -2, 2, 3, 5));
        check(unary(x -> Mx.logsumexp(x, -1)), rng, sample64(rng, -2, 2, 3, 5));
        check(unary(x -> Mx.logsumexp(x, 0, 1)), rng, sample64(rng, -2, 2, 3, 5));
    }

    @Test
    void shapeOpsAndViews() {
        Random rng = new Random(16);
        check(unary(x -> Mx.reshape(x, 4, 6)), rng, sample64(rng, -2, 2, 2, 3, 4));
        check(unary(x -> Mx.transpose(x, 2, 0, 1)), rng, sample64(rng, -2, 2, 2, 3, 4));
        check(unary(x -> Mx.broadcastTo(x, 2, 3, 4)), rng, sample64(rng, -2, 2, 3, 1));
        check(unary(x -> Mx.slice(x, new int[] {3, 0}, new int[] {-100, 4}, new int[] {-2, 3})), rng, sample64(rng, -2, 2, 4, 5));
        check(unary(x -> Mx.copy(Mx.transpose(x))), rng, sample64(rng, -2, 2, 3, 4));
        check(binary((x, u) -> Mx.sliceUpdate(x, u, new int[] {1, 0}, new int[] {1, 2})), rng,
                sample64(rng, -2, 2, 4, 5), sample64(rng, -2, 2, 3, 3));
        check(a -> List.of(Mx.concatenate(List.of(a.get(0), Mx.exp(a.get(1)), a.get(0)), 1)), rng,
                sample64(rng, -2, 2, 3, 2), sample64(rng, -2, 2, 3, 4));
    }

    @Test
    void gathersAndScatters() {
        Random rng = new Random(17);
        Array idx = Mx.array(new int[] {2, -1, 0, 2, 1, 0}, 2, 3);
        check(unary(x -> Mx.take(x, idx, 1)), rng, sample64(rng, -2, 2, 3, 4));
        check(unary(x -> Mx.take(x, idx)), rng, sample64(rng, -2, 2, 3, 4));
        Array along = Mx.array(new int[] {0, 2, 1, 1, 3, 0, 2, 2, 0}, 3, 3);
        check(unary(x -> Mx.takeAlongAxis(x, along, 1)), rng, sample64(rng, -2, 2, 3, 4));
        Array unique = Mx.array(new int[] {3, 0, 1, 2, 0, 3}, 3, 2);
        check(binary((x, v) -> Mx.putAlongAxis(x, unique, v, 1)), rng, sample64(rng, -2, 2, 3, 4), sample64(rng, -2, 2, 3, 2));
        check(binary((x, v) -> Mx.putAlongAxis(x, along, v, 1, ScatterOp.ADD)), rng,
                sample64(rng, -2, 2, 3, 4), sample64(rng, -2, 2, 3, 3));
        List<Array> rows = List.of(Mx.array(new int[] {0, 3, 1}, 3), Mx.array(new int[] {2, 0, 1}, 3));
        check(unary(x -> Mx.gather(x, rows, new int[] {0, 1}, new int[] {1, 1, 2})), rng, sample64(rng, -2, 2, 4, 3, 2));
        List<Array> dup = List.of(Mx.array(new int[] {1, 3, 1, 0}, 4));
        check(binary((x, u) -> Mx.scatter(x, u, dup, new int[] {0}, ScatterOp.ADD)), rng,
                sample64(rng, -2, 2, 5, 3), sample64(rng, -2, 2, 4, 1, 3));
        List<Array> distinctRows = List.of(Mx.array(new int[] {4, 0, 2}, 3));
        check(binary((x, u) -> Mx.scatter(x, u, distinctRows, new int[] {0}, ScatterOp.SET)), rng,
                sample64(rng, -2, 2, 5, 3), sample64(rng, -2, 2, 3, 1, 3));
    }

    @Test
    void combiningScatters() {
        Random rng = new Random(21);
        List<Array> dup = List.of(Mx.array(new int[] {1, 3, 1, 0, 1}, 5));
        // distinct values throughout dst and updates, so every extreme has one holder
        Sample all = distinct64(rng, 0.1, 15 + 15);
        double[] d = java.util.Arrays.copyOfRange(all.values(), 0, 15), u = java.util.Arrays.copyOfRange(all.values(), 15, 30);
        Sample dst = new Sample(f64(d, 5, 3), d, shape(5, 3)), updates = new Sample(f64(u, 5, 1, 3), u, shape(5, 1, 3));
        for (ScatterOp op : new ScatterOp[] {ScatterOp.MAX, ScatterOp.MIN}) {
            check(binary((x, v) -> Mx.scatter(x, v, dup, new int[] {0}, op)), rng, dst, updates);
        }
        check(binary((x, v) -> Mx.scatter(x, v, dup, new int[] {0}, ScatterOp.PROD)), rng,
                away64(rng, 0.5, 2, 5, 3), away64(rng, 0.5, 2, 5, 1, 3));
        // along an axis, with repeated positions in each row
        Array along = Mx.array(new int[] {0, 2, 0, 3, 3, 1, 2, 2, 2}, 3, 3);
        Sample row = distinct64(rng, 0.1, 12 + 9);
        double[] rd = java.util.Arrays.copyOfRange(row.values(), 0, 12), rv = java.util.Arrays.copyOfRange(row.values(), 12, 21);
        Sample alongDst = new Sample(f64(rd, 3, 4), rd, shape(3, 4)), alongValues = new Sample(f64(rv, 3, 3), rv, shape(3, 3));
        for (ScatterOp op : new ScatterOp[] {ScatterOp.MAX, ScatterOp.MIN}) {
            check(binary((x, v) -> Mx.putAlongAxis(x, along, v, 1, op)), rng, alongDst, alongValues);
        }
        check(binary((x, v) -> Mx.putAlongAxis(x, along, v, 1, ScatterOp.PROD)), rng, away64(rng, 0.5, 2, 3, 4), away64(rng, 0.5, 2, 3, 3));
    }

    @Test
    void sortsAndPartitions() {
        Random rng = new Random(18);
        check(unary(x -> Mx.sort(x, 0)), rng, distinct64(rng, 0.1, 4, 3));
        check(unary(x -> Mx.sort(x, -1)), rng, distinct64(rng, 0.1, 4, 3));
        check(unary(x -> Mx.topk(x, 2, 1)), rng, distinct64(rng, 0.1, 3, 5));
        check(unary(x -> Mx.partition(x, 1, 0)), rng, distinct64(rng, 0.1, 4, 2));
    }

    @Test
    void scans() {
        Random rng = new Random(19);
        for (boolean reverse : new boolean[] {false, true}) {
            for (boolean inclusive : new boolean[] {false, true}) {
                check(unary(x -> Mx.cumsum(x, 1, reverse, inclusive)), rng, sample64(rng, -2, 2, 3, 4));
                check(unary(x -> Mx.cumprod(x, 0, reverse, inclusive)), rng, away64(rng, 0.5, 2, 4, 3));
            }
            check(unary(x -> Mx.logcumsumexp(x, 1, reverse, true)), rng, sample64(rng, -2, 2, 3, 4));
            check(unary(x -> Mx.cummax(x, 1, reverse, true)), rng, distinct64(rng, 0.1, 3, 5));
            check(unary(x -> Mx.cummin(x, 0, reverse, true)), rng, distinct64(rng, 0.1, 5, 3));
        }
    }

    @Test
    void compiledRegionsAndCheckpoints() {
        Random rng = new Random(20);
        Fn f = a -> List.of(Mx.add(Mx.multiply(Mx.exp(a.get(0)), Mx.sin(a.get(1))), Mx.tanh(Mx.divide(a.get(0), 3.0))),
                Mx.sum(Mx.square(Mx.subtract(a.get(0), a.get(1))), 1));
        check(Mx.compile(f), rng, sample64(rng, -2, 2, 3, 4), sample64(rng, -2, 2, 4));
        check(Mx.compile(f, CompileOptions.shapeless()), rng, sample64(rng, -2, 2, 2, 4), sample64(rng, -2, 2, 4));
        check(Mx.checkpoint(f), rng, sample64(rng, -2, 2, 3, 4), sample64(rng, -2, 2, 4));
    }
}
