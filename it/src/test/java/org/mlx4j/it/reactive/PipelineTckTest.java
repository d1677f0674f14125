package org.mlx4j.it.reactive;

import org.mlx4j.core.Array;
import org.mlx4j.core.Mx;
import org.mlx4j.reactive.Pipeline;
import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;
import reactor.core.publisher.Flux;

/** {@link Pipeline} stages against the reactive-streams TCK. */
public class PipelineTckTest extends PublisherVerification<Array> {
    public PipelineTckTest() {
        super(Tck.environment(), Tck.GC_TIMEOUT_MILLIS);
    }

    @Override
    public Publisher<Array> createPublisher(long elements) {
        return Tck.longs(elements).map(i -> Mx.array(new float[] {i, -i}, 2))
                .transform(Pipeline.of((Array x) -> x.multiply(x).add(x)).depth(3).releaseInputs(true));
    }

    @Override
    public Publisher<Array> createFailedPublisher() {
        return Flux.<Array>error(new IllegalStateException("upstream failed")).transform(Pipeline.of((Array x) -> x.add(x)));
    }
}
