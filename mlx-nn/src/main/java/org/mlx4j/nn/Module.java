package org.mlx4j.nn;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;
import org.mlx4j.core.TreeLike;
import org.mlx4j.utils.Tree;

/**
 * The base of every layer and model: an ordered tree of named members, each an {@link Array} (a parameter), a child
 * {@code Module}, or a {@code List}/{@code Map} of those, as MLX's {@code mlx.nn.Module} (a dict of its members).
 *
 * <p>Members are declared in the constructor with {@link #register(String, Array)} and its overloads, in the order
 * MLX declares them, so that {@link #parameters()} has MLX's structure and {@code Tree.flatten} gives MLX's dotted
 * names ({@code layers.0.weight}): weights move between MLX and mlx4j unchanged. Members whose name starts with
 * {@code _} are not parameters. {@link #update} replaces arrays in place in the tree, so layers read their
 * parameters through {@link #array(String)} and their children through {@link #layer(String)} or
 * {@link #child(String, Class)} at call time, never from a field of their own (a quantized model replaces children).
 *
 * <p>A module is a {@link TreeLike} whose tree is its parameters: {@code Mx.eval(model)} evaluates them.
 *
 * <pre>{@code
 * Module model = new Sequential(new Linear(4, 8, true), new ReLU(), new Linear(8, 2, true));
 * Map<String, Array> flat = Tree.flatten(model.parameters());
 * // layers.0.weight [8, 4], layers.0.bias [8], layers.2.weight [2, 8], layers.2.bias [2]
 * assert flat.keySet().equals(Set.of("layers.0.weight", "layers.0.bias", "layers.2.weight", "layers.2.bias"));
 * }</pre>
 */
public abstract class Module implements TreeLike {
    private final LinkedHashMap<String, Object> members = new LinkedHashMap<>();
    /** Local keys ({@code weight}, {@code experts.0}) excluded from the trainable parameters. */
    private final Set<String> frozen = new LinkedHashSet<>();
    private boolean training = true;

    /** A module with no members yet; subclasses register theirs in their constructor. */
    protected Module() {}

    // ---- declaring members -------------------------------------------------------------------------------

    /**
     * Declares (or replaces) the array member {@code name}.
     *
     * @param name the member's name (MLX's attribute name)
     * @param value the array
     * @return {@code value}
     */
    protected final Array register(String name, Array value) {
        members.put(checkName(name), java.util.Objects.requireNonNull(value, name));
        return value;
    }

    /**
     * Declares the child module {@code name}.
     *
     * @param name the member's name
     * @param module the child
     * @param <M> the child's type
     * @return {@code module}
     */
    protected final <M extends Module> M register(String name, M module) {
        members.put(checkName(name), java.util.Objects.requireNonNull(module, name));
        return module;
    }

    /**
     * Declares a list member {@code name} of modules or arrays (MLX's {@code self.layers = [...]}).
     *
     * @param name the member's name
     * @param items the modules or arrays
     * @param <T> the element type
     * @return an unmodifiable copy of {@code items}, which is what the module holds
     */
    protected final <T> List<T> register(String name, List<T> items) {
        for (T item : items) {
            if (!(item instanceof Module || item instanceof Array || item instanceof List || item instanceof Map)) {
                throw new IllegalArgumentException(getClass().getSimpleName() + ": member " + name
                        + " must hold modules or arrays, got " + (item == null ? "null" : item.getClass().getName()));
            }
        }
        List<T> copy = List.copyOf(items);
        members.put(checkName(name), copy);
        return copy;
    }

    private static String checkName(String name) {
        if (name == null || name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException("module member names are non-empty and have no '.', got '" + name + "'");
        }
        return name;
    }

    /**
     * The current value of the array member {@code name}.
     *
     * @param name the member's name
     * @return the array
     * @throws IllegalArgumentException if there is no array member of that name
     */
    protected final Array array(String name) {
        if (members.get(name) instanceof Array a) return a;
        throw new IllegalArgumentException(getClass().getSimpleName() + " has no array member '" + name + "'");
    }

