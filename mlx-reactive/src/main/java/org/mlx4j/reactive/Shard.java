package org.mlx4j.reactive;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.mlx4j.core.Array;

/**
 * One block of samples (columns sharing their first axis) with a reference count: every batch cut
 * from it holds a reference, and a shard the loader owns (read from a file) closes its arrays when the
 * last batch using it has been evaluated or discarded.
 */
final class Shard {
    final String name;
    final Map<String, Array> columns;
    final int rows;
    private final boolean owned;
    private final AtomicInteger refs = new AtomicInteger(1);

    Shard(String name, Map<String, Array> columns, boolean owned) {
        if (columns.isEmpty()) throw new IllegalArgumentException("DataLoader: " + name + " holds no arrays");
        int n = -1;
        for (Map.Entry<String, Array> e : columns.entrySet()) {
            int[] shape = e.getValue().shape();
            if (shape.length == 0) {
                throw new IllegalArgumentException("DataLoader: column '" + e.getKey() + "' of " + name + " is a scalar; samples run along axis 0");
            }
            if (n >= 0 && shape[0] != n) {
                throw new IllegalArgumentException("DataLoader: the columns of " + name + " disagree on the number of samples: '"
                        + e.getKey() + "' has shape " + Arrays.toString(shape) + " but an earlier column has " + n + " rows");
            }
            n = shape[0];
        }
        this.name = name;
        this.columns = new LinkedHashMap<>(columns);
        this.rows = n;
        this.owned = owned;
    }

    void retain() {
        refs.incrementAndGet();
    }

    void release() {
        int left = refs.decrementAndGet();
        if (left < 0) throw new IllegalStateException("DataLoader: " + name + " was released more often than retained");
        if (left == 0 && owned) {
            for (Array a : columns.values()) a.close();
        }
    }
}
