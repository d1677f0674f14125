package org.mlx4j.lm.load;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;

/**
 * One {@code .safetensors} file, memory-mapped: the header is read and checked against the file size when the
 * shard opens, and a tensor's bytes are copied out of the mapping only when {@link #tensor} asks for it, so loading
 * a model touches each weight once and never holds a second copy of a whole shard. Nothing is read past the end of
 * a truncated file: every tensor's byte range is checked against the file first.
 */
final class SafetensorsShard implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Entry(DType dtype, int[] shape, long begin, long end) {}

    private final Path file;
    private final Arena arena;
    private final MemorySegment data;
    private final Map<String, Entry> entries;

    private SafetensorsShard(Path file, Arena arena, MemorySegment data, Map<String, Entry> entries) {
        this.file = file;
        this.arena = arena;
        this.data = data;
        this.entries = entries;
    }

    /** Maps {@code file} and reads its header. */
    static SafetensorsShard open(Path file) {
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            throw new UnsupportedOperationException(file + ": memory-mapped safetensors need a little-endian machine");
        }
        Arena arena = Arena.ofShared();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) throw bad(file, "is truncated: " + size + " bytes, not even the 8-byte header length");
            MemorySegment all = ch.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
            long n = all.get(java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 0);
            if (n <= 0 || n > size - 8) {
                throw bad(file, "is truncated or corrupt: its header claims " + n + " bytes, " + (size - 8) + " follow");
            }
            String header = new String(all.asSlice(8, n).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
            Map<String, Object> parsed = JSON.readValue(header, new TypeReference<LinkedHashMap<String, Object>>() {});
            MemorySegment data = all.asSlice(8 + n);
            Map<String, Entry> entries = new LinkedHashMap<>();
            for (var e : parsed.entrySet()) {
                if (e.getKey().equals("__metadata__")) continue;
                entries.put(e.getKey(), entry(file, e.getKey(), e.getValue(), data.byteSize()));
            }
            return new SafetensorsShard(file, arena, data, entries);
        } catch (IOException e) {
            arena.close();
            throw new UncheckedIOException(file + ": cannot read the safetensors file: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    private static Entry entry(Path file, String name, Object spec, long dataLength) {
        if (!(spec instanceof Map<?, ?> m) || !(m.get("dtype") instanceof String dt) || !(m.get("shape") instanceof List<?> dims)
                || !(m.get("data_offsets") instanceof List<?> offsets) || offsets.size() != 2
                || !(offsets.get(0) instanceof Number b) || !(offsets.get(1) instanceof Number e)) {
            throw bad(file, "has a corrupt header entry for tensor " + name + ": " + spec);
        }
        DType dtype = switch (dt) {
            case "BOOL" -> DType.BOOL;
            case "U8" -> DType.UINT8;
            case "U16" -> DType.UINT16;
            case "U32" -> DType.UINT32;
            case "U64" -> DType.UINT64;
            case "I8" -> DType.INT8;
            case "I16" -> DType.INT16;
            case "I32" -> DType.INT32;
            case "I64" -> DType.INT64;
            case "F16" -> DType.FLOAT16;
            case "BF16" -> DType.BFLOAT16;
            case "F32" -> DType.FLOAT32;
            case "F64" -> DType.FLOAT64;
            default -> throw bad(file, "holds tensor " + name + " of dtype " + dt + ", which mlx4j does not read");
        };
        int[] shape = new int[dims.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            if (!(dims.get(i) instanceof Number d) || d.longValue() < 0 || d.longValue() > Integer.MAX_VALUE) {
                throw bad(file, "has a corrupt shape for tensor " + name + ": " + dims);
            }
            shape[i] = d.intValue();
            count *= shape[i];
        }
        long begin = b.longValue(), end = e.longValue();
        if (begin < 0 || end < begin || end > dataLength) {
            throw bad(file, "is truncated or corrupt: tensor " + name + " spans bytes [" + begin + ", " + end + ") of a data section of "
                    + dataLength + " bytes");
        }
        if (end - begin != count * dtype.size()) {
            throw bad(file, "has tensor " + name + " of shape " + Arrays.toString(shape) + " " + dtype + " in " + (end - begin)
                    + " bytes, expected " + count * dtype.size());
        }
        return new Entry(dtype, shape, begin, end);
    }

    private static IllegalArgumentException bad(Path file, String what) {
        return new IllegalArgumentException(file + " " + what);
    }

    Path file() { return file; }

    /** The tensors' names and entries, in header order. */
    Map<String, Entry> entries() { return entries; }

    /** A copy of tensor {@code name} out of the mapping. */
    Array tensor(String name) {
        Entry e = entries.get(name);
        if (e == null) throw new IllegalArgumentException(file + " has no tensor " + name);
        return Mx.array(data.asSlice(e.begin(), e.end() - e.begin()), e.dtype(), e.shape());
    }

    @Override
    public void close() { arena.close(); }
}
