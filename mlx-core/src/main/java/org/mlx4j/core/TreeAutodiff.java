package org.mlx4j.core;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.mlx4j.core.transforms.Autodiff;
import org.mlx4j.utils.Tree;

/**
 * {@code grad} and {@code value_and_grad} over trees of arrays, positional and named: the differentiated
 * arguments' leaves become the flat argument list of an ordinary {@link Fn} (rebuilt into the trees inside
 * it), so the gradients are those of {@link Autodiff}, mapped back onto the trees' shapes.
 */
final class TreeAutodiff {
    private TreeAutodiff() {}

    static BiFunction<List<?>, Map<String, ?>, TreeValueAndGrad> valueAndGrad(TreeFn f, int[] argnums, String[] argnames) {
        java.util.Objects.requireNonNull(f, "valueAndGrad: function");
        int[] nums = argnums == null ? new int[0] : argnums.clone();
        String[] names = argnames == null ? new String[0] : argnames.clone();
        if (nums.length == 0 && names.length == 0) {
            throw new IllegalArgumentException("valueAndGrad: nothing to differentiate: give argnums, argnames or both");
        }
        Set<Integer> seenNums = new HashSet<>();
        for (int a : nums) {
            if (a < 0) throw new IllegalArgumentException("valueAndGrad: argnums must not be negative, got " + a);
            if (!seenNums.add(a)) throw new IllegalArgumentException("valueAndGrad: argnum " + a + " is listed twice");
        }
        Set<String> seenNames = new HashSet<>();
        for (String n : names) {
            if (n == null || !seenNames.add(n)) throw new IllegalArgumentException("valueAndGrad: argname " + n + " is null or listed twice");
        }
        return (args, kwargs) -> apply(f, nums, names, args == null ? List.of() : args, kwargs == null ? Map.of() : kwargs);
    }

    private static TreeValueAndGrad apply(TreeFn f, int[] nums, String[] names, List<?> args, Map<String, ?> kwargs) {
        for (int a : nums) {
            if (a >= args.size()) {
                throw new IllegalArgumentException("valueAndGrad: argnum " + a + " is out of range for " + args.size() + " positional arguments");
            }
        }
        for (String n : names) {
            if (!kwargs.containsKey(n)) {
                throw new IllegalArgumentException("valueAndGrad: argname '" + n + "' is not among the named arguments " + kwargs.keySet());
            }
        }
        List<Object> trees = new ArrayList<>();
        for (int a : nums) trees.add(args.get(a));
        for (String n : names) trees.add(kwargs.get(n));
        List<Array> leaves = new ArrayList<>();
        for (int t = 0; t < trees.size(); t++) {
            String where = t < nums.length ? "argument " + nums[t] : "argument '" + names[t - nums.length] + "'";
            try {
                Tree.map(a -> {
                    leaves.add(a);
                    return a;
                }, trees.get(t));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("valueAndGrad: the differentiated " + where + " must be a tree of arrays: "
                        + e.getMessage(), e);
            }
        }
        Object[] output = new Object[1];
        Fn flat = xs -> {
            int[] next = {0};
            List<Object> newArgs = new ArrayList<>(args);
            Map<String, Object> newKw = new LinkedHashMap<>(kwargs);
            for (int t = 0; t < trees.size(); t++) {
                Object rebuilt = Tree.map(a -> xs.get(next[0]++), trees.get(t));
                if (t < nums.length) newArgs.set(nums[t], rebuilt);
                else newKw.put(names[t - nums.length], rebuilt);
            }
            output[0] = f.apply(newArgs, newKw);
            return List.of(scalar(output[0]));
        };
        List<Array> grads;
        if (leaves.isEmpty()) {
            flat.apply(List.of());
            grads = List.of();
        } else {
            int[] all = java.util.stream.IntStream.range(0, leaves.size()).toArray();
            grads = Autodiff.valueAndGrad(flat, all).apply(leaves).grads();
        }
        int[] next = {0};
        List<Object> positional = new ArrayList<>();
        Map<String, Object> named = new LinkedHashMap<>();
        for (int t = 0; t < trees.size(); t++) {
            Object g = Tree.map(a -> grads.get(next[0]++), trees.get(t));
            if (t < nums.length) positional.add(g);
            else named.put(names[t - nums.length], g);
        }
        return new TreeValueAndGrad(output[0], new TreeGrads(positional, named));
    }

    /** The differentiated value of a function's result: the result itself, or the first element of a list. */
    static Array scalar(Object output) {
        Object v = output instanceof List<?> l && !l.isEmpty() ? l.get(0) : output;
        if (!(v instanceof Array a)) {
            throw new IllegalArgumentException("valueAndGrad: the function must return a scalar array, or a list whose first"
                    + " element is one, got " + (output == null ? "null" : output.getClass().getName()));
        }
        if (a.size() != 1) {
            throw new IllegalArgumentException("valueAndGrad: the function must return a scalar (one element), got shape "
                    + java.util.Arrays.toString(a.shape()));
        }
        return a;
    }
}
