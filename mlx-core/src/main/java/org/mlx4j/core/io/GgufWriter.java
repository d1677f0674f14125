package org.mlx4j.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import org.mlx4j.core.Array;

/**
 * Writes GGUF version 3 (little-endian, alignment 32): metadata values as MLX's {@code mx.save_gguf} takes them
 * (a {@link String}, a {@code List<String>}, or a 0-d or 1-d {@link Array} of a GGUF metadata type) and tensors of
 * the plain GGML types (F32, F16, BF16, I8, I16, I32, I64, F64), GGUF's dimensions being the reverse of the shape.
 */
final class GgufWriter {
    private GgufWriter() {}

    /** Checks what {@link #write} needs, with a message naming the entry and what is valid; null when all is well. */
    static String problem(Map<String, Array> arrays, Map<String, Object> metadata) {
        for (Map.Entry<String, Array> e : arrays.entrySet()) {
            Array a = e.getValue();
            if (GgufTensorType.of(a.dtype()) == null) {
                return "tensor \"" + e.getKey() + "\" has dtype " + a.dtype() + ", which GGUF cannot store (valid: " + GgufTensorType.plainDtypes() + ")";
            }
            if (a.ndim() > GgufFormat.MAX_DIMS) {
                return "tensor \"" + e.getKey() + "\" has shape " + RawTensor.shapeString(a.shape()) + ": GGUF allows at most " + GgufFormat.MAX_DIMS + " dimensions";
            }
        }
        for (Map.Entry<String, Object> e : metadata.entrySet()) {
            if (e.getKey() == null) return "a metadata key is null";
            if (e.getKey().equals(GgufFormat.ALIGNMENT_KEY)) return "metadata \"" + GgufFormat.ALIGNMENT_KEY + "\" is set by the writer";
            String p = metadataProblem(e.getValue());
            if (p != null) return "metadata \"" + e.getKey() + "\" " + p;
        }
        return null;
    }

    private static String metadataProblem(Object v) {
        switch (v) {
            case null -> {
                return "is null";
            }
            case String s -> {
                return null;
            }
            case List<?> l -> {
                for (Object o : l) if (!(o instanceof String)) return "is a list holding something other than strings (" + o + ")";
                return null;
            }
            case Array a -> {
                if (GgufValueType.of(a.dtype()) == null) {
                    return "has dtype " + a.dtype() + ", which GGUF metadata cannot store (valid: bool, uint8 to uint64, int8 to int64, float32, float64)";
                }
                if (a.ndim() > 1) return "has shape " + RawTensor.shapeString(a.shape()) + ": metadata arrays are 0-d or 1-d";
                return null;
            }
            default -> {
                return "is a " + v.getClass().getName() + " (valid: String, List<String>, or a 0-d or 1-d Array)";
            }
        }
    }

    /** Writes the file; the arrays are evaluated. */
    static void write(OutputStream out, Map<String, Array> arrays, Map<String, Object> metadata) throws IOException {
        LittleEndianWriter h = new LittleEndianWriter();
        h.u32(GgufFormat.MAGIC);
        h.u32(GgufFormat.VERSION);
        h.u64(arrays.size());
        h.u64(metadata.size());
        for (Map.Entry<String, Object> e : metadata.entrySet()) {
            h.string(e.getKey());
            switch (e.getValue()) {
                case String s -> {
                    h.u32(GgufValueType.STRING.id);
                    h.string(s);
                }
                case List<?> l -> {
                    h.u32(GgufValueType.ARRAY.id);
                    h.u32(GgufValueType.STRING.id);
                    h.u64(l.size());
                    for (Object o : l) h.string((String) o);
                }
                case Array a -> {
                    GgufValueType t = GgufValueType.of(a.dtype());
                    if (a.ndim() == 1) {
                        h.u32(GgufValueType.ARRAY.id);
                        h.u32(t.id);
                        h.u64(a.size());
                    } else {
                        h.u32(t.id);
                    }
                    h.bytes(littleEndian(a));
                }
                default -> throw new IllegalStateException("unchecked metadata value " + e.getValue());
            }
        }
        long offset = 0;
        for (Map.Entry<String, Array> e : arrays.entrySet()) {
            Array a = e.getValue();
            h.string(e.getKey());
            int[] shape = a.shape();
            h.u32(shape.length);
            for (int d = shape.length - 1; d >= 0; d--) h.u64(shape[d]);
            h.u32(GgufTensorType.of(a.dtype()).id);
            h.u64(offset);
            offset = GgufFormat.alignUp(offset + a.size() * a.dtype().size(), GgufFormat.DEFAULT_ALIGNMENT);
        }
        byte[] header = h.toByteArray();
        out.write(header);
        out.write(new byte[(int) (GgufFormat.alignUp(header.length, GgufFormat.DEFAULT_ALIGNMENT) - header.length)]);
        for (Array a : arrays.values()) {
            byte[] data = littleEndian(a);
            out.write(data);
            out.write(new byte[(int) (GgufFormat.alignUp(data.length, GgufFormat.DEFAULT_ALIGNMENT) - data.length)]);
        }
    }

    private static byte[] littleEndian(Array a) {
        byte[] b = a.toBytes();
        if (ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN) ByteOrders.swap(MemorySegment.ofArray(b), a.dtype().size());
        return b;
    }
}
