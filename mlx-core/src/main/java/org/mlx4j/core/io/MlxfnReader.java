package org.mlx4j.core.io;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;

/**
 * Reads an {@code .mlxfn} file (see {@link MlxfnFormat}) into an {@link ImportedFunction}: every count is checked
 * against the bytes left, every id against the entries defined before it, every primitive against those mlx4j
 * has; constants are copied out of the file once each.
 */
final class MlxfnReader {
    private MlxfnReader() {}

    static ImportedFunction read(Path file) throws IOException {
        List<Array> constants = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ); Arena mapping = Arena.ofConfined()) {
            LittleEndianCursor c = new LittleEndianCursor(ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), mapping), ".mlxfn file");
            c.string("the MLX version");
            int count = c.u32("the function count");
            if (count < 0 || count > c.remaining() / 40) throw new IOException("corrupt .mlxfn file: the function count " + count + " is more than the file can hold");
            if (c.bool("the shapeless flag")) {
                throw new IOException("unsupported .mlxfn file: it was exported with shapeless=True, which mlx4j does not import");
            }
            Map<Long, Array> constantsById = new HashMap<>();
            List<ImportedFunction.Trace> traces = new ArrayList<>();
            for (int f = 0; f < count; f++) traces.add(trace(c, f, constantsById, constants));
            if (c.remaining() != 0) throw new IOException("corrupt .mlxfn file: " + c.remaining() + " bytes follow the last function");
            return new ImportedFunction(file.toString(), traces, constants);
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            constants.forEach(Array::close);
            throw e;
        }
    }

    private static ImportedFunction.Trace trace(LittleEndianCursor c, int f, Map<Long, Array> constantsById, List<Array> constants) throws IOException {
        String fn = "function " + f;
        long nk = MlxfnFormat.count(c, 8, "the keyword count of " + fn);
        List<String> kwargKeys = new ArrayList<>();
        for (long i = 0; i < nk; i++) kwargKeys.add(c.string("keyword " + i + " of " + fn));
        long[] inputIds = MlxfnFormat.readIds(c, "the input ids of " + fn);
        long ni = MlxfnFormat.count(c, 9, "the input count of " + fn);
        if (ni != inputIds.length) throw new IOException("corrupt .mlxfn file: " + fn + " has " + inputIds.length + " input ids but " + ni + " inputs");
        if (nk > ni) throw new IOException("corrupt .mlxfn file: " + fn + " has " + nk + " keywords but only " + ni + " inputs");
        int[][] shapes = new int[(int) ni][];
        DType[] dtypes = new DType[(int) ni];
        Set<Long> defined = new HashSet<>();
        for (int i = 0; i < ni; i++) {
            shapes[i] = MlxfnFormat.readShape(c, "input " + i + " of " + fn);
            dtypes[i] = MlxfnFormat.readDtype(c, "input " + i + " of " + fn);
            if (!defined.add(inputIds[i])) throw new IOException("corrupt .mlxfn file: " + fn + " lists input id " + inputIds[i] + " twice");
        }
        long[] outputIds = MlxfnFormat.readIds(c, "the output ids of " + fn);
        long n = MlxfnFormat.count(c, 9, "the tape length of " + fn);
        List<ImportedFunction.Entry> tape = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            long id = c.u64("the id of tape entry " + i + " of " + fn);
            String what = "tape entry " + i + " (id " + id + ") of " + fn;
            if (c.bool("the has-primitive flag of " + what)) {
                tape.add(primitive(c, id, what, defined));
            } else if (c.bool("the is-constant flag of " + what)) {
                Array k = constantsById.get(id);
                if (k == null) {
                    k = constant(c, what);
                    constants.add(k);
                    constantsById.put(id, k);
                }
                tape.add(new ImportedFunction.Entry(id, new long[0], null, null, k.shape(), k.dtype(), k));
            } else if (!defined.contains(id)) {
                throw new IOException("corrupt .mlxfn file: " + what + " names an input that " + fn + " does not have");
            }
            defined.add(id);
        }
        for (long id : outputIds) if (!defined.contains(id)) throw new IOException("corrupt .mlxfn file: output id " + id + " of " + fn + " is not computed by its tape");
        return new ImportedFunction.Trace(kwargKeys, inputIds, shapes, dtypes, outputIds, tape);
    }

    private static ImportedFunction.Entry primitive(LittleEndianCursor c, long id, String what, Set<Long> defined) throws IOException {
        long[] inputs = MlxfnFormat.readIds(c, "the input ids of " + what);
        for (long in : inputs) if (!defined.contains(in)) throw new IOException("corrupt .mlxfn file: " + what + " reads id " + in + ", which no earlier entry defines");
        c.u32("the stream index of " + what);
        int deviceType = c.u32("the device type of " + what);
        c.u32("the device index of " + what);
        if (deviceType != 0 && deviceType != 1) throw new IOException("corrupt .mlxfn file: " + what + " has device type " + deviceType + " (cpu 0 or gpu 1)");
        String name = c.string("the primitive name of " + what);
        MlxfnOps.ImportOp op = MlxfnOps.importOp(name);
        if (op == null) {
            throw new IOException("unsupported .mlxfn file: " + what + " is MLX's " + name + ", which mlx4j does not import (it imports "
                    + MlxfnOps.importable() + ")");
        }
        if (op.arity() >= 0 && inputs.length != op.arity()) {
            throw new IOException("corrupt .mlxfn file: " + what + " (" + name + ") has " + inputs.length + " inputs, not " + op.arity());
        }
        Object state = op.state().read(c, "the state of " + what + " (" + name + ")");
        long siblings = c.u64("the sibling count of " + what);
        if (siblings != 0) throw new IOException("unsupported .mlxfn file: " + what + " (" + name + ") has several outputs, which mlx4j does not import");
        int[] shape = MlxfnFormat.readShape(c, what);
        DType dtype = MlxfnFormat.readDtype(c, what);
        return new ImportedFunction.Entry(id, inputs, op, state, shape, dtype, null);
    }

    private static Array constant(LittleEndianCursor c, String what) throws IOException {
        int[] shape = MlxfnFormat.readShape(c, what);
        DType dtype = MlxfnFormat.readDtype(c, what);
        long nbytes;
        try {
            nbytes = Math.multiplyExact(RawTensor.elementCount(shape), (long) dtype.size());
        } catch (ArithmeticException e) {
            throw new IOException("corrupt .mlxfn file: " + what + " has a shape too large: " + RawTensor.shapeString(shape));
        }
        long at = c.skip(nbytes, "the data of " + what + " (" + dtype + ", shape " + RawTensor.shapeString(shape) + ")");
        MemorySegment data = c.bytes().asSlice(at, nbytes);
        if (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN || dtype.size() == 1) return Mx.array(data, dtype, shape);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment copy = arena.allocate(Math.max(1, nbytes)).asSlice(0, nbytes);
            copy.copyFrom(data);
            ByteOrders.swap(copy, dtype == DType.COMPLEX64 ? 4 : dtype.size());
            return Mx.array(copy, dtype, shape);
        }
    }
}
