package org.mlx4j.optimizers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import org.mlx4j.core.Array;
import org.mlx4j.utils.Tree;

/**
 * Several optimizers over disjoint parts of the parameters, as MLX's {@code mlx.optimizers.MultiOptimizer}: each
 * gradient goes to the first optimizer whose filter accepts its dotted path and value, the last optimizer takes the
 * rest. Its state is {@code {"states": [each optimizer's state]}}.
 */
public class MultiOptimizer extends Optimizer {
    private final List<Optimizer> optimizers;
    private final List<BiPredicate<String, Array>> filters;

    /**
     * The combined optimizer.
     *
     * @param optimizers the optimizers, the last one the fallback
     * @param filters one filter per optimizer but the last
     * @throws IllegalArgumentException if there is not exactly one filter fewer than optimizers
     */
    public MultiOptimizer(List<Optimizer> optimizers, List<BiPredicate<String, Array>> filters) {
        if (optimizers.isEmpty() || filters.size() != optimizers.size() - 1) {
            throw new IllegalArgumentException("MultiOptimizer: given " + filters.size() + " filters but "
                    + Math.max(0, optimizers.size() - 1) + " needed");
        }
        this.optimizers = List.copyOf(optimizers);
        this.filters = new ArrayList<>(filters);
        this.filters.add((path, g) -> true);
    }

    private List<Object> split(Object tree) {
        List<Map<String, Array>> parts = new ArrayList<>();
        for (int i = 0; i < optimizers.size(); i++) parts.add(new LinkedHashMap<>());
        Tree.flatten(tree).forEach((k, g) -> {
            for (int i = 0; i < filters.size(); i++) {
                if (filters.get(i).test(k, g)) {
                    parts.get(i).put(k, g);
                    break;
                }
            }
        });
        List<Object> out = new ArrayList<>();
        for (Map<String, Array> p : parts) out.add(p.isEmpty() ? new LinkedHashMap<String, Object>() : Tree.unflatten(p));
        return out;
    }

    @Override
    public void init(Object parameters) {
        List<Object> parts = split(parameters);
        for (int i = 0; i < optimizers.size(); i++) optimizers.get(i).init(parts.get(i));
    }

    @Override
    public Object applyGradients(Object gradients, Object parameters) {
        List<Object> parts = split(gradients);
        Map<String, Object> merged = new LinkedHashMap<>();
        for (int i = 0; i < optimizers.size(); i++) {
            Object updated = optimizers.get(i).applyGradients(parts.get(i), parameters);
            merged.putAll(Tree.flatten(updated));
        }
        return merged.isEmpty() ? new LinkedHashMap<String, Object>() : Tree.unflatten(merged);
    }

    @Override
    public Map<String, Object> state() {
        List<Object> states = new ArrayList<>();
        for (Optimizer o : optimizers) states.add(o.state());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("states", states);
        return out;
    }

    @Override
    public Object tree() { return state(); }

    @Override
    @SuppressWarnings("unchecked")
    public void setState(Map<String, ?> newState) {
        if (!(newState.get("states") instanceof List<?> states) || states.size() != optimizers.size()) {
            throw new IllegalArgumentException("MultiOptimizer.setState: expected {\"states\": [" + optimizers.size()
                    + " states]}");
        }
        for (int i = 0; i < optimizers.size(); i++) optimizers.get(i).setState((Map<String, ?>) states.get(i));
    }

    @Override
    public Array step() { return optimizers.get(0).step(); }

    @Override
    public Array learningRate() { return optimizers.get(0).learningRate(); }

    @Override
    public void setLearningRate(double learningRate) {
        for (Optimizer o : optimizers) o.setLearningRate(learningRate);
    }

    @Override
    protected void initSingle(Array parameter, Map<String, Array> slots) {
        throw new IllegalStateException("MultiOptimizer delegates every parameter to its optimizers");
    }

    @Override
    protected Array applySingle(Array gradient, Array parameter, Map<String, Array> slots) {
        throw new IllegalStateException("MultiOptimizer delegates every parameter to its optimizers");
    }
}