    /**
     * The current child module {@code name} as a single-input layer. Layers look their children up at call time,
     * so a child replaced by {@link Nn#quantize} (or {@link #replaceChild}) is the one that runs.
     *
     * @param name the member's name
     * @return the child
     * @throws IllegalArgumentException if there is no such child or it does not take a single input
     */
    protected final UnaryLayer layer(String name) {
        if (members.get(name) instanceof UnaryLayer l) return l;
        throw new IllegalArgumentException(getClass().getSimpleName() + " has no single-input layer '" + name + "'");
    }

    /**
     * The current child module {@code name}.
     *
     * @param name the member's name
     * @param type the child's expected class
     * @param <M> the child's type
     * @return the child
     * @throws IllegalArgumentException if there is no child of that name and class
     */
    protected final <M extends Module> M child(String name, Class<M> type) {
        if (type.isInstance(members.get(name))) return type.cast(members.get(name));
        throw new IllegalArgumentException(getClass().getSimpleName() + " has no " + type.getSimpleName() + " '" + name + "'");
    }

    /**
     * The current list member {@code name}.
     *
     * @param name the member's name
     * @return the list
     * @throws IllegalArgumentException if there is no list member of that name
     */
    protected final List<?> list(String name) {
        if (members.get(name) instanceof List<?> l) return l;
        throw new IllegalArgumentException(getClass().getSimpleName() + " has no list member '" + name + "'");
    }

    /**
     * Replaces the child module at {@code path} (a member name, or {@code name.index} inside a list member) by
     * {@code replacement}. MLX: {@code Module.update_modules} for one module.
     *
     * @param path the child's local path
     * @param replacement the new child
     * @throws IllegalArgumentException if there is no module at {@code path}
     */
    public void replaceChild(String path, Module replacement) {
        int dot = path.indexOf('.');
        String name = dot < 0 ? path : path.substring(0, dot);
        Object current = members.get(name);
        if (dot < 0 && current instanceof Module) {
            members.put(name, replacement);
            return;
        }
        if (dot >= 0 && current instanceof List<?> l) {
            int i = indexOf(path.substring(dot + 1), l.size());
            if (i >= 0 && l.get(i) instanceof Module) {
                List<Object> copy = new ArrayList<>(l);
                copy.set(i, replacement);
                members.put(name, Collections.unmodifiableList(copy));
                return;
            }
        }
        throw new IllegalArgumentException(getClass().getSimpleName() + ".replaceChild: no module at '" + path + "'");
    }

    /**
     * Whether this module has a member {@code name} (MLX's {@code "bias" in module}).
     *
     * @param name the member's name
     * @return true when the member exists
     */
    public final boolean has(String name) { return members.containsKey(name); }

    // ---- trees ------------------------------------------------------------------------------------------

    /**
     * Every parameter, trainable or frozen, as nested maps and lists of arrays (child modules become maps, possibly
     * empty). MLX: {@code Module.parameters()}.
     *
     * @return the parameter tree, in declaration order
     */
    public Map<String, Object> parameters() { return filtered(false); }

    /**
     * The parameters that are not frozen, with the structure of {@link #parameters()} (a frozen array inside a list
     * leaves an empty map in its place). MLX: {@code Module.trainable_parameters()}.
     *
     * @return the trainable parameter tree
     */
    public Map<String, Object> trainableParameters() { return filtered(true); }

    /** The module's tree for {@code Mx.eval} and friends: its parameters. */
    @Override
    public Object tree() { return parameters(); }

