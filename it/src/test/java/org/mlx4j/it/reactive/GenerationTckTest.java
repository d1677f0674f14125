package org.mlx4j.it.reactive;

import org.mlx4j.core.Array;
import org.mlx4j.reactive.Generation;
import org.mlx4j.reactive.ToyModel;
import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;

/** {@link Generation} fluxes (values read from tokens) against the reactive-streams TCK. */
public class GenerationTckTest extends PublisherVerification<Integer> {
    private final ToyModel model = new ToyModel(16, 8, 5);

    public GenerationTckTest() {
        super(Tck.environment(), Tck.GC_TIMEOUT_MILLIS);
    }

    @Override
    public Publisher<Integer> createPublisher(long elements) {
        return model.generation(1).maxSteps(elements).flux(Array::intValue);
    }

    @Override
    public Publisher<Integer> createFailedPublisher() {
        return Generation.<ToyModel.State, Array>of(() -> {
            throw new IllegalStateException("no prompt");
        }, model::step).flux(Array::intValue);
    }
}
