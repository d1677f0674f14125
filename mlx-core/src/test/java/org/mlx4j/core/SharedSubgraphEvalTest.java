package org.mlx4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mlx4j.core.TestArrays.*;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mlx4j.core.graph.Scheduler;

/**
 * {@code Mx.eval(a, b, c)} is one graph dispatch: a subgraph that a, b and c share is computed once,
 * counted with {@link Scheduler#computedCount()}.
 */
class SharedSubgraphEvalTest {

    /** x, y (computed inputs), shared = exp(x) * y (2 primitives) and three outputs of 1 primitive each. */
    private record Graph(Sample x, Sample y, Array a, Array b, Array c) {
        static Graph build(long seed) {
            Random rng = new Random(seed);
            Sample x = sample(rng, DType.FLOAT32, -2, 2, 4, 5), y = sample(rng, DType.FLOAT32, -2, 2, 4, 5);
            Array shared = x.array().exp().multiply(y.array());
            return new Graph(x, y, shared.add(y.array()), shared.subtract(x.array()), shared.multiply(shared));
        }

        void assertValues() {
            double[] shared = new double[20], a = new double[20], b = new double[20], c = new double[20];
            for (int i = 0; i < 20; i++) {
                shared[i] = Math.exp(x.values()[i]) * y.values()[i];
                a[i] = shared[i] + y.values()[i];
                b[i] = shared[i] - x.values()[i];
                c[i] = shared[i] * shared[i];
            }
            assertClose(this.a, DType.FLOAT32, shape(4, 5), a);
            assertClose(this.b, DType.FLOAT32, shape(4, 5), b);
            assertClose(this.c, DType.FLOAT32, shape(4, 5), c);
        }
    }

    @Test
    void evalOfThreeOutputsComputesTheirSharedSubgraphOnce() {
        Graph g = Graph.build(600);
        long before = Scheduler.computedCount();
        Mx.eval(g.a, g.b, g.c);
        assertThat(Scheduler.computedCount() - before).as("primitives computed").isEqualTo(2 + 3);
        assertThat(g.a.node().isAvailable() && g.b.node().isAvailable() && g.c.node().isAvailable()).isTrue();
        g.assertValues();
    }

    @Test
    void evalOfATreeOfOutputsComputesTheSharedSubgraphOnce() {
        Graph g = Graph.build(601);
        long before = Scheduler.computedCount();
        Mx.eval(List.of(g.a, Map.of("b", g.b)), new Array[] {g.c});
        assertThat(Scheduler.computedCount() - before).as("primitives computed").isEqualTo(2 + 3);
        g.assertValues();
    }

    @Test
    void asyncEvalOfThreeOutputsComputesTheSharedSubgraphOnce() {
        Graph g = Graph.build(602);
        long before = Scheduler.computedCount();
        Mx.asyncEval(g.a, g.b, g.c).join();
        assertThat(Scheduler.computedCount() - before).as("primitives computed").isEqualTo(2 + 3);
        g.assertValues();
    }

    @Test
    void outputsAlreadyComputedAreNotComputedAgain() {
        Graph g = Graph.build(603);
        Mx.eval(g.a);
        long before = Scheduler.computedCount();
        Mx.eval(g.a, g.a);
        assertThat(Scheduler.computedCount() - before).isZero();
        g.assertValues();
    }
}