    private Map<String, Object> filtered(boolean trainableOnly) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : members.entrySet()) {
            String key = e.getKey();
            if (key.startsWith("_") || trainableOnly && frozen.contains(key)) continue;
            out.put(key, filteredValue(key, e.getValue(), trainableOnly));
        }
        return out;
    }

    private Object filteredValue(String key, Object value, boolean trainableOnly) {
        return switch (value) {
            case Array a -> a;
            case Module m -> m.filtered(trainableOnly);
            case List<?> list -> {
                List<Object> out = new ArrayList<>(list.size());
                for (int i = 0; i < list.size(); i++) {
                    String k = key + "." + i;
                    out.add(trainableOnly && frozen.contains(k) ? new LinkedHashMap<>() : filteredValue(k, list.get(i), trainableOnly));
                }
                yield out;
            }
            case Map<?, ?> map -> {
                Map<String, Object> out = new LinkedHashMap<>();
                map.forEach((k, v) -> {
                    String path = key + "." + k;
                    out.put(String.valueOf(k), trainableOnly && frozen.contains(path)
                            ? new LinkedHashMap<>() : filteredValue(path, v, trainableOnly));
                });
                yield out;
            }
            default -> throw new IllegalStateException("unexpected member " + key + ": " + value.getClass().getName());
        };
    }

    /**
     * The direct child modules, as a tree whose leaves are modules (lists and maps of modules keep their shape).
     * MLX: {@code Module.children()}.
     *
     * @return the children by member name
     */
    public Map<String, Object> children() {
        Map<String, Object> out = new LinkedHashMap<>();
        members.forEach((k, v) -> {
            if (k.startsWith("_")) return;
            Object c = childrenOf(v, m -> m);
            if (c != null) out.put(k, c);
        });
        return out;
    }

    /**
     * The modules that have no child modules, as a tree over the module hierarchy whose leaves are those modules.
     * MLX: {@code Module.leaf_modules()}.
     *
     * @return the leaf modules by path
     */
    public Map<String, Object> leafModules() {
        Map<String, Object> out = new LinkedHashMap<>();
        members.forEach((k, v) -> {
            if (k.startsWith("_")) return;
            Object c = childrenOf(v, m -> m.children().isEmpty() ? m : m.leafModules());
            if (c != null) out.put(k, c);
        });
        return out;
    }

    private static Object childrenOf(Object value, Function<Module, Object> leaf) {
        return switch (value) {
            case Module m -> leaf.apply(m);
            case List<?> list -> {
                List<Object> out = new ArrayList<>();
                for (Object o : list) {
                    Object c = childrenOf(o, leaf);
                    if (c != null) out.add(c);
                }
                yield out.isEmpty() ? null : out;
            }
            case Map<?, ?> map -> {
                Map<String, Object> out = new LinkedHashMap<>();
                map.forEach((k, v) -> {
                    Object c = childrenOf(v, leaf);
                    if (c != null) out.put(String.valueOf(k), c);
                });
                yield out.isEmpty() ? null : out;
            }
            default -> null;
        };
    }

    /**
     * This module and every module below it with its dotted path ({@code ""} for this one), parents before their
     * children, in declaration order. MLX: {@code Module.named_modules()}.
     *
     * @return the modules by path
     */
    public LinkedHashMap<String, Module> namedModules() {
        LinkedHashMap<String, Module> out = new LinkedHashMap<>();
        collectModules("", this, out);
        return out;
    }

    /**
     * This module and every module below it, parents first. MLX: {@code Module.modules()}.
     *
     * @return the modules
     */
    public List<Module> modules() { return List.copyOf(namedModules().values()); }

    private static void collectModules(String path, Object value, Map<String, Module> out) {
        switch (value) {
            case Module m -> {
                out.put(path, m);
                m.members.forEach((k, v) -> {
                    if (!k.startsWith("_")) collectModules(path.isEmpty() ? k : path + "." + k, v, out);
                });
            }
            case List<?> list -> {
                for (int i = 0; i < list.size(); i++) collectModules(path + "." + i, list.get(i), out);
            }
            case Map<?, ?> map -> map.forEach((k, v) -> collectModules(path + "." + k, v, out));
            default -> { }
        }
    }

    /**
     * Calls {@code fn(path, module)} on this module and every module below it, parents first.
     * MLX: {@code Module.apply_to_modules}.
     *
     * @param fn what to do with each module
     * @return this module
     */
    public Module applyToModules(BiConsumer<String, Module> fn) {
        namedModules().forEach(fn);
        return this;
    }

    // ---- updating ---------------------------------------------------------------------------------------

    /**
     * Replaces parameters with those of {@code parameters}, a tree shaped like (part of) {@link #parameters()}; a
     * partial tree leaves the other parameters as they are. Numeric keys of a map address list members, as
     * {@code Tree.unflatten} gives them for a partial list. Every key must exist. MLX: {@code Module.update}.
     *
     * @param parameters the new values
     * @return this module
     * @throws IllegalArgumentException if a key is not a member, or an array would replace a non-array
     */
    public Module update(Object parameters) { return update(parameters, true); }

    /**
     * As {@link #update(Object)}; with {@code strict} false, keys that are not members are ignored.
     *
     * @param parameters the new values
     * @param strict whether unknown keys and mismatched kinds are errors
     * @return this module
     * @throws IllegalArgumentException under {@code strict}, for an unknown key or a mismatched kind
     */
    public Module update(Object parameters, boolean strict) {
        if (!(parameters instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ".update: expected a map of parameters, got "
                    + (parameters == null ? "null" : parameters.getClass().getName()));
        }
        map.forEach((k, v) -> {
            String key = String.valueOf(k);
            if (!members.containsKey(key)) {
                if (strict) throw new IllegalArgumentException(getClass().getSimpleName()
                        + ".update: the module has no parameter named '" + key + "'");
                return;
            }
            Object updated = merged(key, members.get(key), v, strict);
            members.put(key, updated);
        });
        return this;
    }

    private Object merged(String path, Object current, Object incoming, boolean strict) {
        switch (current) {
            case Array a -> {
                if (incoming instanceof Array n) return n;
                if (strict) throw new IllegalArgumentException(getClass().getSimpleName() + ".update: parameter '" + path
                        + "' is an array, got " + (incoming == null ? "null" : incoming.getClass().getName()));
                return a;
            }
            case Module m -> {
                if (incoming instanceof Map<?, ?>) m.update(incoming, strict);
                else if (strict) throw new IllegalArgumentException(getClass().getSimpleName() + ".update: '" + path
                        + "' is a module and takes a map, got " + kind(incoming));
                return m;
            }
            case List<?> list -> {
                List<Object> out = new ArrayList<>(list);
                if (incoming instanceof List<?> l) {
                    if (strict && l.size() > list.size()) throw new IllegalArgumentException(getClass().getSimpleName()
                            + ".update: '" + path + "' has " + list.size() + " elements, got " + l.size());
                    for (int i = 0; i < Math.min(l.size(), list.size()); i++) {
                        out.set(i, merged(path + "." + i, list.get(i), l.get(i), strict));
                    }
                } else if (incoming instanceof Map<?, ?> m) {
                    m.forEach((k, v) -> {
                        int i = indexOf(String.valueOf(k), list.size());
                        if (i < 0) {
                            if (strict) throw new IllegalArgumentException(getClass().getSimpleName() + ".update: '" + path
                                    + "' has no element '" + k + "'");
                            return;
                        }
                        out.set(i, merged(path + "." + i, list.get(i), v, strict));
                    });
                } else if (strict) {
                    throw new IllegalArgumentException(getClass().getSimpleName() + ".update: '" + path
                            + "' is a list, got " + kind(incoming));
                }
                return Collections.unmodifiableList(out);
            }
            case Map<?, ?> map -> {
                Map<String, Object> out = new LinkedHashMap<>();
                map.forEach((k, v) -> out.put(String.valueOf(k), v));
                if (incoming instanceof Map<?, ?> m) {
                    m.forEach((k, v) -> {
                        String key = String.valueOf(k);
                        if (!out.containsKey(key)) {
                            if (strict) throw new IllegalArgumentException(getClass().getSimpleName() + ".update: '" + path
                                    + "' has no key '" + key + "'");
                            return;
                        }
                        out.put(key, merged(path + "." + key, out.get(key), v, strict));
                    });
                } else if (strict) {
                    throw new IllegalArgumentException(getClass().getSimpleName() + ".update: '" + path
                            + "' is a map, got " + kind(incoming));
                }
                return out;
            }
            default -> throw new IllegalStateException("unexpected member " + path);
        }
    }

    private static String kind(Object o) { return o == null ? "null" : o.getClass().getSimpleName(); }

    private static int indexOf(String key, int size) {
        try {
            int i = Integer.parseInt(key);
            return i >= 0 && i < size ? i : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Replaces every parameter {@code p} with {@code fn(p)}. MLX: {@code Module.apply(map_fn)}.
     *
     * @param fn the function applied to each parameter
     * @return this module
     */
    public Module apply(Function<Array, Array> fn) {
        return update(Tree.map(fn, parameters()));
    }

    /**
     * Casts the floating-point parameters to {@code dtype}, leaving integer and boolean ones as they are.
     * MLX: {@code Module.set_dtype}.
     *
     * @param dtype the new floating-point type
     * @return this module
     */
    public Module setDtype(DType dtype) { return setDtype(dtype, DType::isFloating); }

    /**
     * Casts the parameters whose dtype passes {@code predicate} to {@code dtype}.
     *
     * @param dtype the new type
     * @param predicate which parameter dtypes to cast
     * @return this module
     */
    public Module setDtype(DType dtype, Predicate<DType> predicate) {
        return apply(a -> predicate.test(a.dtype()) ? a.astype(dtype) : a);
    }

    // ---- freezing and mode ------------------------------------------------------------------------------

    /**
     * Freezes every parameter of this module and of the modules below it: they leave
     * {@link #trainableParameters()}, so gradients and optimizers skip them. MLX: {@code Module.freeze()}.
     *
     * @return this module
     */
    public Module freeze() { return freeze(true); }

    /**
     * Freezes the named local parameters ({@code "weight"}, {@code "bias"}; all when none are named), in this module
     * and, with {@code recurse}, in every module below it. MLX: {@code Module.freeze(recurse, keys)}.
     *
     * @param recurse whether the modules below are frozen too
     * @param keys the local parameter names; none means all of them
     * @return this module
     */
    public Module freeze(boolean recurse, String... keys) {
        for (Module m : recurse ? modules() : List.of(this)) m.frozen.addAll(keys.length == 0 ? m.localKeys() : List.of(keys));
        return this;
    }

    /**
     * Unfreezes every parameter of this module and of the modules below it. MLX: {@code Module.unfreeze()}.
     *
     * @return this module
     */
    public Module unfreeze() { return unfreeze(true); }

    /**
     * Unfreezes the named local parameters (all when none are named), here and, with {@code recurse}, below.
     *
     * @param recurse whether the modules below are unfrozen too
     * @param keys the local parameter names; none means all of them
     * @return this module
     */
    public Module unfreeze(boolean recurse, String... keys) {
        for (Module m : recurse ? modules() : List.of(this)) {
            if (keys.length == 0) m.frozen.clear();
            else List.of(keys).forEach(m.frozen::remove);
            m.frozen.addAll(m.alwaysFrozen());
        }
        return this;
    }

    /**
     * Local parameters that stay frozen through {@link #unfreeze} (a batch norm's running statistics); none by
     * default.
     *
     * @return the local keys that are never trainable
     */
    protected List<String> alwaysFrozen() { return List.of(); }

    /** The dotted local keys of this module's own arrays (not those of child modules). */
    private List<String> localKeys() {
        List<String> keys = new ArrayList<>();
        members.forEach((k, v) -> {
            if (!k.startsWith("_")) localKeys(k, v, keys);
        });
        return keys;
    }

    private static void localKeys(String path, Object value, List<String> keys) {
        switch (value) {
            case Array a -> keys.add(path);
            case List<?> list -> {
                for (int i = 0; i < list.size(); i++) localKeys(path + "." + i, list.get(i), keys);
            }
            case Map<?, ?> map -> map.forEach((k, v) -> localKeys(path + "." + k, v, keys));
            default -> { }
        }
    }

    /**
     * Sets training mode ({@code true}) or evaluation mode on this module and every module below it; dropout and
     * batch normalisation behave differently in each. MLX: {@code Module.train(mode)}.
     *
     * @param mode true for training
     * @return this module
     */
    public Module train(boolean mode) {
        for (Module m : modules()) m.training = mode;
        return this;
    }

    /**
     * Evaluation mode: {@code train(false)}. MLX: {@code Module.eval()}.
     *
     * @return this module
     */
    public Module eval() { return train(false); }

    /**
     * Whether the module is in training mode (the default).
     *
     * @return true in training mode
     */
    public boolean training() { return training; }

    // ---- weights files ----------------------------------------------------------------------------------

    /**
     * Loads parameters from a {@code .safetensors} or {@code .npz} file written by {@link #saveWeights} or by MLX's
     * {@code save_weights}. With {@code strict}, the file must hold exactly the model's parameters, each with the
     * model's shape and a dtype of the same kind (floating or not); without it, the keys the file has are loaded and
     * the others left as they are. MLX: {@code Module.load_weights}.
     *
     * @param file the weights file
     * @param strict whether missing, extra or mismatched parameters are errors
     * @return this module
     * @throws java.io.UncheckedIOException if the file cannot be read
     * @throws IllegalArgumentException naming the key, for a missing, extra or mismatched parameter under
     *     {@code strict}
     */
    public Module loadWeights(Path file, boolean strict) {
        return loadWeights(Mx.loadArrays(file), strict);
    }

    /**
     * As {@link #loadWeights(Path, boolean)}, from weights already in memory, by dotted name.
     *
     * @param weights the parameters by dotted name
     * @param strict whether missing, extra or mismatched parameters are errors
     * @return this module
     * @throws IllegalArgumentException naming the key, for a missing, extra or mismatched parameter under
     *     {@code strict}
     */
    public Module loadWeights(Map<String, Array> weights, boolean strict) {
        if (strict) checkWeights(weights);
        if (!weights.isEmpty()) update(Tree.unflatten(weights), false);
        return this;
    }

    private void checkWeights(Map<String, Array> weights) {
        Map<String, Array> current = Tree.flatten(parameters());
        Set<String> extra = new TreeSet<>(weights.keySet());
        extra.removeAll(current.keySet());
        if (!extra.isEmpty()) {
            throw new IllegalArgumentException("loadWeights: received " + extra.size() + " parameter(s) not in the model: "
                    + String.join(", ", extra));
        }
        Set<String> missing = new TreeSet<>(current.keySet());
        missing.removeAll(weights.keySet());
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("loadWeights: missing " + missing.size() + " parameter(s): "
                    + String.join(", ", missing));
        }
        current.forEach((k, v) -> {
            Array w = weights.get(k);
            if (!java.util.Arrays.equals(v.shape(), w.shape())) {
                throw new IllegalArgumentException("loadWeights: parameter " + k + " has shape "
                        + java.util.Arrays.toString(v.shape()) + " in the model but " + java.util.Arrays.toString(w.shape())
                        + " in the weights");
            }
            if (v.dtype().isFloating() != w.dtype().isFloating()) {
                throw new IllegalArgumentException("loadWeights: parameter " + k + " is " + v.dtype()
                        + " in the model but " + w.dtype() + " in the weights");
            }
        });
    }

    /**
     * Saves every parameter by its dotted name, as {@code .safetensors} or {@code .npz} after the file's extension.
     * MLX: {@code Module.save_weights}.
     *
     * @param file the file to write ({@code .safetensors} or {@code .npz})
     * @throws java.io.UncheckedIOException if the file cannot be written
     * @throws IllegalArgumentException for another extension
     */
    public void saveWeights(Path file) {
        Map<String, Array> flat = Tree.flatten(parameters());
        String name = file.getFileName().toString();
        if (name.endsWith(".safetensors")) Mx.saveSafetensors(file, flat);
        else if (name.endsWith(".npz")) Mx.savez(file, flat);
        else throw new IllegalArgumentException("saveWeights: " + file + ": use a .safetensors or .npz file");
    }

    // ---- printing ---------------------------------------------------------------------------------------

    /**
     * The module's description line: its class name and, from {@link #describe()}, its settings
     * ({@code Linear(input_dims=4, output_dims=8, bias=true)}), followed by its children indented.
     *
     * @return the description
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(getClass().getSimpleName()).append('(').append(describe());
        Map<String, Module> direct = new LinkedHashMap<>();
        members.forEach((k, v) -> {
            if (k.startsWith("_")) return;
            Map<String, Module> below = new LinkedHashMap<>();
            collectModules(k, v, below);
            below.forEach((path, m) -> {
                if (path.equals(k) || path.startsWith(k + ".") && path.indexOf('.', k.length() + 1) < 0) direct.put(path, m);
            });
        });
        if (!direct.isEmpty()) {
            sb.append('\n');
            direct.forEach((path, m) -> sb.append("  (").append(path).append("): ")
                    .append(m.toString().replace("\n", "\n  ")).append('\n'));
        }
        return sb.append(')').toString();
    }

    /**
     * The module's settings for {@link #toString()}, e.g. {@code input_dims=4, output_dims=8, bias=true}; empty by
     * default.
     *
     * @return the settings
     */
    protected String describe() { return ""; }
}
