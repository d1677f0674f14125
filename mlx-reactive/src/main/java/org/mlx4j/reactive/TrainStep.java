package org.mlx4j.reactive;

/**
 * Builds one training step's graph from a batch: the loss and the updated state (parameters, optimizer
 * state) as lazy arrays, for example {@code valueAndGrad} followed by an optimizer update. It must not
 * evaluate. Steps are built in order on one thread, so the function may keep the current parameters in
 * a field and replace them with the updated (still lazy) ones.
 *
 * @param <B> the batch type
 */
@FunctionalInterface
public interface TrainStep<B> {
    /**
     * Builds step {@code step}'s graph.
     *
     * @param step the 0-based step index
     * @param batch the step's batch
     * @return the loss and the state to evaluate, never null
     */
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
        /**
         * Checks the loss.
         *
         * @throws IllegalArgumentException if {@code loss} is null
         */
        public StepGraph {
            if (loss == null) throw new IllegalArgumentException("StepGraph: loss is null");
        }

        /**
         * A step's loss and state, releasing nothing.
         *
         * @param loss the scalar loss
         * @param state everything that must be evaluated with the loss
         * @return the step graph
         * @throws IllegalArgumentException if {@code loss} is null
         */
        public static StepGraph of(org.mlx4j.core.Array loss, Object state) {
            return new StepGraph(loss, state, null);
        }

        /**
         * The same step, closing {@code old} once it has been evaluated (arrays of {@code old} that are part
         * of the new state stay open).
         *
         * @param old the arrays to close, for example the previous parameters
         * @return the step graph
         */
        public StepGraph releasing(Object old) {
            return new StepGraph(loss, state, old);
        }
    }
}
