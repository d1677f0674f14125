package org.mlx4j.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.mlx4j.core.Array;
import org.mlx4j.core.Fn;
import org.mlx4j.core.Mx;
import org.mlx4j.core.ValueAndGrad;
import org.mlx4j.utils.Tree;

/** Transformations of modules, as MLX's {@code mlx.nn} functions. */
public final class Nn {
    private Nn() {}

    /**
     * A function giving the loss and its gradient with respect to the model's trainable parameters.
     * {@code lossFn} is called with the arguments the returned function gets and reads the model's parameters as
     * they are during the call; the gradient is taken of its first output. The model's parameters are the same
     * arrays after the call as before. MLX: {@code mlx.nn.value_and_grad(model, fn)}.
     *
     * <pre>{@code
     * Linear model = new Linear(3, 1, true);
     * var lossAndGrad = Nn.valueAndGrad(model,
     *         args -> List.of(Losses.mseLoss(model.forward(args.get(0)), args.get(1), "mean")));
     * ValueAndGradTree out = lossAndGrad.apply(List.of(Mx.ones(new int[] {4, 3}, DType.FLOAT32),
     *         Mx.zeros(new int[] {4, 1}, DType.FLOAT32)));
     * assert out.grads().keySet().equals(Set.of("weight", "bias"));
     * }</pre>
     *
     * @param model the model whose trainable parameters are differentiated
     * @param lossFn the loss, as a function of the arguments
     * @return the value-and-gradient function
     */
    public static Function<List<Array>, ValueAndGradTree> valueAndGrad(Module model, Fn lossFn) {
        return args -> {
            Map<String, Array> trainable = Tree.flatten(model.trainableParameters());
            List<String> keys = new ArrayList<>(trainable.keySet());
            int n = keys.size();
            Map<String, Object> original = model.parameters();
            Fn withParameters = all -> {
                Map<String, Array> flat = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) flat.put(keys.get(i), all.get(i));
                if (n > 0) model.update(Tree.unflatten(flat));
                return lossFn.apply(all.subList(n, all.size()));
            };
            List<Array> inputs = new ArrayList<>(trainable.values());
            inputs.addAll(args);
            int[] argnums = new int[n];
            for (int i = 0; i < n; i++) argnums[i] = i;
            try {
                if (n == 0) return new ValueAndGradTree(lossFn.apply(args), new LinkedHashMap<>());
                ValueAndGrad out = Mx.valueAndGrad(withParameters, argnums).apply(inputs);
                Map<String, Array> grads = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) grads.put(keys.get(i), out.grads().get(i));
                return new ValueAndGradTree(out.values(), shapedLike(model.trainableParameters(), grads));
            } finally {
                model.update(original);
            }
        };
    }

    /**
     * Replaces every {@link Linear} and {@link Embedding} in {@code model} (that {@code predicate} accepts, by dotted
     * path and module) whose input size is a multiple of {@code groupSize} with its quantized form
     * ({@link QuantizedLinear}, {@link QuantizedEmbedding}), in place. MLX: {@code mlx.nn.quantize}.
     *
     * @param model the model
     * @param groupSize the quantization group size
     * @param bits the bits per weight
     * @param predicate which modules to quantize, or null for all that can be
     * @return the model
     */
    public static Module quantize(Module model, int groupSize, int bits, java.util.function.BiPredicate<String, Module> predicate) {
        Map<String, Module> modules = model.namedModules();
        modules.forEach((path, m) -> {
            if (path.isEmpty() || predicate != null && !predicate.test(path, m)) return;
            Module quantized = switch (m) {
                case Linear l when l.array("weight").shape(1) % groupSize == 0 -> QuantizedLinear.from(l, groupSize, bits);
                case Embedding e when e.array("weight").shape(1) % groupSize == 0 -> QuantizedEmbedding.from(e, groupSize, bits);
                default -> null;
            };
            if (quantized == null) return;
            // the parent is the longest proper prefix of the path that names a module; the rest is its local path
            String parentPath = path;
            Module parent = null;
            while (parent == null) {
                int dot = parentPath.lastIndexOf('.');
                parentPath = dot < 0 ? "" : parentPath.substring(0, dot);
                parent = modules.get(parentPath);
            }
            parent.replaceChild(parentPath.isEmpty() ? path : path.substring(parentPath.length() + 1), quantized);
        });
        return model;
    }

    /** The gradients by dotted key rebuilt into the structure of {@code template} (empty maps kept). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> shapedLike(Map<String, Object> template, Map<String, Array> flat) {
        return (Map<String, Object>) shape("", template, flat);
    }

    private static Object shape(String path, Object node, Map<String, Array> flat) {
        return switch (node) {
            case Array a -> flat.get(path);
            case Map<?, ?> m -> {
                Map<String, Object> out = new LinkedHashMap<>();
                m.forEach((k, v) -> out.put(String.valueOf(k), shape(path.isEmpty() ? String.valueOf(k) : path + "." + k, v, flat)));
                yield out;
            }
            case List<?> l -> {
                List<Object> out = new ArrayList<>(l.size());
                for (int i = 0; i < l.size(); i++) out.add(shape(path + "." + i, l.get(i), flat));
                yield out;
            }
            default -> throw new IllegalStateException("unexpected parameter node at " + path);
        };
    }
}
