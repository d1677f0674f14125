package org.mlx4j.it.reactive;

import org.mlx4j.core.Array;
import org.mlx4j.core.Mx;
import org.mlx4j.reactive.MlxMono;
import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;

/** {@link MlxMono#eval} against the reactive-streams TCK. */
public class EvalMonoTckTest extends PublisherVerification<Array> {
    public EvalMonoTckTest() {
        super(Tck.environment(), Tck.GC_TIMEOUT_MILLIS);
    }

    @Override
    public Publisher<Array> createPublisher(long elements) {
        Array x = Mx.array(new float[] {1, 2, 3}, 3);
        // a Mono emits at most one element; an empty one is the eval filtered away
        return elements == 0 ? MlxMono.eval(x.multiply(x)).filter(a -> false) : MlxMono.eval(x.multiply(x));
    }

    @Override
    public Publisher<Array> createFailedPublisher() {
        // a kernel that fails: its input was closed before it ran
        Array x = Mx.array(new float[] {1, 2, 3}, 3);
        x.close();
        return MlxMono.eval(x.add(x));
    }

    @Override
    public long maxElementsFromPublisher() {
        return 1;
    }
}
