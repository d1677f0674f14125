package org.mlx4j.core.memory;

import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.TreeMap;

/**
 * The process-wide allocator: native buffers, a size-bucketed LRU buffer cache with MLX's reuse rule
 * (a cached block of at most {@code min(2*size, size + 2 pages)} bytes serves a request of {@code size}),
 * byte-accurate statistics and limits. The memory limit is soft, as in MLX: above it the allocator
 * first gives back cached and unreachable buffers and evaluation waits for running work; only a
 * request the machine cannot satisfy fails.
 *
 * <p>Memory that handles dropped without closing comes back through {@link Reclaimer} once the
 * garbage collector has seen them; the allocator asks for a collection (on a thread of its own, never
 * blocking the allocating thread) when unreclaimed growth gets large or memory is over the limit, and
 * waits for one only before it reports that a request cannot be satisfied.
 */
public final class Allocator {
    private static final long PAGE = 16384;
    /** The least growth that triggers a collection: a collection costs milliseconds, like this many bytes of work. */
    static final long COLLECTION_FLOOR = 64L << 20;
    /**
     * How long an allocation far past the collection threshold waits for the collection asked for. A
     * collection takes 10-15 ms on a quiet machine; on a busy one it can take hundreds, and a loop that
     * closes nothing must not run past the documented bound meanwhile.
     */
    private static final long LAGGING_WAIT_MILLIS = 1000;
    private static final Allocator INSTANCE = new Allocator();

    private final Object lock = new Object();
    /** Cached blocks by size; each deque holds the most recently freed block last. */
    private final TreeMap<Long, ArrayDeque<Buffer>> cache = new TreeMap<>();
    /**
     * Cached blocks in the order they were freed, oldest first, for LRU eviction: a doubly linked list
     * through the buffers themselves ({@link Buffer#lruPrev}/{@link Buffer#lruNext}, guarded by {@code lock})
     * around this sentinel, so that caching and reusing a block costs no hashing.
     */
    private final Buffer lru = Buffer.sentinel();
    private final long systemMemory;
    /** Written under {@code lock}; volatile so that the per-eval limit check reads them without it. */
    private volatile long active, memoryLimit;
    private long peak, cached;
    private long cacheLimit;
    private long wiredLimit, wired;
    /** Bytes handed out since the process started (fresh or from the cache), to date collections. */
    private long handedOut;
    /** Estimated bytes still reachable after the last collection; the next one is due at {@link #collectionThreshold()}. */
    private long liveAfterCollection;
    /** Collections finished so far (allocations far past the threshold wait for the next one). */
    private long collections;
    private final java.util.concurrent.atomic.AtomicBoolean collectionPending = new java.util.concurrent.atomic.AtomicBoolean();

    private Allocator() {
        long total = physicalMemory();
        systemMemory = total;
        memoryLimit = (long) (total * 0.75);
        cacheLimit = memoryLimit;
    }

    public static Allocator instance() { return INSTANCE; }

    private static long physicalMemory() {
        try {
            var os = ManagementFactory.getOperatingSystemMXBean();
            if (os instanceof com.sun.management.OperatingSystemMXBean sun) return sun.getTotalMemorySize();
        } catch (Throwable ignored) {
            // fall through to a conservative default
        }
        return 8L << 30;
    }

    /**
     * A buffer of at least {@code bytes} bytes.
     *
     * @throws MlxOutOfMemoryError when the machine cannot satisfy the request even after reclaiming
     *     every unreachable and cached buffer
     */
    public Buffer allocate(long bytes) {
        if (bytes < 0) throw new IllegalArgumentException("allocate: negative size " + bytes);
        if (bytes == 0) return new Buffer(MemorySegment.NULL.reinterpret(0));
        Reclaimer.drain();
        long size = NativeMemory.roundUp(bytes);
        Buffer reused = collectOrReuse(size);
        if (reused != null) return reused;
        if (overLimit(size)) {
            // over the (soft) limit: give back what is cached and what unreachable arrays hold, then go on
            synchronized (lock) { evictCache(cached); }
            requestCollection();
            reused = takeFromCache(size);
            if (reused != null) return reused;
        }
        if (size > systemMemory) {
            throw new MlxOutOfMemoryError(String.format(
                    "cannot allocate %,d bytes: the machine has %,d bytes of memory (%,d in use by mlx4j)",
                    bytes, systemMemory, active()));
        }
        MemorySegment segment = NativeMemory.allocate(size);
        if (segment == null) {
            collectGarbage();
            synchronized (lock) { evictCache(cached); }
            segment = NativeMemory.allocate(size);
            if (segment == null) {
                throw new MlxOutOfMemoryError(String.format(
                        "cannot allocate %,d bytes: the system refused it (%,d bytes in use by mlx4j, memory limit %,d)",
                        bytes, active(), memoryLimit()));
            }
        }
        Buffer buffer = new Buffer(segment);
        boolean pin;
        synchronized (lock) {
            active += size;
            handedOut += size;
            peak = Math.max(peak, active);
            pin = wired + size <= wiredLimit;
        }
        if (pin) wire(buffer);
        return buffer;
    }

