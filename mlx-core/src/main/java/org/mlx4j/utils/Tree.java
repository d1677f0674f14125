package org.mlx4j.utils;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.mlx4j.core.Array;
import org.mlx4j.core.TreeLike;

/**
 * MLX's {@code tree_flatten}, {@code tree_unflatten} and {@code tree_map} for trees of arrays, and the one
 * walk over trees that every part of mlx4j uses ({@code Mx.eval}, {@code Mx.asyncEval}, {@code Memory.Scope.keep},
 * compile's captured trees, mlx-reactive's publishers).
 *
 * <p>A tree is an {@link Array} (a leaf) or a container of trees: a {@link Map} (its values, keyed by
 * {@code String.valueOf(key)}), a {@link Collection} such as a {@link List} (its elements in iteration
 * order, keyed by position), an {@code Object[]} such as an {@code Array[]} (keyed by index), a record (its
 * components, keyed by name), an {@link Optional} (its value, if present, under the same key) or a
 * {@link TreeLike} (its {@link TreeLike#tree()}, under the same key). {@code null} is an absent value: walks
 * skip it and map keeps it. Anything else is a leaf that is not an array: {@link #flatten} and {@link #map}
 * reject it, naming its path; {@link #arrays} (and so {@code Mx.eval}) ignores it, as MLX does.
 *
 * <p>Records are read through their accessors; on the module path a record of a package that is neither
 * exported nor opened to {@code org.mlx4j.core} cannot be read, and the error says so.
 */
public final class Tree {
    /** Deeper than this, a tree is taken to contain a cycle. */
    static final int MAX_DEPTH = 256;

    private Tree() {}

    /**
     * The leaves of {@code tree} in traversal order, keyed by their dotted paths: map keys, list
     * indices and record component names joined with {@code "."}, e.g. {@code layers.0.weight}. A lone
     * array has the key {@code ""}; empty containers leave no entry.
     * MLX: {@code mlx.utils.tree_flatten}.
     *
     * @param tree the tree
     * @return the leaves by dotted key, in traversal order
     * @throws IllegalArgumentException if the tree holds something other than arrays, maps, collections,
     * {@code Object[]}s, {@code Optional}s, records and {@link TreeLike}s, or two leaves get the same key
     */
    public static LinkedHashMap<String, Array> flatten(Object tree) {
        LinkedHashMap<String, Array> out = new LinkedHashMap<>();
        walk(tree, "", 0, null, (path, leaf) -> {
            if (!(leaf instanceof Array a)) throw notATree("flatten", path, leaf);
            if (out.putIfAbsent(path, a) != null) {
                throw new IllegalArgumentException("flatten: two leaves have the key '" + path + "'");
            }
        });
        return out;
    }

    /**
     * The distinct arrays of the trees (by identity), in traversal order: what {@code Mx.eval}, {@code Mx.asyncEval}
     * and compile's captured trees use. Leaves that are not arrays (a name, a step count) are ignored, as MLX's
     * {@code eval} and {@code compile} ignore them.
     *
     * @param trees the trees
     * @return each array of the trees once, in traversal order
     * @throws IllegalArgumentException if a tree is nested deeper than the walk allows (a cycle)
     */
    public static List<Array> arrays(Object... trees) {
        if (trees.length == 1 && trees[0] instanceof Array a) return List.of(a);
        Set<Array> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Array> out = new ArrayList<>();
        for (Object tree : trees) {
            walk(tree, null, 0, null, (noPath, leaf) -> {
                if (leaf instanceof Array a && seen.add(a)) out.add(a);
            });
        }
        return out;
    }

    /**
     * Calls {@code action} with every leaf of {@code tree} in traversal order: each array, and each
     * other object that is not a container. An object for which {@code isLeaf} holds is a leaf even if
     * it is a container (MLX's {@code is_leaf}), so it is handed over whole instead of walked.
     *
     * @param tree the tree
     * @param isLeaf which objects count as leaves although they are containers, or null for none
     * @param action called with every leaf
     * @throws IllegalArgumentException if the tree is nested deeper than the walk allows (a cycle)
     */
    public static void forEachLeaf(Object tree, Predicate<Object> isLeaf, Consumer<Object> action) {
        walk(tree, null, 0, isLeaf, (path, leaf) -> action.accept(leaf));
    }

