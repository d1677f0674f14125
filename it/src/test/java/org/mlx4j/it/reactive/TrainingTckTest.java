package org.mlx4j.it.reactive;

import org.mlx4j.core.Array;
import org.mlx4j.core.Mx;
import org.mlx4j.reactive.TrainStep;
import org.mlx4j.reactive.Training;
import org.mlx4j.reactive.TrainingStep;
import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;
import reactor.core.publisher.Flux;

/** {@link Training} step fluxes against the reactive-streams TCK. */
public class TrainingTckTest extends PublisherVerification<TrainingStep> {
    public TrainingTckTest() {
        super(Tck.environment(), Tck.GC_TIMEOUT_MILLIS);
    }

    private static Training<Array> loop() {
        Array[] w = {Mx.zeros(2, 1)};
        Array target = Mx.array(new float[] {1, -1}, 2, 1);
        return Training.of((TrainStep<Array>) (i, x) -> {
            Array err = x.matmul(w[0]).subtract(target);
            Array old = w[0];
            w[0] = w[0].subtract(Mx.transpose(x).matmul(err).multiply(0.1));
            return TrainStep.StepGraph.of(err.square().mean(), w[0]).releasing(old);
        });
    }

    @Override
    public Publisher<TrainingStep> createPublisher(long elements) {
        Array eye = Mx.array(new float[] {1, 0, 0, 1}, 2, 2);
        return Tck.longs(elements).map(i -> eye).transform(loop());
    }

    @Override
    public Publisher<TrainingStep> createFailedPublisher() {
        return Flux.<Array>error(new IllegalStateException("no batches")).transform(loop());
    }
}
