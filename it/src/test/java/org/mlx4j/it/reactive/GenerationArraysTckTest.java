package org.mlx4j.it.reactive;

import org.mlx4j.core.Array;
import org.mlx4j.reactive.Generation;
import org.mlx4j.reactive.ToyModel;
import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;

/** {@link Generation} fluxes emitting the token arrays themselves against the reactive-streams TCK. */
public class GenerationArraysTckTest extends PublisherVerification<Array> {
    private final ToyModel model = new ToyModel(16, 8, 6);

    public GenerationArraysTckTest() {
        super(Tck.environment(), Tck.GC_TIMEOUT_MILLIS);
    }

    @Override
    public Publisher<Array> createPublisher(long elements) {
        return model.generation(2).maxSteps(elements).flux();
    }

    @Override
    public Publisher<Array> createFailedPublisher() {
        return Generation.<ToyModel.State, Array>of(() -> {
            throw new IllegalStateException("no prompt");
        }, model::step).flux();
    }
}
