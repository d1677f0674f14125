package org.mlx4j.core.memory;

import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;

/**
 * Returns the memory of arrays whose handles became unreachable without being closed. Unlike a
 * {@code Cleaner}, the queue is drained by the allocator itself, on the allocating thread, so a
 * reclaimed buffer is in the cache before the very allocation that needs it.
 */
public final class Reclaimer {
    /** What to run once the referent is gone. */
    @FunctionalInterface
    public interface Cleanup {
        void run();
    }

    /** A registration; cancelling it drops the cleanup (and spares the collector the reference). */
    public interface Registration {
        void cancel();
    }

    private static final ReferenceQueue<Object> QUEUE = new ReferenceQueue<>();
    /**
     * Keeps every registered reference reachable until it is drained: a doubly linked list through the
     * references themselves (as {@code java.lang.ref.Cleaner} keeps its cleanables), so registering and
     * draining are a few pointer writes under {@code LIVE}'s monitor, with no hashing and no table to grow
     * (a registration happens for every computed array).
     */
    private static final Ref LIVE = new Ref();

    private static final class Ref extends PhantomReference<Object> implements Registration {
        final Cleanup cleanup;
        Ref prev = this, next = this; // guarded by LIVE; unlinked: next == null

        Ref(Object referent, Cleanup cleanup) {
            super(referent, QUEUE);
            this.cleanup = cleanup;
        }

        /** The list head. */
        private Ref() {
            super(null, null);
            this.cleanup = null;
        }

        @Override
        public void cancel() {
            if (unlink(this)) clear();
        }
    }

    private Reclaimer() {}

    /**
     * Runs {@code cleanup} after {@code referent} became unreachable (it must not reference the referent),
     * unless the returned registration is cancelled first.
     */
    public static Registration register(Object referent, Cleanup cleanup) {
        Ref r = new Ref(referent, cleanup);
        synchronized (LIVE) {
            r.next = LIVE.next;
            r.prev = LIVE;
            LIVE.next.prev = r;
            LIVE.next = r;
        }
        return r;
    }

    /** Takes {@code r} out of the list; false if it was out already. */
    private static boolean unlink(Ref r) {
        synchronized (LIVE) {
            if (r.next == null) return false;
            r.prev.next = r.next;
            r.next.prev = r.prev;
            r.next = r.prev = null;
            return true;
        }
    }

    /** Runs the cleanups of everything collected so far; returns how many ran. */
    public static int drain() {
        int n = 0;
        Reference<?> r;
        while ((r = QUEUE.poll()) != null) {
            Ref ref = (Ref) r;
            if (unlink(ref)) {
                n++;
                try {
                    ref.cleanup.run();
                } catch (RuntimeException e) {
                    System.getLogger(Reclaimer.class.getName())
                            .log(System.Logger.Level.WARNING, "array cleanup failed", e);
                }
            }
        }
        return n;
    }

    /**
     * Waits (briefly) until the references cleared by the last collection are queued, then drains them.
     * A sentinel registered before the collection tells when the reference handler has caught up.
     */
    static void awaitPending() {
        boolean[] seen = {false};
        register(new Object(), () -> seen[0] = true);
        System.gc();
        long deadline = System.nanoTime() + 200_000_000L;
        do {
            drain();
            if (seen[0]) return;
            Thread.onSpinWait();
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        } while (System.nanoTime() < deadline);
    }
}