    private boolean overLimit(long size) {
        synchronized (lock) { return active + size > memoryLimit; }
    }

    private Buffer takeFromCache(long size) {
        synchronized (lock) {
            long max = Math.min(2 * size, size + 2 * PAGE);
            Map.Entry<Long, ArrayDeque<Buffer>> e = cache.ceilingEntry(size);
            if (e == null || e.getKey() > max) return null;
            Buffer b = e.getValue().pollLast();
            if (e.getValue().isEmpty()) cache.remove(e.getKey());
            unlinkLru(b);
            cached -= b.byteSize();
            active += b.byteSize();
            handedOut += b.byteSize();
            peak = Math.max(peak, active);
            b.reset();
            return b;
        }
    }

    /** Called when the last holder of {@code b} releases it. */
    void recycle(Buffer b) {
        if (b.byteSize() == 0) return;
        if (b.wired) unwire(b);
        synchronized (lock) {
            active -= b.byteSize();
            if (cacheLimit > 0 && b.byteSize() <= cacheLimit) {
                cache.computeIfAbsent(b.byteSize(), k -> new ArrayDeque<>()).addLast(b);
                b.lruPrev = lru.lruPrev;
                b.lruNext = lru;
                lru.lruPrev.lruNext = b;
                lru.lruPrev = b;
                cached += b.byteSize();
                if (cached > cacheLimit) evictCache(cached - cacheLimit);
                return;
            }
        }
        NativeMemory.free(b.segment());
    }

    /** Frees cached blocks, least recently used first, until {@code bytes} were freed. Holds {@code lock}. */
    private void evictCache(long bytes) {
        long freed = 0;
        while (freed < bytes && lru.lruNext != lru) {
            Buffer b = lru.lruNext;
            unlinkLru(b);
            ArrayDeque<Buffer> bucket = cache.get(b.byteSize());
            bucket.remove(b);
            if (bucket.isEmpty()) cache.remove(b.byteSize());
            cached -= b.byteSize();
            freed += b.byteSize();
            NativeMemory.free(b.segment());
        }
    }

    /** Takes {@code b} out of the LRU list. Holds {@code lock}. */
    private void unlinkLru(Buffer b) {
        b.lruPrev.lruNext = b.lruNext;
        b.lruNext.lruPrev = b.lruPrev;
        b.lruPrev = b.lruNext = null;
    }

    /**
     * {@link #maybeCollect} then {@link #takeFromCache} (the collection check comes first: growth served
     * from the cache counts as growth too), under one hold of the lock when no collection is due.
     */
    private Buffer collectOrReuse(long size) {
        synchronized (lock) {
            if (active + size <= collectionThreshold()) return takeFromCache(size);
        }
        maybeCollect(size);
        return takeFromCache(size);
    }

    /**
     * Asks the garbage collector for unreachable arrays when the memory in use has grown past what was
     * live after the last collection by that amount again, and by at least {@link #COLLECTION_FLOOR}
     * (so that small arrays do not pay a collection every few operations); their buffers then come back
     * through the {@link Reclaimer}. Every request counts, cache hits included: growth served from the
     * cache is growth all the same.
     */
    private void maybeCollect(long request) {
        boolean due;
        boolean lagging;
        synchronized (lock) {
            long now = active + request;
            long threshold = collectionThreshold();
            due = now > threshold;
            // far past the threshold, the collection asked for is late (a busy machine): wait for it briefly
            // rather than let a loop that closes nothing run ahead of it
            lagging = now > threshold + Math.max(COLLECTION_FLOOR / 2, liveAfterCollection);
        }
        if (due) requestCollection();
        if (lagging) awaitCollection(collectionsDone(), LAGGING_WAIT_MILLIS);
    }

