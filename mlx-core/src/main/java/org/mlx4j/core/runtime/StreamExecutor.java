package org.mlx4j.core.runtime;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The thread behind a {@link org.mlx4j.core.Stream}: runs submitted tasks one after another, in order.
 * A failing task is logged and never stops the thread.
 */
public final class StreamExecutor implements Executor {
    private static final ThreadLocal<StreamExecutor> CURRENT = new ThreadLocal<>();
    /** Prefix of every stream thread's name (BlockHound marks these threads non-blocking). */
    public static final String THREAD_NAME_PREFIX = "mlx4j-stream-";

    private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final Thread thread;

    public StreamExecutor(String name) {
        thread = Thread.ofPlatform().name(name).daemon(true).unstarted(this::loop);
        thread.start();
    }

    /** How long an idle stream thread polls before it parks: eager code evaluates every few microseconds. */
    private static final long SPIN_NANOS = 50_000;

    private void loop() {
        CURRENT.set(this);
        while (true) {
            Runnable task = next();
            if (task == null) continue;
            try {
                task.run();
            } catch (Throwable t) {
                System.getLogger(StreamExecutor.class.getName())
                        .log(System.Logger.Level.ERROR, "task failed on " + thread.getName(), t);
            }
        }
    }

    /** The next task: polled for a short while (a wake-up from park costs tens of microseconds), then awaited. */
    private Runnable next() {
        long deadline = System.nanoTime() + SPIN_NANOS;
        do {
            Runnable task = queue.poll();
            if (task != null) return task;
            Thread.onSpinWait();
        } while (System.nanoTime() < deadline);
        try {
            return queue.take();
        } catch (InterruptedException e) {
            return null; // a stream thread lives as long as the process
        }
    }

    @Override
    public void execute(Runnable task) {
        queue.add(task);
    }

    /** The executor whose thread is the calling thread, or null on any other thread. */
    public static StreamExecutor current() { return CURRENT.get(); }

    /** True when called from this stream's own thread. */
    public boolean isCurrentThread() { return Thread.currentThread() == thread; }

    /** Completes once every task queued before it has run. */
    public CompletableFuture<Void> barrier() {
        CompletableFuture<Void> f = new CompletableFuture<>();
        execute(() -> f.complete(null));
        return f;
    }
}
