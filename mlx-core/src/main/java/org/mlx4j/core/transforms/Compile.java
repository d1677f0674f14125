package org.mlx4j.core.transforms;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.mlx4j.core.Array;
import org.mlx4j.core.CompileOptions;
import org.mlx4j.core.DType;
import org.mlx4j.core.Fn;
import org.mlx4j.core.graph.Handles;
import org.mlx4j.core.graph.Node;
import org.mlx4j.core.primitives.Placeholder;
import org.mlx4j.utils.Tree;

/**
 * {@code compile} as MLX does it: trace, simplify, fuse, cache, replay.
 *
 * <p>The first call with given input dtypes and shapes (dtypes and ranks under {@code shapeless}) runs
 * the function on placeholders of those shapes and dtypes ({@link CompileTrace}: dead nodes dropped,
 * equal subexpressions and scalar constants merged), fuses its element-wise regions into
 * {@code Compiled} steps ({@link CompileFuse}) and caches the resulting {@link CompileTape}. Every call,
 * that first one included, replays the tape on the real inputs: nodes are built directly, the function
 * is not called again. Different values never retrace; a different shape, dtype or number of arguments
 * does.
 *
 * <p>Captured arrays named by {@link CompileOptions#withInputs} become extra inputs: their handles are
 * pointed at placeholders while the function is traced (and restored afterwards) and read again at each
 * call. Those named by {@link CompileOptions#withOutputs} are extra outputs: whatever the function left
 * in them is traced, and their handles are rebound to the replayed values after every call. Any other
 * captured array is a constant of the trace (its value, or the unevaluated graph behind it, is compiled in).
 */
public final class Compile {
    private Compile() {}

    /** Off: compiled functions run the function itself, untraced (MLX's {@code disable_compile}, or MLX_DISABLE_COMPILE set). */
    private static volatile boolean enabled = System.getenv("MLX_DISABLE_COMPILE") == null;

    public static void setEnabled(boolean on) { enabled = on; }

    public static boolean isEnabled() { return enabled; }

    public static Fn compile(Fn f, CompileOptions options) {
        Objects.requireNonNull(f, "compile: function");
        Objects.requireNonNull(options, "compile: options");
        return new CompiledFn(f, options);
    }

    /** The compiled function: a cache of tapes keyed by the inputs' dtypes and shapes (or ranks). */
    private static final class CompiledFn implements Fn {
        private final Fn f;
        private final CompileOptions options;
        private final Map<Key, Traced> cache = new ConcurrentHashMap<>();
        private final boolean captures;

        CompiledFn(Fn f, CompileOptions options) {
            this.f = f;
            this.options = options;
            this.captures = !options.inputs().isEmpty() || !options.outputs().isEmpty();
        }

        @Override
        public List<Array> apply(List<Array> args) {
            if (args == null) throw new IllegalArgumentException("compile: the argument list is null");
            for (int i = 0; i < args.size(); i++) {
                if (args.get(i) == null) throw new IllegalArgumentException("compile: argument " + i + " is null");
            }
            if (!enabled) return f.apply(args);
            if (!captures) return call(args);
            synchronized (this) { // captured handles are repointed while tracing and rebound after each call
                return call(args);
            }
        }

        private List<Array> call(List<Array> args) {
            List<Array> captured = Tree.arrays(options.inputs().toArray());
            List<Array> inputs = new ArrayList<>(args);
            inputs.addAll(captured);
            Key key = Key.of(args.size(), inputs, options.isShapeless());
            Traced traced = cache.get(key);
            if (traced == null) {
                synchronized (this) {
                    traced = cache.get(key);
                    if (traced == null) {
                        traced = trace(args, captured);
                        cache.put(key, traced);
                    }
                }
            }
            Node[] real = new Node[inputs.size()];
            for (int i = 0; i < real.length; i++) real[i] = Handles.node(inputs.get(i));
            Node[] outs = traced.tape.replay(real, options.isShapeless());
            List<Array> targets = Tree.arrays(options.outputs().toArray());
            int numOut = traced.numOutputs;
            if (targets.size() != outs.length - numOut) {
                throw new IllegalArgumentException("compile: the withOutputs trees hold " + targets.size()
                        + " arrays now, but held " + (outs.length - numOut) + " when the function was traced");
            }
            List<Array> result = new ArrayList<>(numOut);
            for (int i = 0; i < numOut; i++) result.add(Handles.wrapResult(outs[i]));
            for (int i = 0; i < targets.size(); i++) Handles.rebind(targets.get(i), outs[numOut + i]);
            return result;
        }

