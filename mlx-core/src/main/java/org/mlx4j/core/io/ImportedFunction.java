package org.mlx4j.core.io;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Fn;

/**
 * A function read from an {@code .mlxfn} file (see {@link MlxFunctions#importFunction(java.nio.file.Path)}):
 * calling it rebuilds the exported graph over the given inputs with mlx4j's ops (lazily, like any op), choosing
 * among the file's traces the one whose inputs match the arguments' number, shapes and dtypes, as MLX's
 * {@code mx.import_function} does. It holds the file's constants until {@link #close()}.
 */
public final class ImportedFunction implements Fn, AutoCloseable {
    /** One tape entry: an input, a constant, or a primitive over earlier entries with its declared output. */
    record Entry(long id, long[] inputIds, MlxfnOps.ImportOp op, Object state, int[] shape, DType dtype, Array constant) {}

    /** One exported trace. */
    record Trace(List<String> kwargKeys, long[] inputIds, int[][] inputShapes, DType[] inputDtypes, long[] outputIds, List<Entry> tape) {}

    private final List<Trace> traces;
    private final List<Array> constants;
    private final String file;

    ImportedFunction(String file, List<Trace> traces, List<Array> constants) {
        this.file = file;
        this.traces = List.copyOf(traces);
        this.constants = List.copyOf(constants);
    }

    /**
     * Calls the function with positional arguments.
     * MLX: calling the result of {@code mlx.core.import_function}.
     *
     * @param args the arguments, matching one exported trace in number, shapes and dtypes
     * @return the outputs
     * @throws IllegalArgumentException if no trace of the file matches the arguments (the message lists them)
     */
    @Override
    public List<Array> apply(List<Array> args) {
        return apply(args, Map.of());
    }

    /**
     * Calls the function with positional and keyword arguments.
     * MLX: calling the result of {@code mlx.core.import_function} with keyword arguments.
     *
     * @param args the positional arguments
     * @param kwargs the keyword arguments, by name
     * @return the outputs
     * @throws IllegalArgumentException if no trace of the file matches the arguments (the message lists them)
     */
    public List<Array> apply(List<Array> args, Map<String, Array> kwargs) {
        for (Trace t : traces) {
            List<Array> inputs = match(t, args, kwargs);
            if (inputs != null) return run(t, inputs);
        }
        StringBuilder sb = new StringBuilder("[import_function] no function of " + file + " matches the arguments: got " + args.size()
                + " positional " + describe(args) + " and keywords " + kwargs.keySet() + "; the file has:");
        for (Trace t : traces) {
            sb.append("\n  inputs ");
            for (int i = 0; i < t.inputShapes().length; i++) {
                int npos = t.inputShapes().length - t.kwargKeys().size();
                sb.append(i < npos ? "" : t.kwargKeys().get(i - npos) + "=").append(java.util.Arrays.toString(t.inputShapes()[i])).append(' ')
                        .append(t.inputDtypes()[i]).append(i + 1 < t.inputShapes().length ? ", " : "");
            }
        }
        throw new IllegalArgumentException(sb.toString());
    }

    /**
     * How many traces (input signatures) the file holds.
     *
     * @return the number of exported traces
     */
    public int traceCount() {
        return traces.size();
    }

    /** Frees the file's constants; the function cannot be called afterwards. */
    @Override
    public void close() {
        constants.forEach(Array::close);
    }

    private static String describe(List<Array> args) {
        List<String> s = new ArrayList<>();
        for (Array a : args) s.add(java.util.Arrays.toString(a.shape()) + " " + a.dtype());
        return s.toString();
    }

    private static List<Array> match(Trace t, List<Array> args, Map<String, Array> kwargs) {
        int npos = t.inputShapes().length - t.kwargKeys().size();
        if (args.size() != npos || kwargs.size() != t.kwargKeys().size()) return null;
        List<Array> inputs = new ArrayList<>(args);
        for (String k : t.kwargKeys()) {
            if (!kwargs.containsKey(k)) return null;
            inputs.add(kwargs.get(k));
        }
        for (int i = 0; i < inputs.size(); i++) {
            Array a = inputs.get(i);
            if (a.dtype() != t.inputDtypes()[i] || !java.util.Arrays.equals(a.shape(), t.inputShapes()[i])) return null;
        }
        return inputs;
    }

    private List<Array> run(Trace t, List<Array> inputs) {
        Map<Long, Array> values = new HashMap<>();
        for (int i = 0; i < inputs.size(); i++) values.put(t.inputIds()[i], inputs.get(i));
        for (Entry e : t.tape()) {
            if (e.constant() != null) {
                values.put(e.id(), e.constant());
            } else if (e.op() != null) {
                List<Array> ins = new ArrayList<>(e.inputIds().length);
                for (long id : e.inputIds()) ins.add(values.get(id));
                Array out = e.op().builder().build(ins, e.state());
                if (out.dtype() != e.dtype() || !java.util.Arrays.equals(out.shape(), e.shape())) {
                    throw new IllegalStateException("[import_function] " + file + ": tape entry " + e.id() + " (" + e.op().name() + ") declares "
                            + java.util.Arrays.toString(e.shape()) + " " + e.dtype() + " but mlx4j's " + e.op().name() + " of its inputs gives "
                            + java.util.Arrays.toString(out.shape()) + " " + out.dtype());
                }
                values.put(e.id(), out);
            }
        }
        List<Array> outs = new ArrayList<>();
        for (long id : t.outputIds()) outs.add(values.get(id));
        return outs;
    }
}
