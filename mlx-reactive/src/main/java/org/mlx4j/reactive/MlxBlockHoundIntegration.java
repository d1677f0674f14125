package org.mlx4j.reactive;

import org.mlx4j.core.runtime.StreamExecutor;
import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Tells BlockHound (found through {@code ServiceLoader} when an application installs it) that mlx4j's
 * stream threads are non-blocking, as Reactor's parallel threads are: code run there by
 * {@code MlxSchedulers.of(stream)} or by a completion callback must not block, or it stalls the stream's
 * kernels. The few places that may park a thread for a moment by design stay allowed: the scheduling lock
 * held while {@code asyncEval} walks a graph and queues its kernels, the lock of a stream's task queue, an
 * idle stream thread waiting for its next task, a kernel waiting for the chunks it split across the CPU
 * pool, a kernel waiting for an input produced on another stream, and an allocation far past the
 * collection threshold waiting (at most 100 ms) for the collection that gives memory back. A blocking {@code Mx.eval}, an
 * implicit evaluation of an array that is not yet available, or a {@code close()} of one still computing
 * stays reported.
 */
public final class MlxBlockHoundIntegration implements BlockHoundIntegration {
    /** Created by BlockHound through {@code ServiceLoader}. */
    public MlxBlockHoundIntegration() {}

    /**
     * Registers mlx4j's stream threads as non-blocking and allows the short waits listed in the class comment.
     *
     * @param builder BlockHound's configuration
     */
    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.nonBlockingThreadPredicate(current -> current.or(
                t -> t.getName().startsWith(StreamExecutor.THREAD_NAME_PREFIX)));
        builder.allowBlockingCallsInside("org.mlx4j.core.graph.Scheduler", "schedule");
        builder.allowBlockingCallsInside("org.mlx4j.core.graph.Scheduler", "compute");
        builder.allowBlockingCallsInside("org.mlx4j.core.runtime.StreamExecutor", "execute");
        builder.allowBlockingCallsInside("org.mlx4j.core.runtime.StreamExecutor", "next");
        builder.allowBlockingCallsInside("org.mlx4j.core.backend.cpu.Parallel", "forRange");
        builder.allowBlockingCallsInside("org.mlx4j.core.memory.Allocator", "awaitCollection");
    }
}
