package org.mlx4j.optimizers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;
import org.mlx4j.core.TreeLike;
import org.mlx4j.nn.Module;

/**
 * The base of MLX's optimizers ({@code mlx.optimizers.Optimizer}): it applies a per-parameter update to a tree of
 * gradients and keeps its state as a tree in MLX's layout: {@code step} (a UINT64 scalar), the hyper-parameters
 * ({@code learning_rate}, ...) as scalars, and for each parameter path a map of the optimizer's slots (Adam:
 * {@code m}, {@code v}), with the structure of the parameter tree.
 *
 * <p>An optimizer is a {@link TreeLike} whose tree is its state: {@code Mx.eval(model, optimizer)} evaluates both,
 * and a compiled training step takes it in {@code CompileOptions.withInputs/withOutputs}.
 *
 * <pre>{@code
 * Linear model = new Linear(2, 1, true);
 * Optimizer sgd = new SGD(0.1);
 * float before = ((Array) model.parameters().get("bias")).floatValue();
 * sgd.update(model, Tree.map(Mx::onesLike, model.trainableParameters()));
 * Mx.eval(model, sgd);
 * float after = ((Array) model.parameters().get("bias")).floatValue();
 * assert Math.abs(after - (before - 0.1f)) < 1e-6;
 * }</pre>
 */
public abstract class Optimizer implements TreeLike {
    private Map<String, Object> state = new LinkedHashMap<>();
    private final Map<String, Schedule> schedules = new LinkedHashMap<>();
    private boolean initialized;

    /** An optimizer at step 0. */
    protected Optimizer() {
        state.put("step", Mx.array(0, DType.UINT64));
    }

    /**
     * Declares a hyper-parameter with a fixed value, kept in the state as a FLOAT32 scalar.
     *
     * @param name the name in the state ({@code learning_rate})
     * @param value the value
     */
    protected final void hyperParameter(String name, double value) {
        state.put(name, Mx.array(value, DType.FLOAT32));
    }

    /**
     * Declares a scheduled hyper-parameter: its state value is the schedule at the current step, recomputed before
     * every update.
     *
     * @param name the name in the state
     * @param schedule the schedule
     */
    protected final void hyperParameter(String name, Schedule schedule) {
        schedules.put(name, schedule);
        state.put(name, schedule.at(step()));
    }

    /**
     * A hyper-parameter's current value.
     *
     * @param name its name in the state
     * @return the scalar
     * @throws IllegalArgumentException if the optimizer has no such hyper-parameter
     */
    protected final Array hyperParameter(String name) {
        if (state.get(name) instanceof Array a) return a;
        throw new IllegalArgumentException(getClass().getSimpleName() + " has no hyper-parameter '" + name + "'");
    }

    /**
     * The number of updates made so far (a UINT64 scalar).
     *
     * @return the step
     */
    public Array step() { return (Array) state.get("step"); }

    /**
     * The current learning rate.
     *
     * @return the scalar
     */
    public Array learningRate() { return hyperParameter("learning_rate"); }

    /**
     * Sets a fixed learning rate (a schedule set before stops). MLX: {@code optimizer.learning_rate = value}.
     *
     * @param learningRate the new learning rate
     */
    public void setLearningRate(double learningRate) {
        schedules.remove("learning_rate");
        hyperParameter("learning_rate", learningRate);
    }

    /**
     * The state tree in MLX's layout (live: the optimizer updates it in place).
     *
     * @return the state
     */
    public Map<String, Object> state() { return state; }