    /** Walks {@code tree}; {@code path} is null when no caller needs paths (then none are built). */
    private static void walk(Object tree, String path, int depth, Predicate<Object> isLeaf, BiConsumer<String, Object> leaf) {
        if (tree == null) return;
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("tree nested deeper than " + MAX_DEPTH + " levels (a cycle?)"
                    + (path != null ? " at '" + path + "'" : ""));
        }
        if (tree instanceof Array || (isLeaf != null && isLeaf.test(tree))) {
            leaf.accept(path, tree);
            return;
        }
        switch (tree) {
            case Map<?, ?> m -> m.forEach((k, v) -> walk(v, child(path, String.valueOf(k)), depth + 1, isLeaf, leaf));
            case Collection<?> c -> {
                int i = 0;
                for (Object v : c) walk(v, child(path, i++), depth + 1, isLeaf, leaf);
            }
            case Object[] arr -> {
                for (int i = 0; i < arr.length; i++) walk(arr[i], child(path, i), depth + 1, isLeaf, leaf);
            }
            case Optional<?> o -> { if (o.isPresent()) walk(o.get(), path, depth + 1, isLeaf, leaf); }
            case TreeLike t -> walk(t.tree(), path, depth + 1, isLeaf, leaf);
            case Record r -> {
                for (RecordComponent rc : r.getClass().getRecordComponents()) {
                    walk(component(r, rc), child(path, rc.getName()), depth + 1, isLeaf, leaf);
                }
            }
            default -> leaf.accept(path, tree);
        }
    }

    private static String child(String path, String key) {
        if (path == null) return null;
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String child(String path, int index) { return path == null ? null : child(path, Integer.toString(index)); }

    private static Object component(Record r, RecordComponent rc) {
        try {
            Method accessor = rc.getAccessor();
            if (!accessor.canAccess(r)) accessor.setAccessible(true);
            return accessor.invoke(r);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("tree: the accessor " + rc.getName() + "() of " + r.getClass().getName()
                    + " threw " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalArgumentException("tree: cannot read the component " + rc.getName() + " of the record "
                    + r.getClass().getName() + " (on the module path, export or open its package to org.mlx4j.core)", e);
        }
    }

    private static IllegalArgumentException notATree(String op, String path, Object leaf) {
        return new IllegalArgumentException(op + ": expected an Array, or a Map, Collection, Object[], record, Optional or"
                + " TreeLike of arrays, at '" + path + "', got " + leaf.getClass().getName());
    }

    /**
     * Rebuilds the tree that {@link #flatten} describes: each dotted key becomes a path of nested
     * maps, and a map whose keys are exactly {@code 0 .. n-1} becomes a list ordered by index.
     * Values are kept as given (they need not be arrays). The single key {@code ""} gives its value
     * itself; an empty map gives an empty map.
     * MLX: {@code mlx.utils.tree_unflatten}.
     *
     * @param flat the leaves by dotted key, as {@link #flatten} gives them
     * @return the rebuilt tree of nested maps and lists
     * @throws IllegalArgumentException if a key has an empty part or two keys clash
     */
    public static Object unflatten(Map<String, ?> flat) {
        if (flat.size() == 1 && flat.containsKey("")) return flat.get("");
        Map<String, Object> root = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : flat.entrySet()) insert(root, e.getKey(), e.getValue());
        return listify(root);
    }

    @SuppressWarnings("unchecked")
    private static void insert(Map<String, Object> root, String key, Object value) {
        String[] parts = key.split("\\.", -1);
        Map<String, Object> node = root;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.isEmpty()) throw new IllegalArgumentException("unflatten: key '" + key + "' has an empty part");
            if (i == parts.length - 1) {
                if (node.containsKey(part)) {
                    throw new IllegalArgumentException("unflatten: key '" + key + "' clashes with another key");
                }
                node.put(part, value);
            } else {
                Object next = node.computeIfAbsent(part, p -> new Subtree());
                if (!(next instanceof Subtree)) {
                    throw new IllegalArgumentException("unflatten: key '" + key + "' needs '"
                            + String.join(".", java.util.Arrays.copyOf(parts, i + 1))
                            + "' to be a subtree, but it holds a value");
                }
                node = (Map<String, Object>) next;
            }
        }
    }

    /** Marks the maps that unflatten builds, so user values that happen to be maps stay untouched. */
    private static final class Subtree extends LinkedHashMap<String, Object> { }

    private static Object listify(Map<String, Object> node) {
        Map<String, Object> converted = new LinkedHashMap<>();
        node.forEach((k, v) -> converted.put(k, v instanceof Subtree s ? listify(s) : v));
        int n = converted.size();
        if (n == 0) return converted;
        Object[] items = new Object[n];
        for (Map.Entry<String, Object> e : converted.entrySet()) {
            int i = index(e.getKey());
            if (i < 0 || i >= n || items[i] != null) return converted;
            items[i] = e.getValue() == null ? NULL : e.getValue();
        }
        List<Object> list = new ArrayList<>(n);
        for (Object o : items) list.add(o == NULL ? null : o);
        return list;
    }

    private static final Object NULL = new Object();

    /** The key as a list index (digits only, no leading zeros), or -1. */
    private static int index(String key) {
        if (key.isEmpty() || key.length() > 9 || (key.length() > 1 && key.charAt(0) == '0')) return -1;
        for (int i = 0; i < key.length(); i++) if (key.charAt(i) < '0' || key.charAt(i) > '9') return -1;
        return Integer.parseInt(key);
    }

    /**
     * The tree with every array replaced by {@code fn(array)}: maps become insertion-ordered maps with
     * the same keys, collections and {@code Object[]} become lists, an {@code Optional} stays an
     * {@code Optional}, a record becomes a new record of its class (through its canonical constructor), and
     * a TreeLike becomes its mapped tree.
     * MLX: {@code mlx.utils.tree_map}.
     *
     * @param fn the function applied to every array
     * @param tree the tree
     * @return the mapped tree
     * @throws IllegalArgumentException if the tree holds something other than arrays, maps, collections,
     * {@code Object[]}s, {@code Optional}s, records and {@link TreeLike}s
     */
    public static Object map(Function<Array, Array> fn, Object tree) { return mapAt("", 0, fn, tree); }

    private static Object mapAt(String path, int depth, Function<Array, Array> fn, Object tree) {
        if (depth > MAX_DEPTH) throw new IllegalArgumentException("map: tree nested deeper than " + MAX_DEPTH + " levels (a cycle?) at '" + path + "'");
        return switch (tree) {
            case null -> null;
            case Array a -> fn.apply(a);
            case Map<?, ?> m -> {
                Map<Object, Object> out = new LinkedHashMap<>();
                m.forEach((k, v) -> out.put(k, mapAt(child(path, String.valueOf(k)), depth + 1, fn, v)));
                yield out;
            }
            case Collection<?> c -> {
                List<Object> out = new ArrayList<>(c.size());
                for (Object v : c) out.add(mapAt(child(path, out.size()), depth + 1, fn, v));
                yield out;
            }
            case Object[] arr -> {
                List<Object> out = new ArrayList<>(arr.length);
                for (int i = 0; i < arr.length; i++) out.add(mapAt(child(path, i), depth + 1, fn, arr[i]));
                yield out;
            }
            case Optional<?> o -> o.map(v -> mapAt(path, depth + 1, fn, v));
            case TreeLike t -> mapAt(path, depth + 1, fn, t.tree());
            case Record r -> {
                RecordComponent[] rcs = r.getClass().getRecordComponents();
                Object[] values = new Object[rcs.length];
                Class<?>[] types = new Class<?>[rcs.length];
                for (int i = 0; i < rcs.length; i++) {
                    values[i] = mapAt(child(path, rcs[i].getName()), depth + 1, fn, component(r, rcs[i]));
                    types[i] = rcs[i].getType();
                }
                yield construct(path, r.getClass(), types, values);
            }
            default -> throw notATree("map", path, tree);
        };
    }

    private static Object construct(String path, Class<?> type, Class<?>[] types, Object[] values) {
        try {
            Constructor<?> canonical = type.getDeclaredConstructor(types);
            if (!canonical.canAccess(null)) canonical.setAccessible(true);
            return canonical.newInstance(values);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("map: the constructor of " + type.getName() + " rejected the mapped"
                    + " components at '" + path + "': " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalArgumentException("map: cannot rebuild the record " + type.getName() + " at '" + path
                    + "' (its components must stay assignable after mapping; on the module path, export or open its"
                    + " package to org.mlx4j.core)", e);
        }
    }
}