        /** Runs the function on placeholders and builds the simplified, fused tape. */
        private Traced trace(List<Array> args, List<Array> captured) {
            String message = "compile: a value computed from a compiled function's traced inputs was evaluated. Either the"
                    + " function evaluated it while being traced (a compiled function must only build graphs: no eval,"
                    + " toString(), item() or toXxxArray() of values computed from its inputs), or it escaped the trace"
                    + " (stored outside the function): return it, or name the captured array or tree that holds it in"
                    + " CompileOptions.withOutputs";
            List<Array> placeholders = new ArrayList<>(args.size() + captured.size());
            for (Array a : args) placeholders.add(Handles.make(new Placeholder(message), a.shape(), a.dtype()));
            List<Array> capturedOutBefore = Tree.arrays(options.outputs().toArray());
            Map<Array, Node> saved = new IdentityHashMap<>();
            for (Array h : captured) saved.put(h, Handles.node(h));
            for (Array h : capturedOutBefore) saved.putIfAbsent(h, Handles.node(h));
            try {
                for (Array h : captured) {
                    Array p = Handles.make(new Placeholder(message), h.shape(), h.dtype());
                    placeholders.add(p);
                    Handles.rebind(h, Handles.node(p));
                }
                List<Array> outs;
                try {
                    outs = f.apply(List.copyOf(placeholders.subList(0, args.size())));
                } catch (IndexOutOfBoundsException e) {
                    throw new IllegalArgumentException("compile: the function read an argument it was not given (called with "
                            + args.size() + " argument" + (args.size() == 1 ? "" : "s") + "): " + e.getMessage(), e);
                }
                if (outs == null || outs.isEmpty()) throw new IllegalArgumentException("compile: the function returned no outputs");
                List<Array> capturedOut = Tree.arrays(options.outputs().toArray());
                if (capturedOut.size() != capturedOutBefore.size()) {
                    throw new IllegalArgumentException("compile: the function changed the number of arrays in its withOutputs"
                            + " trees from " + capturedOutBefore.size() + " to " + capturedOut.size());
                }
                Node[] outputNodes = new Node[outs.size() + capturedOut.size()];
                for (int i = 0; i < outs.size(); i++) {
                    if (outs.get(i) == null) throw new IllegalArgumentException("compile: output " + i + " of the function is null");
                    outputNodes[i] = Handles.node(outs.get(i));
                }
                for (int i = 0; i < capturedOut.size(); i++) outputNodes[outs.size() + i] = Handles.node(capturedOut.get(i));
                Node[] inputNodes = new Node[placeholders.size()];
                for (int i = 0; i < inputNodes.length; i++) inputNodes[i] = Handles.node(placeholders.get(i));
                return new Traced(CompileFuse.fuse(CompileTrace.build(inputNodes, outputNodes), options.isShapeless()), outs.size());
            } finally {
                for (Map.Entry<Array, Node> e : saved.entrySet()) Handles.rebind(e.getKey(), e.getValue());
            }
        }
    }

    /** A cached trace: its tape, whose first {@code numOutputs} outputs are the function's (the rest are captured). */
    private record Traced(CompileTape tape, int numOutputs) {}

    /** Number of arguments, then each input's dtype and shape (its rank alone when shapeless). */
    private record Key(int[] code) {
        static Key of(int numArgs, List<Array> inputs, boolean shapeless) {
            int[] code = new int[2 + inputs.size() * 2 + (shapeless ? 0 : inputs.stream().mapToInt(Array::ndim).sum())];
            int k = 0;
            code[k++] = numArgs;
            code[k++] = inputs.size();
            for (Array a : inputs) {
                DType t = a.dtype();
                code[k++] = t.ordinal();
                code[k++] = a.ndim();
                if (!shapeless) for (int d : Handles.node(a).shape) code[k++] = d;
            }
            return new Key(code);
        }

        @Override
        public boolean equals(Object o) { return o instanceof Key k && Arrays.equals(k.code, code); }

        @Override
        public int hashCode() { return Arrays.hashCode(code); }
    }
}
