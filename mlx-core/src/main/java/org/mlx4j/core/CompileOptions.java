package org.mlx4j.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Options of {@link Mx#compile(Fn, CompileOptions)} (MLX's {@code mx.compile(fun, inputs, outputs,
 * shapeless)}). Immutable: every {@code with...} returns a new instance, so options can be shared.
 *
 * <ul>
 *   <li>{@link #shapeless()}: the compiled graph is keyed by input dtypes and ranks only, so calls with
 *       other shapes replay it instead of tracing again. Element-wise regions broadcast at run time;
 *       ops whose output shape cannot follow a new input shape (a reshape to a fixed shape, a slice,
 *       a matrix product whose inner sizes no longer agree) fail with an error naming the op and shapes.
 *       Java code runs only while tracing, so a value it computes from {@link Array#shape()} is a constant
 *       of the trace: {@code x.sum(0).multiply(1.0 / x.shape(0))} keeps dividing by the traced length
 *       for every later shape, and {@code x.reshape(2, x.shape(0) / 2)} keeps the traced target shape
 *       (the replay then fails as above).</li>
 *   <li>{@link #withInputs}: trees (an {@link Array}, or {@code List}s, {@code Map}s, arrays and
 *       {@link TreeLike}s of them) of arrays the function captures and reads. They are read again at
 *       every call (the handle's current value, so {@link Array#set} or replacing a map entry is seen)
 *       instead of being compiled in as constants.</li>
 *   <li>{@link #withOutputs}: trees of captured arrays the function updates (rebinding a handle with
 *       {@link Array#set}, or replacing a list or map entry). After every call their handles are rebound
 *       to the new values. State that the function also reads must be named in {@link #withInputs} too.</li>
 * </ul>
 *
 * <p>Captured arrays not named in {@link #withInputs} are constants of the trace: the value (or, for an
 * array not yet evaluated, the whole graph that computes it) is compiled in, and later changes to the
 * handle are not seen until the function is traced again (for another shape or dtype). The same holds for
 * Java values the function reads (a captured {@code double}, a field): they are read while tracing only,
 * so changing them does not change results until the next trace; pass values that vary as array
 * arguments (a new value never retraces).
 *
 * <p>Arrays the function computes from its arguments are placeholders without values: evaluating one
 * (eval, {@code toString()}, {@code item()}, {@code toXxxArray()}) inside the function fails, and so does
 * evaluating one that escaped the function (stored in an outer collection) unless its holder is named in
 * {@link #withOutputs}.
 */
public final class CompileOptions {
    private static final CompileOptions DEFAULTS = new CompileOptions(false, List.of(), List.of());

    private final boolean shapeless;
    private final List<Object> inputs;
    private final List<Object> outputs;

    private CompileOptions(boolean shapeless, List<Object> inputs, List<Object> outputs) {
        this.shapeless = shapeless;
        this.inputs = inputs;
        this.outputs = outputs;
    }

    /**
     * Shape-specialised compilation with no captured inputs or outputs.
     *
     * @return the default options
     */
    public static CompileOptions defaults() { return DEFAULTS; }

    /**
     * Compilation keyed by dtypes and ranks only (see the class comment).
     *
     * @return shapeless options
     */
    public static CompileOptions shapeless() { return DEFAULTS.withShapeless(true); }

    /**
     * These options with shapeless compilation switched on or off (see the class comment).
     *
     * @param value whether the compilation is shapeless
     * @return the new options
     */
    public CompileOptions withShapeless(boolean value) { return new CompileOptions(value, inputs, outputs); }

    /**
     * Adds trees of captured arrays that are read at every call.
     *
     * @param capturedTrees the trees of captured arrays
     * @return options with the trees added to the inputs
     * @throws IllegalArgumentException if a tree is null
     */
    public CompileOptions withInputs(Object... capturedTrees) {
        return new CompileOptions(shapeless, append("withInputs", inputs, capturedTrees), outputs);
    }

    /**
     * Adds trees of captured arrays the function updates; they are rebound after every call.
     *
     * @param capturedTrees the trees of captured arrays
     * @return options with the trees added to the outputs
     * @throws IllegalArgumentException if a tree is null
     */
    public CompileOptions withOutputs(Object... capturedTrees) {
        return new CompileOptions(shapeless, inputs, append("withOutputs", outputs, capturedTrees));
    }

    /**
     * Whether the compiled graph is keyed by dtypes and ranks only, not by shapes.
     *
     * @return whether the compilation is shapeless
     */
    public boolean isShapeless() { return shapeless; }

    /**
     * The captured input trees, in the order given.
     *
     * @return an unmodifiable list of the trees
     */
    public List<Object> inputs() { return inputs; }

    /**
     * The captured output trees, in the order given.
     *
     * @return an unmodifiable list of the trees
     */
    public List<Object> outputs() { return outputs; }

    private static List<Object> append(String what, List<Object> to, Object[] trees) {
        Objects.requireNonNull(trees, what);
        List<Object> r = new ArrayList<>(to);
        for (int i = 0; i < trees.length; i++) {
            if (trees[i] == null) throw new IllegalArgumentException("compile: " + what + " tree " + i + " is null");
            r.add(trees[i]);
        }
        return Collections.unmodifiableList(r);
    }

    /**
     * A summary for logs: the shapeless flag and the number of captured trees.
     *
     * @return the summary
     */
    @Override
    public String toString() {
        return "CompileOptions[shapeless=" + shapeless + ", inputs=" + inputs.size() + " trees, outputs="
                + outputs.size() + " trees]";
    }
}
