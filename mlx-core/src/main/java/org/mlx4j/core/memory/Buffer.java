package org.mlx4j.core.memory;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A block of native memory shared by an array and its views. Reference counted: each
 * {@code Data} that points at it holds one reference, and the last release hands it back
 * to the {@link Allocator} (its cache, or the system).
 */
public final class Buffer {
    private final MemorySegment segment;
    private final AtomicInteger refs = new AtomicInteger(1);
    volatile boolean wired;
    /** Neighbours in the allocator's LRU list while cached (guarded by the allocator's lock). */
    Buffer lruPrev, lruNext;

    Buffer(MemorySegment segment) {
        this.segment = segment;
    }

    /** The head of an empty LRU list (linked to itself). */
    static Buffer sentinel() {
        Buffer b = new Buffer(MemorySegment.NULL);
        b.lruPrev = b.lruNext = b;
        return b;
    }

    public MemorySegment segment() { return segment; }

    public long byteSize() { return segment.byteSize(); }

    /** True while exactly one holder references this buffer (it may then be donated). */
    public boolean isUnique() { return refs.get() == 1; }

    /** Adds a holder; fails if the buffer was already released. */
    public Buffer retain() {
        int r;
        do {
            r = refs.get();
            if (r <= 0) throw new IllegalStateException("buffer used after release");
        } while (!refs.compareAndSet(r, r + 1));
        return this;
    }

    /** Drops a holder; the last one returns the memory to the allocator. */
    public void release() {
        int r = refs.decrementAndGet();
        if (r == 0) Allocator.instance().recycle(this);
        else if (r < 0) throw new IllegalStateException("buffer released twice");
    }

    /** Re-arms a cached buffer for a new owner. */
    void reset() { refs.set(1); }
}
