package org.mlx4j.core.io;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;

/**
 * Reads a GGUF file: the header is read and checked whole (see {@link GgufFormat}) before the first array is
 * made, then each tensor is copied, dequantised or repacked out of the mapped file, and the numeric metadata
 * becomes arrays. On any failure the arrays made so far are closed.
 */
final class GgufReader {
    private GgufReader() {}

    static GgufFile read(Path file, GgufQuantized mode) throws IOException {
        Map<String, Array> arrays = new LinkedHashMap<>();
        Map<String, Object> metadata = new LinkedHashMap<>();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ); Arena mapping = Arena.ofConfined()) {
            MemorySegment bytes = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), mapping);
            GgufFormat.Header h = GgufFormat.readHeader(bytes);
            checkOutputNames(h.tensors(), mode);
            Map<String, String> types = new LinkedHashMap<>();
            for (GgufFormat.TensorInfo t : h.tensors()) {
                types.put(t.name(), t.type().name());
                MemorySegment data = bytes.asSlice(h.dataStart() + t.offset(), t.nbytes());
                if (!t.type().quantized()) {
                    arrays.put(t.name(), plain(data, t.type().dtype, t.shape()));
                } else if (mode == GgufQuantized.DEQUANTIZE) {
                    arrays.put(t.name(), dequantized(t, data));
                } else {
                    putMlxAffine(t, data, arrays);
                }
            }
            for (Map.Entry<String, GgufFormat.Value> e : h.metadata().entrySet()) metadata.put(e.getKey(), metadataValue(e.getKey(), e.getValue(), bytes));
            return new GgufFile(arrays, metadata, types);
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            for (Array a : arrays.values()) a.close();
            for (Object v : metadata.values()) if (v instanceof Array a) a.close();
            throw e;
        }
    }

    /** The names a quantized tensor's scales and biases take in {@link GgufQuantized#MLX_AFFINE} form. */
    static String prefix(String name) {
        return name.endsWith(".weight") ? name.substring(0, name.length() - ".weight".length()) : name;
    }

    private static void checkOutputNames(List<GgufFormat.TensorInfo> tensors, GgufQuantized mode) throws IOException {
        if (mode != GgufQuantized.MLX_AFFINE) return;
        Set<String> names = new HashSet<>();
        for (GgufFormat.TensorInfo t : tensors) names.add(t.name());
        Set<String> added = new HashSet<>();
        for (GgufFormat.TensorInfo t : tensors) {
            if (!t.type().quantized()) continue;
            for (String n : List.of(prefix(t.name()) + ".scales", prefix(t.name()) + ".biases")) {
                if (names.contains(n) || !added.add(n)) {
                    throw new IOException("cannot keep tensor \"" + t.name() + "\" (" + t.type() + ") quantized: the name \"" + n
                            + "\" for its scales or biases is taken by another tensor; load it with GgufQuantized.DEQUANTIZE");
                }
            }
        }
    }

    /** Little-endian file bytes as an array (swapped into native order first on a big-endian machine). */
    private static Array plain(MemorySegment data, DType dtype, int[] shape) {
        if (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN || dtype.size() == 1) return Mx.array(data, dtype, shape);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment copy = arena.allocate(Math.max(1, data.byteSize()), 64).asSlice(0, data.byteSize());
            copy.copyFrom(data);
            ByteOrders.swap(copy, dtype.size());
            return Mx.array(copy, dtype, shape);
        }
    }

    private static Array dequantized(GgufFormat.TensorInfo t, MemorySegment data) {
        long n = t.elements();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(Math.max(1, n * 4), 64).asSlice(0, n * 4);
            GgufBlocks.dequantize(t.type(), data, n / GgufBlocks.BLOCK, out);
            return Mx.array(out, DType.FLOAT32, t.shape());
        }
    }

    private static void putMlxAffine(GgufFormat.TensorInfo t, MemorySegment data, Map<String, Array> arrays) {
        int[] shape = t.shape();
        int last = shape[shape.length - 1];
        long blocks = t.elements() / GgufBlocks.BLOCK;
        int[] wqShape = shape.clone();
        wqShape[shape.length - 1] = last / 32 * t.type().mlxBits();
        int[] groupShape = shape.clone();
        groupShape[shape.length - 1] = last / GgufBlocks.BLOCK;
        try (Arena arena = Arena.ofConfined()) {
            long wqBytes = blocks * t.type().mlxBits() * 4;
            MemorySegment wq = arena.allocate(Math.max(1, wqBytes), 64).asSlice(0, wqBytes);
            MemorySegment scales = arena.allocate(Math.max(1, blocks * 2), 64).asSlice(0, blocks * 2);
            MemorySegment biases = arena.allocate(Math.max(1, blocks * 2), 64).asSlice(0, blocks * 2);
            GgufBlocks.toMlxAffine(t.type(), data, blocks, wq, scales, biases);
            String prefix = prefix(t.name());
            arrays.put(t.name(), Mx.array(wq, DType.UINT32, wqShape));
            arrays.put(prefix + ".scales", Mx.array(scales, DType.FLOAT16, groupShape));
            arrays.put(prefix + ".biases", Mx.array(biases, DType.FLOAT16, groupShape));
        }
    }

    private static Object metadataValue(String key, GgufFormat.Value v, MemorySegment bytes) throws IOException {
        return switch (v) {
            case GgufFormat.Text t -> t.value();
            case GgufFormat.Texts t -> List.copyOf(t.values());
            case GgufFormat.Numeric n -> {
                if (n.count() > Integer.MAX_VALUE) throw new IOException("unsupported GGUF metadata: \"" + key + "\" holds " + n.count() + " values");
                MemorySegment data = bytes.asSlice(n.offset(), n.count() * n.type().minBytes);
                yield n.isArray() ? plain(data, n.type().dtype, new int[] {(int) n.count()}) : plain(data, n.type().dtype, new int[0]);
            }
        };
    }
}
