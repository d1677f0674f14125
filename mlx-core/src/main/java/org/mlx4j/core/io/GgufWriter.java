package org.mlx4j.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;

/**
 * Writes GGUF version 3 (little-endian, alignment 32): metadata values as MLX's {@code mx.save_gguf} takes them
 * (a {@link String}, a {@code List<String>}, or a 0-d or 1-d {@link Array} of a GGUF metadata type) and tensors of
 * the plain GGML types (F32, F16, BF16, I8, I16, I32, I64, F64), GGUF's dimensions being the reverse of the shape;
 * tensors given a block-quantized type (Q8_0, Q4_0) are float32 arrays quantized by {@link GgufBlocks#quantize}.
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

    /**
     * Replaces in {@code arrays} each tensor {@code tensorTypes} names by what the writer stores for it: float32
     * for a quantized type, the type's dtype for a plain one. Returns a message naming the tensor and what is valid
     * when a type cannot be written, else null.
     */
    static String convert(Map<String, Array> arrays, Map<String, String> tensorTypes) {
        for (Map.Entry<String, String> e : tensorTypes.entrySet()) {
            String name = e.getKey(), typeName = e.getValue();
            Array a = arrays.get(name);
            if (a == null) return "a tensor type is given for \"" + name + "\", which is not among the arrays";
            GgufTensorType t = writable(typeName);
            if (t == null) return "tensor \"" + name + "\" has type " + typeName + " (valid: F32, F16, BF16, Q8_0, Q4_0)";
            if (!a.dtype().isFloating() || a.dtype().isComplex()) {
                return "tensor \"" + name + "\" of dtype " + a.dtype() + " cannot be stored as " + typeName + " (a real floating array is needed)";
            }
            if (t.quantized() && (a.ndim() == 0 || a.shape()[a.ndim() - 1] % t.blockSize != 0)) {
                return "tensor \"" + name + "\" of shape " + RawTensor.shapeString(a.shape()) + " cannot be stored as " + typeName
                        + ": its last axis must be a multiple of " + t.blockSize;
            }
            arrays.put(name, a.astype(t.quantized() ? DType.FLOAT32 : t.dtype));
        }
        return null;
    }

    private static GgufTensorType writable(String name) {
        return switch (name) {
            case "F32" -> GgufTensorType.F32;
            case "F16" -> GgufTensorType.F16;
            case "BF16" -> GgufTensorType.BF16;
            case "Q8_0" -> GgufTensorType.Q8_0;
            case "Q4_0" -> GgufTensorType.Q4_0;
            default -> null;
        };
    }

    /** Each tensor's GGML type: the one {@code tensorTypes} names, else its dtype's. */
    static Map<String, GgufTensorType> types(Map<String, Array> arrays, Map<String, String> tensorTypes) {
        Map<String, GgufTensorType> types = new LinkedHashMap<>();
        for (Map.Entry<String, Array> e : arrays.entrySet()) {
            String given = tensorTypes.get(e.getKey());
            types.put(e.getKey(), given != null ? writable(given) : GgufTensorType.of(e.getValue().dtype()));
        }
        return types;
    }

    /** Writes the file, each tensor as its type in {@code types}; the arrays are evaluated. */
    static void write(OutputStream out, Map<String, Array> arrays, Map<String, Object> metadata, Map<String, GgufTensorType> types)
            throws IOException {
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
            GgufTensorType t = types.get(e.getKey());
            h.u32(t.id);
            h.u64(offset);
            offset = GgufFormat.alignUp(offset + a.size() / t.blockSize * t.blockBytes, GgufFormat.DEFAULT_ALIGNMENT);
        }
        byte[] header = h.toByteArray();
        out.write(header);
        out.write(new byte[(int) (GgufFormat.alignUp(header.length, GgufFormat.DEFAULT_ALIGNMENT) - header.length)]);
        for (Map.Entry<String, Array> e : arrays.entrySet()) {
            Array a = e.getValue();
            GgufTensorType t = types.get(e.getKey());
            byte[] data = t.quantized() ? GgufBlocks.quantize(t, a.toFloatArray()) : littleEndian(a);
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
