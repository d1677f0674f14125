package org.mlx4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mlx4j.core.TestArrays.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Forward-mode products checked two ways at FLOAT64 arguments: against central differences of the
 * function along a random tangent u, and against the vjp through the identity
 * {@code <v, J u> == <J^T v, u>} for a random cotangent v. The outputs' values, and the jvps' shapes
 * and dtypes (those of the outputs) are checked too.
 */
final class JvpChecks {
    private JvpChecks() {}

    static final double TOL = 1e-6;

    /** All the checks for {@code f} (whose outputs are all inexact) at {@code args}. */
    static void check(Fn f, Random rng, Sample... args) {
        List<Array> xs = new ArrayList<>();
        List<double[]> us = new ArrayList<>();
        List<Array> tangents = new ArrayList<>();
        for (Sample s : args) {
            assertThat(s.dtype()).as("finite differences need FLOAT64 arguments").isEqualTo(DType.FLOAT64);
            xs.add(s.array());
            double[] u = uniform(rng, s.values().length, -1, 1);
            us.add(u);
            tangents.add(f64(u, s.shape()));
        }
        JvpResult r = Mx.jvp(f, xs, tangents);
        List<Array> direct = f.apply(xs);
        assertThat(r.outputs()).hasSize(direct.size());
        assertThat(r.jvps()).hasSize(direct.size());
        List<Array> plus = f.apply(shifted(args, us, FD_STEP)), minus = f.apply(shifted(args, us, -FD_STEP));
        List<Array> cotangents = new ArrayList<>();
        double vJu = 0;
        for (int o = 0; o < direct.size(); o++) {
            Array out = direct.get(o);
            int[] shape = out.shape();
            assertClose(r.outputs().get(o), out.dtype(), shape, out.toDoubleArray(), 0, 0);
            assertThat(r.jvps().get(o).dtype()).as("dtype of jvp %d", o).isEqualTo(out.dtype());
            double[] p = plus.get(o).toDoubleArray(), m = minus.get(o).toDoubleArray();
            double[] fd = new double[p.length];
            for (int i = 0; i < p.length; i++) fd[i] = (p[i] - m[i]) / (2 * FD_STEP);
            assertClose(r.jvps().get(o), out.dtype(), shape, fd, TOL, TOL);
            double[] v = uniform(rng, fd.length, -1, 1);
            cotangents.add(f64(v, shape));
            vJu += dot(v, r.jvps().get(o).toDoubleArray());
        }
        List<Array> vjps = Mx.vjp(f, xs, cotangents).vjps();
        double jTvu = 0;
        for (int k = 0; k < args.length; k++) jTvu += dot(vjps.get(k).toDoubleArray(), us.get(k));
        assertThat(vJu).as("<v, J u> against <J^T v, u>").isCloseTo(jTvu, within(1e-10 * Math.max(1, Math.abs(jTvu))));
    }

    private static List<Array> shifted(Sample[] args, List<double[]> us, double h) {
        List<Array> out = new ArrayList<>();
        for (int k = 0; k < args.length; k++) {
            double[] v = args[k].values().clone();
            for (int i = 0; i < v.length; i++) v[i] += h * us.get(k)[i];
            out.add(f64(v, args[k].shape()));
        }
        return out;
    }

    /** A FLOAT64 sample with magnitudes in [lo, hi) and random signs (away from zero). */
    static Sample away64(Random rng, double lo, double hi, int... shape) {
        double[] v = awayFromZero(rng, size(shape), lo, hi);
        return new Sample(f64(v, shape), v, shape.clone());
    }
}
