package org.mlx4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlx4j.core.TestArrays.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Vector-Jacobian products checked against central finite differences: for a random cotangent c,
 * the vjp with respect to each argument must equal the gradient of {@code <c, f(args)>} computed by
 * perturbing that argument's FLOAT64 values one at a time.
 */
final class GradientChecks {
    private GradientChecks() {}

    static final double TOL = 1e-6;

    /**
     * Checks {@link Mx#vjp} of {@code f} (one output) at FLOAT64 {@code args} against finite differences,
     * for every argument; also checks each vjp's dtype (FLOAT64) and shape (the argument's).
     */
    static void checkVjp(Fn f, Random rng, Sample... args) {
        List<Array> primals = new ArrayList<>();
        for (Sample s : args) {
            assertThat(s.dtype()).as("finite differences need FLOAT64 arguments").isEqualTo(DType.FLOAT64);
            primals.add(s.array());
        }
        Array out = f.apply(primals).get(0);
        double[] ct = uniform(rng, (int) out.size(), -1, 1);
        VjpResult r = Mx.vjp(f, primals, List.of(f64(ct, out.shape())));
        assertThat(r.vjps()).hasSize(args.length);
        assertClose(r.outputs().get(0), DType.FLOAT64, out.shape(), out.toDoubleArray(), 0, 0);
        for (int k = 0; k < args.length; k++) {
            int arg = k;
            double[] fd = centralDifferences(v -> {
                List<Array> moved = new ArrayList<>(primals);
                moved.set(arg, f64(v, args[arg].shape()));
                return dot(ct, f.apply(moved).get(0).toDoubleArray());
            }, args[k].values(), FD_STEP);
            assertClose(r.vjps().get(k), DType.FLOAT64, args[k].shape(), fd, TOL, TOL);
        }
    }

    /** {@link #checkVjp} for a function of one argument. */
    static void checkUnaryVjp(java.util.function.Function<Array, Array> f, Random rng, Sample x) {
        checkVjp(a -> List.of(f.apply(a.get(0))), rng, x);
    }

    /** A FLOAT64 sample whose values are distinct, at least {@code gap} apart (for sorts and running extremes). */
    static Sample distinct64(Random rng, double gap, int... shape) {
        int n = size(shape);
        List<Double> v = new ArrayList<>();
        for (int i = 0; i < n; i++) v.add((i - n / 2.0) * gap + rng.nextDouble() * gap * 0.5);
        java.util.Collections.shuffle(v, rng);
        double[] values = v.stream().mapToDouble(Double::doubleValue).toArray();
        return new Sample(f64(values, shape), values, shape.clone());
    }
}
