package org.mlx4j.utils;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.mlx4j.core.Array;
import org.mlx4j.core.TreeLike;

/**
 * MLX's {@code tree_flatten}, {@code tree_unflatten} and {@code tree_map} for trees of arrays.
 *
 * <p>A tree is an {@link Array} (a leaf), a {@link Map} (keys turned into strings), a {@link List}
 * or {@code Object[]} of trees, or a {@link TreeLike}, which stands for its {@link TreeLike#tree()}.
 * {@code null} is an absent value: flatten skips it and map keeps it. Anything else is an error.
 */
public final class Tree {
    private Tree() {}

    /**
     * The leaves of {@code tree} in traversal order, keyed by their dotted paths: map keys and list
     * indices joined with {@code "."}, e.g. {@code layers.0.weight}. A lone array has the key {@code ""};
     * empty maps and lists leave no entry.
     * MLX: {@code mlx.utils.tree_flatten}.
     *
     * @param tree the tree
     * @return the leaves by dotted key, in traversal order
     * @throws IllegalArgumentException if the tree holds something other than arrays, maps, lists,
     * {@code Object[]}s and {@link TreeLike}s, or two leaves get the same key
     */
    public static LinkedHashMap<String, Array> flatten(Object tree) {
        LinkedHashMap<String, Array> out = new LinkedHashMap<>();
        flattenInto("", tree, out);
        return out;
    }

    private static void flattenInto(String path, Object tree, LinkedHashMap<String, Array> out) {
        switch (tree) {
            case null -> { }
            case Array a -> {
                if (out.putIfAbsent(path, a) != null) {
                    throw new IllegalArgumentException("flatten: two leaves have the key '" + path + "'");
                }
            }
            case Map<?, ?> m -> m.forEach((k, v) -> flattenInto(child(path, String.valueOf(k)), v, out));
            case List<?> l -> {
                for (int i = 0; i < l.size(); i++) flattenInto(child(path, Integer.toString(i)), l.get(i), out);
            }
            case Object[] arr -> {
                for (int i = 0; i < arr.length; i++) flattenInto(child(path, Integer.toString(i)), arr[i], out);
            }
            case TreeLike t -> flattenInto(path, t.tree(), out);
            default -> throw notATree("flatten", path, tree);
        }
    }

    private static String child(String path, String key) { return path.isEmpty() ? key : path + "." + key; }

    private static IllegalArgumentException notATree(String op, String path, Object leaf) {
        return new IllegalArgumentException(op + ": expected an Array, Map, List, Object[] or TreeLike at '"
                + path + "', got " + leaf.getClass().getName());
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
     * the same keys, lists and {@code Object[]} become lists, a TreeLike becomes its mapped tree.
     * MLX: {@code mlx.utils.tree_map}.
     *
     * @param fn the function applied to every array
     * @param tree the tree
     * @return the mapped tree
     * @throws IllegalArgumentException if the tree holds something other than arrays, maps, lists,
     * {@code Object[]}s and {@link TreeLike}s
     */
    public static Object map(Function<Array, Array> fn, Object tree) { return mapAt("", fn, tree); }

    private static Object mapAt(String path, Function<Array, Array> fn, Object tree) {
        return switch (tree) {
            case null -> null;
            case Array a -> fn.apply(a);
            case Map<?, ?> m -> {
                Map<Object, Object> out = new LinkedHashMap<>();
                m.forEach((k, v) -> out.put(k, mapAt(child(path, String.valueOf(k)), fn, v)));
                yield out;
            }
            case List<?> l -> {
                List<Object> out = new ArrayList<>(l.size());
                for (int i = 0; i < l.size(); i++) out.add(mapAt(child(path, Integer.toString(i)), fn, l.get(i)));
                yield out;
            }
            case Object[] arr -> {
                List<Object> out = new ArrayList<>(arr.length);
                for (int i = 0; i < arr.length; i++) out.add(mapAt(child(path, Integer.toString(i)), fn, arr[i]));
                yield out;
            }
            case TreeLike t -> mapAt(path, fn, t.tree());
            default -> throw notATree("map", path, tree);
        };
    }
}
