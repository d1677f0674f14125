package org.mlx4j.reactive;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.scheduler.Scheduler;

/**
 * Runs a state machine's drain loop on one Reactor worker, one pass at a time: any thread may
 * {@link #signal()} (a request, an upstream item, a stream completing an evaluation); the work itself,
 * user graph building included, always happens on the worker, never on a stream's thread.
 */
final class SerialDrain {
    private final AtomicInteger wip = new AtomicInteger();
    private final Scheduler.Worker worker;
    private final Runnable body;

    SerialDrain(Scheduler scheduler, Runnable body) {
        this.worker = scheduler.createWorker();
        this.body = body;
    }

    void signal() {
        if (wip.getAndIncrement() == 0) {
            try {
                worker.schedule(this::run);
            } catch (RejectedExecutionException disposed) {
                // the session has ended and released its worker: nothing left to do
            }
        }
    }

    private void run() {
        int missed = 1;
        do {
            body.run();
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    void dispose() {
        worker.dispose();
    }
}