    private long collectionsDone() { synchronized (lock) { return collections; } }

    /** Waits up to {@code millis} for a collection after the {@code seen}-th to finish. */
    private void awaitCollection(long seen, long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        synchronized (lock) {
            while (collections == seen && collectionPending.get()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return;
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Active bytes above which the next collection is asked for. Holds {@code lock}. */
    private long collectionThreshold() {
        return liveAfterCollection + Math.max(COLLECTION_FLOOR, liveAfterCollection);
    }

    /** Collects unreachable arrays now and takes their buffers back (normally automatic). */
    public void reclaim() { collectGarbage(); }

    /**
     * Asks for a collection without waiting for it: the allocating thread may be a non-blocking one (a
     * Reactor event loop building a graph), so the collection and the wait for its references run on the
     * reclaimer's own thread, and the buffers come back to the cache from there.
     */
    private void requestCollection() {
        if (!collectionPending.compareAndSet(false, true)) return;
        Thread.ofPlatform().name("mlx4j-reclaimer").daemon(true).start(() -> {
            try {
                collectGarbage();
            } finally {
                collectionPending.set(false);
            }
        });
    }

    /**
     * Collects, then estimates what is live: what is active now, less what was handed out since the
     * collection began (the collection could not have taken that back, and counting it would ratchet
     * the threshold up a little more at every cycle of a loop that never closes anything).
     */
    private void collectGarbage() {
        long before;
        synchronized (lock) { before = handedOut; }
        Reclaimer.awaitPending();
        synchronized (lock) {
            liveAfterCollection = Math.max(0, active - (handedOut - before));
            collections++;
            lock.notifyAll();
        }
    }

    public long active() { return active; }

    public long peak() { synchronized (lock) { return peak; } }

    public void resetPeak() { synchronized (lock) { peak = active; } }

    public long cached() { synchronized (lock) { return cached; } }

    public long memoryLimit() { return memoryLimit; }

    public long systemMemory() { return systemMemory; }

    public long setMemoryLimit(long limit) {
        if (limit <= 0) throw new IllegalArgumentException("setMemoryLimit: limit must be positive, got " + limit);
        synchronized (lock) {
            long prev = memoryLimit;
            memoryLimit = limit;
            return prev;
        }
    }

    public long cacheLimit() { synchronized (lock) { return cacheLimit; } }

    public long setCacheLimit(long limit) {
        if (limit < 0) throw new IllegalArgumentException("setCacheLimit: limit must be >= 0, got " + limit);
        synchronized (lock) {
            long prev = cacheLimit;
            cacheLimit = limit;
            if (cached > cacheLimit) evictCache(cached - cacheLimit);
            return prev;
        }
    }

    public void clearCache() {
        synchronized (lock) { evictCache(cached); }
    }

    /**
     * Sets how many bytes of buffers may be pinned in physical memory (mlock). Buffers allocated from now on
     * are pinned while the total stays under the limit; 0 unpins nothing already pinned but pins no more.
     * Returns the previous limit.
     */
    public long setWiredLimit(long limit) {
        if (limit < 0) throw new IllegalArgumentException("setWiredLimit: limit must be >= 0, got " + limit);
        if (limit > systemMemory) {
            throw new IllegalArgumentException(String.format(
                    "setWiredLimit: %,d bytes is more than the machine's %,d bytes of memory", limit, systemMemory));
        }
        synchronized (lock) {
            long prev = wiredLimit;
            wiredLimit = limit;
            return prev;
        }
    }

    public long wiredMemory() { synchronized (lock) { return wired; } }

    /** Pins {@code b} if the wired limit allows; returns whether the OS pinned it. */
    public boolean wire(Buffer b) {
        synchronized (lock) {
            if (b.wired || wired + b.byteSize() > wiredLimit) return false;
            wired += b.byteSize();
            b.wired = true;
        }
        if (NativeMemory.lock(b.segment())) return true;
        synchronized (lock) {
            wired -= b.byteSize();
            b.wired = false;
        }
        return false;
    }

    private void unwire(Buffer b) {
        NativeMemory.unlock(b.segment());
        synchronized (lock) {
            wired -= b.byteSize();
            b.wired = false;
        }
    }

    public long wiredLimit() { synchronized (lock) { return wiredLimit; } }
}
