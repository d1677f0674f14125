package org.mlx4j.core;

import static org.assertj.core.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlx4j.core.graph.Scheduler;

class CheckpointTest {
    private static Array layers(Array x, Array w) {
        Array h = x;
        for (int i = 0; i < 4; i++) h = h.matmul(w).tanh();
        return h.sum();
    }

    @Test
    void checkpointedGradientsEqualPlainOnesAndRecomputeTheForwardPass() {
        java.util.Random r = new java.util.Random(11);
        double[] xv = new double[8 * 6], wv = new double[6 * 6];
        for (int i = 0; i < xv.length; i++) xv[i] = r.nextGaussian();
        for (int i = 0; i < wv.length; i++) wv[i] = r.nextGaussian() * 0.4;
        Array x = Mx.array(xv, DType.FLOAT64, 8, 6), w = Mx.array(wv, DType.FLOAT64, 6, 6);
        Fn f = args -> List.of(layers(args.get(0), args.get(1)));
        List<Array> plain = Mx.grad(f, 0, 1).apply(List.of(x, w));
        Mx.eval(plain);

        Fn checkpointed = Mx.checkpoint(f);
        long before = Scheduler.computedCount();
        ValueAndGrad ck = Mx.valueAndGrad(checkpointed, 0, 1).apply(List.of(x, w));
        Mx.eval(ck.values(), ck.grads());
        long withCheckpoint = Scheduler.computedCount() - before;
        before = Scheduler.computedCount();
        ValueAndGrad again = Mx.valueAndGrad(f, 0, 1).apply(List.of(x, w));
        Mx.eval(again.values(), again.grads());
        long without = Scheduler.computedCount() - before;

        for (int i = 0; i < 2; i++) {
            assertThat(ck.grads().get(i).toDoubleArray()).containsExactly(plain.get(i).toDoubleArray(), within(1e-12));
            assertThat(ck.grads().get(i).dtype()).isEqualTo(DType.FLOAT64);
        }
        assertThat(ck.value().doubleValue()).isCloseTo(again.value().doubleValue(), within(1e-12));
        // the forward pass (4 matmuls and 4 tanh) runs twice: once for the value, once inside the backward pass
        assertThat(withCheckpoint).isGreaterThanOrEqualTo(without + 8);
        // values pass through unchanged
        assertThat(checkpointed.apply(List.of(x, w)).get(0).doubleValue()).isCloseTo(layers(x, w).doubleValue(), within(1e-12));
    }

    @Test
    void customVjpReplacesTheGradient() {
        Fn clipGrad = Mx.customVjp(args -> List.of(args.get(0).multiply(3.0)),
                (args, cts, outs) -> List.of(Mx.clip(cts.get(0), -0.5, 0.5)));
        Array g = Mx.grad(args -> List.of(clipGrad.apply(args).get(0).sum()), 0)
                .apply(List.of(Mx.array(new float[] {1, 2}))).get(0);
        assertThat(g.toFloatArray()).containsExactly(0.5f, 0.5f);
    }
}
