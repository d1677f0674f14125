package org.mlx4j.reactive;

/**
 * Builds one training step's graph from a batch: the loss and the updated state (parameters, optimizer
 * state) as lazy arrays, for example {@code valueAndGrad} followed by an optimizer update. It must not
 * evaluate. Steps are built in order on one thread, so the function may keep the current parameters in
 * a field and replace them with the updated (still lazy) ones.
 */
@FunctionalInterface
public interface TrainStep<B> {
    StepGraph apply(long step, B batch);

    /**
     * One step's graph.
     *
     * @param loss         the scalar loss
     * @param state        everything that must be evaluated with the loss (new parameters, optimizer state)
     * @param releaseAfter arrays to close once the step has been evaluated (for example the previous
     *                     parameters), or null
     */
    record StepGraph(org.mlx4j.core.Array loss, Object state, Object releaseAfter) {
        public StepGraph {
            if (loss == null) throw new IllegalArgumentException("StepGraph: loss is null");
        }

        public static StepGraph of(org.mlx4j.core.Array loss, Object state) {
            return new StepGraph(loss, state, null);
        }

        /** The same step, closing {@code old} once it has been evaluated. */
        public StepGraph releasing(Object old) {
            return new StepGraph(loss, state, old);
        }
    }
}
