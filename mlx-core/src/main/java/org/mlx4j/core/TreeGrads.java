package org.mlx4j.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gradients of a {@link TreeFn}'s value: one tree per differentiated positional argument (in the order of
 * {@code argnums}) and one per differentiated named argument, each shaped like its argument (maps, lists
 * and records rebuilt with the gradient in place of every array).
 *
 * @param positional the gradient trees of the positional arguments listed in {@code argnums}, in that order
 * @param named the gradient trees of the named arguments listed in {@code argnames}, by name
 */
public record TreeGrads(List<Object> positional, Map<String, Object> named) {
    /**
     * Copies both collections (unmodifiable; entries may not be null).
     *
     * @param positional the positional gradient trees
     * @param named the named gradient trees
     */
    public TreeGrads {
        positional = List.copyOf(positional);
        named = Collections.unmodifiableMap(new LinkedHashMap<>(named));
    }

    /**
     * The gradient tree of the {@code i}-th differentiated positional argument.
     *
     * @param i the position in {@code argnums}
     * @return the gradient tree
     * @throws IndexOutOfBoundsException if fewer positional arguments were differentiated
     */
    public Object get(int i) { return positional.get(i); }

    /**
     * The gradient tree of a differentiated named argument.
     *
     * @param name the argument's name, as listed in {@code argnames}
     * @return the gradient tree
     * @throws IllegalArgumentException if that argument was not differentiated
     */
    public Object get(String name) {
        if (!named.containsKey(name)) {
            throw new IllegalArgumentException("grad: '" + name + "' is not among the differentiated names " + named.keySet());
        }
        return named.get(name);
    }
}
