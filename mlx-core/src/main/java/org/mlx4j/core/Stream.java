package org.mlx4j.core;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.mlx4j.core.runtime.StreamExecutor;

/**
 * An ordered queue of work on a device. Work on one stream runs in the order it was scheduled, on the
 * stream's own thread; different streams run concurrently, ordered only by data dependencies.
 */
public final class Stream {
    private final int index;
    private final Device device;
    private final StreamExecutor executor;

    Stream(int index, Device device) {
        this.index = index;
        this.device = Objects.requireNonNull(device);
        this.executor = new StreamExecutor(StreamExecutor.THREAD_NAME_PREFIX + index + "-" + device.type().name().toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * The stream's index, unique in the process.
     *
     * @return the index
     */
    public int index() { return index; }

    /**
     * The device the stream's work runs on.
     *
     * @return the device
     */
    public Device device() { return device; }

    /**
     * Runs tasks on this stream's thread, in order with the kernels scheduled on it: a task submitted
     * after an eval runs after that eval's work on this stream.
     *
     * @return the executor
     */
    public Executor executor() { return executor; }

    /** The internal task queue (the scheduler's view). */
    StreamExecutor queue() { return executor; }

    /**
     * A future that completes once everything scheduled on this stream so far has run.
     *
     * @return a future of everything scheduled so far
     */
    public CompletableFuture<Void> barrier() { return executor.barrier(); }

    /**
     * The stream as MLX prints it.
     *
     * @return for example {@code Stream(Device(cpu, 0), index=0)}
     */
    @Override
    public String toString() { return "Stream(" + device + ", index=" + index + ")"; }
}
