package org.mlx4j.core.runtime;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The thread behind a {@link org.mlx4j.core.Stream}: runs submitted tasks one after another, in order.
 * A failing task is logged and never stops the thread.
 *
 * <p>A thread about to block until its own work has run may run that work itself instead of handing it
 * over ({@link #tryClaim()}): only while nothing is queued or running here, and while it does, tasks
 * submitted meanwhile wait for it. Order on the stream is the same either way: one task at a time, in
 * the order it was claimed or submitted.
 */
public final class StreamExecutor implements Executor {
    private static final ThreadLocal<StreamExecutor> CURRENT = new ThreadLocal<>();
    /** Prefix of every stream thread's name (BlockHound marks these threads non-blocking). */
    public static final String THREAD_NAME_PREFIX = "mlx4j-stream-";

    private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final String name;
    /** The current loop thread; a retired stream's thread ends once idle and a later task starts a new one. */
    private volatile Thread thread;
    /** Set by {@link #retire()}; guarded by {@code life} together with {@code running}. */
    private volatile boolean retired;
    private boolean running;
    private final Object life = new Object();
    /** Tasks submitted and not yet finished, plus one while another thread holds a claim. */
    private final AtomicInteger unfinished = new AtomicInteger();
    /** Held by whoever runs work of this stream: its thread for each task, or a claiming thread. */
    private final ReentrantLock turn = new ReentrantLock();

    public StreamExecutor(String name) {
        this.name = name;
        synchronized (life) {
            startThread();
        }
    }

    /** Starts a loop thread. Caller holds {@code life}. */
    private void startThread() {
        running = true;
        thread = Thread.ofPlatform().name(name).daemon(true).unstarted(this::loop);
        thread.start();
    }

    /**
     * Lets this stream's thread end once nothing is queued (MLX's {@code clear_streams}): the stream stays
     * usable, a task submitted later starts a new thread.
     */
    public void retire() {
        retired = true;
        execute(() -> { }); // wakes a parked thread so that it sees the flag
    }

    /** Whether a loop thread is running now (false once a retired stream's thread has ended). */
    public boolean hasThread() {
        synchronized (life) {
            return running;
        }
    }

    /** How long an idle stream thread polls before it parks: eager code evaluates every few microseconds. */
    private static final long SPIN_NANOS = 50_000;

    private void loop() {
        CURRENT.set(this);
        while (true) {
            Runnable task = next();
            if (task == null) {
                if (retired) {
                    synchronized (life) {
                        if (queue.isEmpty()) {
                            running = false;
                            CURRENT.remove();
                            return;
                        }
                    }
                }
                continue;
            }
            try {
                task.run();
            } catch (Throwable t) {
                System.getLogger(StreamExecutor.class.getName())
                        .log(System.Logger.Level.ERROR, "task failed on " + thread.getName(), t);
            } finally {
                turn.unlock();
                unfinished.decrementAndGet();
            }
        }
    }

    /**
     * The next task, with the turn taken (a thread running claimed work finishes first): polled for a short
     * while (a wake-up from park costs tens of microseconds), then awaited.
     */
    private Runnable next() {
        Runnable task = null;
        long deadline = System.nanoTime() + SPIN_NANOS;
        do {
            task = queue.poll();
            if (task != null) break;
            Thread.onSpinWait();
        } while (System.nanoTime() < deadline);
        try {
            if (task == null) task = retired ? queue.poll(1, java.util.concurrent.TimeUnit.MILLISECONDS) : queue.take();
        } catch (InterruptedException e) {
            return null; // a stream thread lives as long as the process, or until retired and idle
        }
        if (task == null) return null;
        turn.lock();
        return task;
    }

    @Override
    public void execute(Runnable task) {
        unfinished.incrementAndGet();
        queue.add(task);
        if (retired) {
            synchronized (life) {
                if (!running) startThread();
            }
        }
    }

    /**
     * Claims this stream for the calling thread when nothing is queued or running on it, so that the caller
     * can run its next piece of work itself, in order; tasks submitted while the claim is held run after it.
     * Returns false (nothing claimed) when the stream is busy. Never blocks. Pair with {@link #release()}.
     */
    public boolean tryClaim() {
        if (CURRENT.get() != null || unfinished.get() != 0 || !unfinished.compareAndSet(0, 1)) return false;
        if (!turn.tryLock()) {
            unfinished.decrementAndGet();
            return false;
        }
        // while it runs this stream's work, the claiming thread counts as the stream's own (see current())
        CURRENT.set(this);
        return true;
    }

    /** Ends a claim made by {@link #tryClaim()}. */
    public void release() {
        CURRENT.set(null);
        turn.unlock();
        unfinished.decrementAndGet();
    }

    /**
     * The executor whose work the calling thread runs: its own stream's, or the one it has claimed; null on
     * any other thread.
     */
    public static StreamExecutor current() { return CURRENT.get(); }

    /** True when called from this stream's own thread, or from a thread running claimed work of this stream. */
    public boolean isCurrentThread() { return CURRENT.get() == this; }

    /** Completes once every task queued before it has run. */
    public CompletableFuture<Void> barrier() {
        CompletableFuture<Void> f = new CompletableFuture<>();
        execute(() -> f.complete(null));
        return f;
    }
}
