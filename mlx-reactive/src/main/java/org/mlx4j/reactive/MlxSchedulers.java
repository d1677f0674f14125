package org.mlx4j.reactive;

import org.mlx4j.core.Stream;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Reactor {@link Scheduler} views of mlx4j streams: tasks scheduled on the view run on the stream's own
 * thread, in order with its kernels (for example {@code publishOn(MlxSchedulers.of(stream))} to run a
 * stage after everything already queued on that stream). The view supports immediate scheduling only,
 * as any executor-backed Reactor scheduler; delayed and periodic tasks are rejected.
 * Never block inside such a task: blocking a stream's thread stalls its kernels.
 */
public final class MlxSchedulers {
    private MlxSchedulers() {}

    /**
     * A scheduler that runs tasks on {@code stream}'s thread, in submission order.
     *
     * @param stream the stream
     * @return a scheduler backed by the stream's executor
     * @throws IllegalArgumentException if {@code stream} is null
     */
    public static Scheduler of(Stream stream) {
        if (stream == null) throw new IllegalArgumentException("MlxSchedulers.of: stream is null");
        return Schedulers.fromExecutor(stream.executor(), true);
    }
}
