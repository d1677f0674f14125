package org.mlx4j.it.reactive;

import org.mlx4j.core.Array;
import org.mlx4j.core.Mx;
import org.mlx4j.reactive.MlxMono;
import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;

/** {@link MlxMono#fromGraph} against the reactive-streams TCK. */
public class GraphMonoTckTest extends PublisherVerification<Array> {
    public GraphMonoTckTest() {
        super(Tck.environment(), Tck.GC_TIMEOUT_MILLIS);
    }

    @Override
    public Publisher<Array> createPublisher(long elements) {
        var m = MlxMono.fromGraph(() -> Mx.ones(8, 8).matmul(Mx.ones(8, 8)));
        return elements == 0 ? m.filter(a -> false) : m;
    }

    @Override
    public Publisher<Array> createFailedPublisher() {
        return MlxMono.fromGraph(() -> {
            throw new IllegalStateException("no graph");
        });
    }

    @Override
    public long maxElementsFromPublisher() {
        return 1;
    }
}
