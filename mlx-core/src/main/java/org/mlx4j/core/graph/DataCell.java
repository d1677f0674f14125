package org.mlx4j.core.graph;

import org.mlx4j.core.memory.Reclaimer;

/**
 * Holds a node's {@link Data} and owns one reference to its buffer. Kept apart from the node so that
 * the {@link Reclaimer} can release the buffer after the node itself became unreachable. The
 * registration lasts while the cell holds data: a cell emptied explicitly (closed, given back after its
 * last consumer, donated) cancels it, so the collector has no reference to process for it.
 */
final class DataCell {
    private Data data;
    private Reclaimer.Registration registration;

    synchronized Data get() { return data; }

    /** Stores {@code d}, which carries one buffer reference for this cell; releases what was held before. */
    void set(Node owner, Data d) {
        Data old;
        boolean register;
        Reclaimer.Registration cancel = null;
        synchronized (this) {
            old = data;
            data = d;
            register = d != null && registration == null;
            if (d == null) {
                cancel = registration;
                registration = null;
            }
        }
        if (old != null) old.buffer().release();
        if (cancel != null) cancel.cancel();
        if (register) {
            Reclaimer.Registration r = Reclaimer.register(owner, this::release);
            boolean keep;
            synchronized (this) {
                keep = data != null && registration == null;
                if (keep) registration = r;
            }
            if (!keep) r.cancel();
        }
    }

    /** Removes the data without releasing it: its buffer reference moves to the caller. */
    Data take() {
        Data old;
        Reclaimer.Registration cancel;
        synchronized (this) {
            old = data;
            data = null;
            cancel = registration;
            registration = null;
        }
        if (cancel != null) cancel.cancel();
        return old;
    }

    /** Returns the buffer reference; true if there was data to release. */
    boolean release() {
        Data old = take();
        if (old == null) return false;
        old.buffer().release();
        return true;
    }
}
