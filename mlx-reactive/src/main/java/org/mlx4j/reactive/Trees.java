package org.mlx4j.reactive;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mlx4j.core.Array;
import org.mlx4j.core.TreeLike;

/**
 * Walks trees of arrays: an {@link Array}, a {@code Map} (values), an {@code Iterable}, an object array,
 * an {@code Optional}, a {@link TreeLike} (its tree) or a record (its components). Other leaves (numbers, strings, null) hold no arrays.
 * An {@link AutoCloseable} that is not an array is a leaf that owns something else (closed, not walked).
 */
final class Trees {
    private static final int MAX_DEPTH = 256;

    private Trees() {}

    /** The distinct arrays of a tree, in walk order. */
    static List<Array> arrays(Object tree) {
        Set<Array> seen = identitySet();
        List<Array> out = new ArrayList<>();
        walk(tree, seen, out, null, 0);
        return out;
    }

    /** Adds the arrays of {@code tree} to {@code set}. */
    static void addArrays(Object tree, Set<Array> set) {
        walk(tree, set, null, null, 0);
    }

    static Set<Array> identitySet() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }

    /** Closes every array (and other AutoCloseable leaf) of {@code tree} that is not in {@code keep}. */
    static void close(Object tree, Set<Array> keep) {
        Set<Array> seen = identitySet();
        if (keep != null) seen.addAll(keep);
        List<AutoCloseable> other = new ArrayList<>();
        List<Array> arrays = new ArrayList<>();
        walk(tree, seen, arrays, other, 0);
        for (Array a : arrays) a.close();
        for (AutoCloseable c : other) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing " + c + " failed", e);
            }
        }
    }

    static void close(Object tree) {
        close(tree, null);
    }

    private static void walk(Object node, Set<Array> seen, List<Array> arrays, List<AutoCloseable> closeables, int depth) {
        if (node == null) return;
        if (depth > MAX_DEPTH) throw new IllegalArgumentException("array tree nested deeper than " + MAX_DEPTH + " (a cycle?)");
        switch (node) {
            case Array a -> {
                if (seen.add(a) && arrays != null) arrays.add(a);
            }
            case Map<?, ?> m -> {
                for (Object v : m.values()) walk(v, seen, arrays, closeables, depth + 1);
            }
            case Iterable<?> it -> {
                for (Object v : it) walk(v, seen, arrays, closeables, depth + 1);
            }
            case Object[] arr -> {
                for (Object v : arr) walk(v, seen, arrays, closeables, depth + 1);
            }
            case Optional<?> o -> o.ifPresent(v -> walk(v, seen, arrays, closeables, depth + 1));
            case TreeLike t -> walk(t.tree(), seen, arrays, closeables, depth + 1);
            case AutoCloseable c -> {
                if (closeables != null) closeables.add(c);
            }
            case Record r -> {
                for (RecordComponent rc : r.getClass().getRecordComponents()) walk(component(r, rc), seen, arrays, closeables, depth + 1);
            }
            default -> {
                // a leaf without arrays
            }
        }
    }

    private static Object component(Record r, RecordComponent rc) {
        try {
            var m = rc.getAccessor();
            if (!m.canAccess(r)) m.setAccessible(true);
            return m.invoke(r);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read component " + rc.getName() + " of " + r.getClass().getName(), e);
        }
    }
}
