package org.mlx4j.reactive;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * The shards of one epoch that were loaded and not yet handed to the batcher: the loader's reference to
 * each is released exactly once, by the batcher once it has cut the shard, or here when the epoch ends
 * first (cancelled or failed) — including a shard whose read finishes after that. Reactor's discard hooks
 * cannot promise this: a read still running on a file thread when the epoch is cancelled completes into
 * nothing.
 */
final class LoadedShards {
    private final Set<Shard> held = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean ended;

    /** Takes the loader's reference to a freshly loaded shard (released at once if the epoch has ended). */
    synchronized Shard admit(Shard shard) {
        if (ended) shard.release();
        else held.add(shard);
        return shard;
    }

    /** Moves the reference to the caller; false if it was already released (the epoch ended). */
    synchronized boolean take(Shard shard) {
        return held.remove(shard);
    }

    /** Ends the epoch: releases every reference still held, and any admitted from now on. */
    void releaseAll() {
        Shard[] rest;
        synchronized (this) {
            ended = true;
            rest = held.toArray(new Shard[0]);
            held.clear();
        }
        for (Shard s : rest) s.release();
    }
}
