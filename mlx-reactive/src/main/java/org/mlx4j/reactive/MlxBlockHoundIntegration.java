package org.mlx4j.reactive;

import org.mlx4j.core.runtime.BlockingPoints;
import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Tells BlockHound (found through {@code ServiceLoader} when an application installs it) that mlx4j's
 * stream threads are non-blocking, as Reactor's parallel threads are: code run there by
 * {@code MlxSchedulers.of(stream)} or by a completion callback must not block, or it stalls the stream's
 * kernels. The few places inside mlx-core that may park a thread for a moment by design stay allowed
 * (mlx-core lists them). A blocking {@code Mx.eval}, an
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
        builder.nonBlockingThreadPredicate(current -> current.or(BlockingPoints::isStreamThread));
        BlockingPoints.allowedBlockingCalls().forEach((type, methods) ->
                methods.forEach(method -> builder.allowBlockingCallsInside(type, method)));
    }
}
