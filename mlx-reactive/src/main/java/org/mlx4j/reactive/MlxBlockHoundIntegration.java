package org.mlx4j.reactive;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Tells BlockHound (found through {@code ServiceLoader} when an application installs it) which short
 * critical sections of mlx4j may park a thread for a moment: the scheduling lock held while
 * {@code asyncEval} walks a graph and queues its kernels, and the lock of a stream's unbounded task
 * queue. Neither waits for a computation. A blocking {@code Mx.eval}, an implicit evaluation of an
 * array that is not yet available, or a {@code close()} of one still computing stays reported.
 */
public final class MlxBlockHoundIntegration implements BlockHoundIntegration {
    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside("org.mlx4j.core.graph.Scheduler", "schedule");
        builder.allowBlockingCallsInside("org.mlx4j.core.runtime.StreamExecutor", "execute");
    }
}