    /**
     * Replaces the state, e.g. with one saved through {@code Tree.flatten} and read back with
     * {@code Tree.unflatten}; slots missing from it are created at the next update. MLX: {@code optimizer.state = s}.
     *
     * @param newState the state, with at least {@code step}
     * @throws IllegalArgumentException if it has no {@code step} array
     */
    @SuppressWarnings("unchecked")
    public void setState(Map<String, ?> newState) {
        if (!(newState.get("step") instanceof Array)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ".setState: the state has no 'step' array");
        }
        state = (Map<String, Object>) mutableCopy(newState);
        initialized = false;
    }

    private static Object mutableCopy(Object node) {
        return switch (node) {
            case Map<?, ?> m -> {
                Map<String, Object> out = new LinkedHashMap<>();
                m.forEach((k, v) -> out.put(String.valueOf(k), mutableCopy(v)));
                yield out;
            }
            case List<?> l -> {
                List<Object> out = new ArrayList<>();
                for (Object o : l) out.add(mutableCopy(o));
                yield out;
            }
            default -> node;
        };
    }

    /** The optimizer's tree for {@code Mx.eval} and {@code compile}: its state. */
    @Override
    public Object tree() { return state; }

    /**
     * Applies the gradients to the model's parameters and updates the model. MLX: {@code Optimizer.update}.
     *
     * @param model the model
     * @param gradients the gradient tree, shaped like (part of) the model's parameters
     */
    public void update(Module model, Object gradients) {
        model.update(applyGradients(gradients, model.parameters()));
    }

    /**
     * Creates the slots of every parameter in {@code parameters} that has none yet. Optional: the first update does
     * it. MLX: {@code Optimizer.init}.
     *
     * @param parameters the parameter tree
     */
    public void init(Object parameters) {
        initTree("", parameters, state);
        initialized = true;
    }

    @SuppressWarnings("unchecked")
    private void initTree(String path, Object params, Object stateNode) {
        switch (params) {
            case Map<?, ?> m -> {
                Map<String, Object> s = (Map<String, Object>) stateNode;
                m.forEach((k, v) -> {
                    String key = String.valueOf(k);
                    Object child = s.get(key);
                    if (child == null) s.put(key, child = emptyLike(v));
                    initTree(path + "." + key, v, child);
                });
            }
            case List<?> l -> {
                List<Object> s = (List<Object>) stateNode;
                for (int i = 0; i < l.size(); i++) {
                    if (i >= s.size()) s.add(emptyLike(l.get(i)));
                    initTree(path + "." + i, l.get(i), s.get(i));
                }
            }
            case Array a -> {
                Map<String, Array> slots = (Map<String, Array>) stateNode;
                if (slots.isEmpty()) initSingle(a, slots);
            }
            default -> throw new IllegalArgumentException(getClass().getSimpleName() + ": unexpected node at '"
                    + path.substring(Math.min(1, path.length())) + "': " + params.getClass().getName());
        }
    }

    private static Object emptyLike(Object node) {
        return node instanceof List<?> ? new ArrayList<>() : new LinkedHashMap<String, Object>();
    }

    /**
     * The updated parameters for {@code gradients}, a tree with the gradients' structure: the schedules advance,
     * {@code step} is incremented, then each parameter gets {@link #applySingle}. MLX: {@code apply_gradients}.
     *
     * @param gradients the gradient tree
     * @param parameters the parameter tree (a superset of the gradients' paths)
     * @return the new parameters, shaped like the gradients
     * @throws IllegalArgumentException if a gradient has no parameter
     */
    public Object applyGradients(Object gradients, Object parameters) {
        if (!initialized) init(gradients);
        for (Map.Entry<String, Schedule> e : schedules.entrySet()) state.put(e.getKey(), e.getValue().at(step()));
        state.put("step", step().add(1));
        return applyTree("", gradients, parameters, state);
    }

    @SuppressWarnings("unchecked")
    private Object applyTree(String path, Object grads, Object params, Object stateNode) {
        return switch (grads) {
            case Map<?, ?> m -> {
                Map<String, Object> out = new LinkedHashMap<>();
                m.forEach((k, v) -> {
                    String key = String.valueOf(k);
                    out.put(key, applyTree(join(path, key), v, child(path, params, key), ((Map<String, Object>) stateNode).get(key)));
                });
                yield out;
            }
            case List<?> l -> {
                List<Object> out = new ArrayList<>(l.size());
                for (int i = 0; i < l.size(); i++) {
                    out.add(applyTree(join(path, String.valueOf(i)), l.get(i), child(path, params, String.valueOf(i)),
                            ((List<Object>) stateNode).get(i)));
                }
                yield out;
            }
            case Array g -> {
                if (!(params instanceof Array p)) {
                    throw new IllegalArgumentException(getClass().getSimpleName() + ": the gradient '" + path
                            + "' has no parameter array");
                }
                if (!java.util.Arrays.equals(g.shape(), p.shape())) {
                    throw new IllegalArgumentException(getClass().getSimpleName() + ": the gradient '" + path + "' has shape "
                            + java.util.Arrays.toString(g.shape()) + " but the parameter has "
                            + java.util.Arrays.toString(p.shape()));
                }
                yield applySingle(g, p, (Map<String, Array>) stateNode);
            }
            default -> throw new IllegalArgumentException(getClass().getSimpleName() + ": unexpected gradient node at '"
                    + path + "': " + grads.getClass().getName());
        };
    }

    private static String join(String path, String key) { return path.isEmpty() ? key : path + "." + key; }

    private Object child(String path, Object params, String key) {
        Object c = switch (params) {
            case Map<?, ?> m -> m.get(key);
            case List<?> l -> {
                int i = Integer.parseInt(key);
                yield i < l.size() ? l.get(i) : null;
            }
            case null, default -> null;
        };
        if (c == null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": the gradient '" + join(path, key)
                    + "' has no parameter");
        }
        return c;
    }

    /**
     * Creates the slots of one parameter (e.g. zeros for {@code m} and {@code v}).
     *
     * @param parameter the parameter
     * @param slots the empty slot map to fill
     */
    protected abstract void initSingle(Array parameter, Map<String, Array> slots);

    /**
     * The update of one parameter, which also replaces its slots.
     *
     * @param gradient the parameter's gradient
     * @param parameter the parameter
     * @param slots the parameter's slots, to update in place
     * @return the new parameter
     */
    protected abstract Array applySingle(Array gradient, Array parameter, Map<String, Array> slots);

    /**
     * The learning rate in {@code like}'s dtype, as MLX's optimizers cast it.
     *
     * @param like the gradient
     * @return the learning rate
     */
    protected final Array learningRate(Array like) { return learningRate().astype(like.dtype()); }
}
