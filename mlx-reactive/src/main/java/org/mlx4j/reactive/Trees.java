package org.mlx4j.reactive;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.mlx4j.core.Array;
import org.mlx4j.utils.Tree;

/**
 * The publishers' view of the trees they carry, walked by {@link Tree}. Here a tree may also hold leaves
 * that are not arrays: numbers, strings and the like hold no arrays and are skipped, and an
 * {@link AutoCloseable} that is not an array (a KV cache, a record that owns shared buffers) is a leaf
 * that owns something else: closed, not walked.
 */
final class Trees {
    private Trees() {}

    /** The distinct arrays of a tree, in walk order. */
    static List<Array> arrays(Object tree) {
        Set<Array> seen = identitySet();
        List<Array> out = new ArrayList<>();
        forEachArray(tree, a -> { if (seen.add(a)) out.add(a); }, c -> { });
        return out;
    }

    /** Adds the arrays of {@code tree} to {@code set}. */
    static void addArrays(Object tree, Set<Array> set) {
        forEachArray(tree, set::add, c -> { });
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
        forEachArray(tree, a -> { if (seen.add(a)) arrays.add(a); }, other::add);
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

    private static void forEachArray(Object tree, Consumer<Array> arrays, Consumer<AutoCloseable> closeables) {
        Tree.forEachLeaf(tree, Trees::ownsItsResources, leaf -> {
            if (leaf instanceof Array a) arrays.accept(a);
            else if (leaf instanceof AutoCloseable c) closeables.accept(c);
            // any other leaf holds no arrays
        });
    }

    /** A record that is AutoCloseable closes what it holds itself: it is a leaf, not walked. */
    private static boolean ownsItsResources(Object o) {
        return o instanceof Record && o instanceof AutoCloseable;
    }
}
