package org.mlx4j.core.graph;

import org.mlx4j.core.memory.Reclaimer;

/**
 * Holds a node's {@link Data} and owns one reference to its buffer. Kept apart from the node so that
 * the {@link Reclaimer} can release the buffer after the node itself became unreachable.
 */
final class DataCell {
    private Data data;
    private boolean registered;

    synchronized Data get() { return data; }

    /** Stores {@code d}, which carries one buffer reference for this cell; releases what was held before. */
    void set(Node owner, Data d) {
        Data old;
        boolean register;
        synchronized (this) {
            old = data;
            data = d;
            register = d != null && !registered;
            if (register) registered = true;
        }
        if (old != null) old.buffer().release();
        if (register) Reclaimer.register(owner, this::release);
    }

    /** Removes the data without releasing it: its buffer reference moves to the caller. */
    synchronized Data take() {
        Data old = data;
        data = null;
        return old;
    }

    /** Returns the buffer reference; true if there was data to release. */
    boolean release() {
        Data old;
        synchronized (this) {
            old = data;
            data = null;
        }
        if (old == null) return false;
        old.buffer().release();
        return true;
    }
}
