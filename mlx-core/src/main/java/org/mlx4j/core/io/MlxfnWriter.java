package org.mlx4j.core.io;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Fn;
import org.mlx4j.core.Mx;
import org.mlx4j.core.graph.Handles;
import org.mlx4j.core.graph.Node;
import org.mlx4j.core.primitives.Binary;
import org.mlx4j.core.primitives.Unary;
import org.mlx4j.core.primitives.Where;

/**
 * Traces a function over fresh inputs shaped like the examples and writes its graph as MLX's {@code .mlxfn}
 * (see {@link MlxfnFormat}): the nodes that depend on an input become tape entries of MLX's primitives (see
 * {@link MlxfnOps}), everything else reached (weights, constants) is evaluated and stored as a constant.
 */
final class MlxfnWriter {
    private MlxfnWriter() {}

    /** Thrown for a graph that MLX's format cannot hold; the message names the primitive. */
    static final class NotExportable extends RuntimeException {
        NotExportable(String message) {
            super(message);
        }
    }

    static byte[] export(Fn fn, Array... examples) {
        List<Array> inputs = new ArrayList<>();
        for (Array a : examples) inputs.add(Mx.array(MemorySegment.ofArray(a.toBytes()), a.dtype(), a.shape()));
        try {
            List<Array> outputs = fn.apply(inputs);
            return write(inputs, outputs);
        } finally {
            inputs.forEach(Array::close);
        }
    }

    private static byte[] write(List<Array> inputs, List<Array> outputs) {
        Map<Node, Long> ids = new IdentityHashMap<>();
        Map<Node, Boolean> dependsOnInput = new IdentityHashMap<>();
        long[] inputIds = new long[inputs.size()];
        for (int i = 0; i < inputs.size(); i++) {
            Node n = Handles.node(inputs.get(i));
            ids.put(n, (long) i + 1);
            dependsOnInput.put(n, true);
            inputIds[i] = i + 1;
        }
        List<Node> tape = new ArrayList<>();
        Map<Node, Boolean> visited = new IdentityHashMap<>();
        for (Array o : outputs) visit(Handles.node(o), dependsOnInput, visited, tape);
        for (Node n : tape) ids.computeIfAbsent(n, k -> (long) ids.size() + 1);

        LittleEndianWriter w = new LittleEndianWriter();
        w.string(MlxfnFormat.VERSION);
        w.u32(1);
        w.u8(0); // not shapeless
        w.u64(0); // no keyword arguments
        MlxfnFormat.writeIds(w, inputIds);
        w.u64(inputs.size());
        for (Array a : inputs) {
            MlxfnFormat.writeInts(w, a.shape());
            MlxfnFormat.writeDtype(w, a.dtype());
        }
        long[] outputIds = new long[outputs.size()];
        for (int i = 0; i < outputs.size(); i++) outputIds[i] = ids.get(Handles.node(outputs.get(i)));
        MlxfnFormat.writeIds(w, outputIds);
        TapeWriter body = new TapeWriter(ids.size() + 1);
        for (Node n : tape) {
            long id = ids.get(n);
            boolean isInput = id <= inputs.size();
            if (!isInput && dependsOnInput.get(n)) {
                long[] in = new long[n.inputs().length];
                for (int i = 0; i < in.length; i++) {
                    Node x = n.inputs()[i];
                    in[i] = ids.get(x);
                    // MLX's element-wise primitives take operands of the output's shape: broadcast explicitly
                    if (isElementwise(n) && !Arrays.equals(x.shape, n.shape)) {
                        LittleEndianWriter st = new LittleEndianWriter();
                        MlxfnFormat.writeInts(st, n.shape);
                        in[i] = body.primitive(new long[] {in[i]}, new MlxfnOps.ExportOp("Broadcast", st.toByteArray()), n.shape, x.dtype);
                    }
                }
                body.primitive(id, in, MlxfnOps.exportOp(n.primitive()), n.shape, n.dtype);
            } else if (isInput) {
                body.input(id);
            } else {
                byte[] data = Handles.wrap(n).toBytes();
                if (ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN) ByteOrders.swap(MemorySegment.ofArray(data), n.dtype == DType.COMPLEX64 ? 4 : n.dtype.size());
                body.constant(id, n.shape, n.dtype, data);
            }
        }
        w.u64(body.entries);
        w.bytes(body.toByteArray());
        return w.toByteArray();
    }

    private static boolean isElementwise(Node n) {
        return n.primitive() instanceof Unary || n.primitive() instanceof Binary || n.primitive() instanceof Where;
    }

    /** The tape's entries as they are written, counted; synthetic entries take ids after the graph's. */
    private static final class TapeWriter extends LittleEndianWriter {
        private long nextId;
        long entries;

        TapeWriter(long firstFreeId) {
            this.nextId = firstFreeId;
        }

        long primitive(long[] inputs, MlxfnOps.ExportOp op, int[] shape, DType dtype) {
            long id = nextId++;
            primitive(id, inputs, op, shape, dtype);
            return id;
        }

        void primitive(long id, long[] inputs, MlxfnOps.ExportOp op, int[] shape, DType dtype) {
            entries++;
            u64(id);
            u8(1);
            MlxfnFormat.writeIds(this, inputs);
            u32(0); // stream 0 of the cpu device 0: MLX's default stream where there is no GPU
            u32(0);
            u32(0);
            string(op.name());
            bytes(op.state());
            u64(0); // no siblings
            MlxfnFormat.writeInts(this, shape);
            MlxfnFormat.writeDtype(this, dtype);
        }

        void input(long id) {
            entries++;
            u64(id);
            u8(0);
            u8(0);
        }

        void constant(long id, int[] shape, DType dtype, byte[] littleEndianData) {
            entries++;
            u64(id);
            u8(0);
            u8(1);
            MlxfnFormat.writeInts(this, shape);
            MlxfnFormat.writeDtype(this, dtype);
            bytes(littleEndianData);
        }
    }

    /** Appends {@code n}'s producers, then {@code n}, to the tape; returns whether {@code n} depends on an input. */
    private static boolean visit(Node n, Map<Node, Boolean> dependsOnInput, Map<Node, Boolean> visited, List<Node> tape) {
        if (visited.containsKey(n)) return dependsOnInput.getOrDefault(n, false);
        visited.put(n, true);
        boolean depends = dependsOnInput.getOrDefault(n, false);
        if (!depends) {
            for (Node in : n.inputs()) depends |= dependsOnInput(in, dependsOnInput);
        }
        dependsOnInput.put(n, depends);
        if (depends && !n.isLeaf()) {
            if (n.hasSiblings()) throw new NotExportable("the function uses " + n.primitive().name() + ", an op of several outputs, which the export does not cover");
            if (MlxfnOps.exportOp(n.primitive()) == null) {
                throw new NotExportable("the function uses " + n.primitive().name() + ", which MLX's .mlxfn format has no primitive for (exported: "
                        + MlxfnOps.exportable() + ")");
            }
            for (Node in : n.inputs()) visit(in, dependsOnInput, visited, tape);
        }
        tape.add(n);
        return depends;
    }

    private static boolean dependsOnInput(Node n, Map<Node, Boolean> memo) {
        Boolean known = memo.get(n);
        if (known != null) return known;
        boolean d = false;
        for (Node in : n.inputs()) d |= dependsOnInput(in, memo);
        memo.put(n, d);
        return d;
    }
}
