package org.mlx4j.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlx4j.core.DType;

/**
 * The safetensors format: an 8-byte little-endian header length, a JSON header (tensor name to dtype,
 * shape and data offsets, plus optional string metadata under {@code __metadata__}), then the data.
 * Everything in the header is validated against the file before any data is read.
 */
final class SafetensorsFormat {
    private SafetensorsFormat() {}

    /** The same bound as the reference implementation. */
    static final long MAX_HEADER_LENGTH = 100_000_000L;

    /** One tensor's entry in the header. */
    record Entry(String name, DType dtype, int[] shape, long begin, long end) {}

    /** The parsed header. */
    record Header(List<Entry> entries, Map<String, String> metadata, long dataStart) {}

    static Header readHeader(FileChannel ch) throws IOException {
        long size = ch.size();
        if (size < 8) throw new ByteInput.Truncated("the 8-byte safetensors header length", 8, size);
        ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, lenBuf, 0);
        long n = lenBuf.flip().getLong();
        if (n <= 0 || n >= MAX_HEADER_LENGTH) throw new IOException("invalid safetensors header length " + Long.toUnsignedString(n));
        if (n > size - 8) throw new ByteInput.Truncated("the safetensors JSON header", n, size - 8);
        ByteBuffer hb = ByteBuffer.allocate((int) n);
        readFully(ch, hb, 8);
        String text = new String(hb.array(), StandardCharsets.UTF_8);
        Object parsed;
        try {
            parsed = Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IOException("corrupt safetensors header: " + e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?> top)) throw new IOException("corrupt safetensors header: the JSON header is not an object");
        long dataStart = 8 + n;
        long dataLen = size - dataStart;
        List<Entry> entries = new ArrayList<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : top.entrySet()) {
            String name = (String) e.getKey();
            if (name.equals("__metadata__")) {
                if (!(e.getValue() instanceof Map<?, ?> meta)) throw new IOException("corrupt safetensors header: __metadata__ is not an object");
                for (Map.Entry<?, ?> me : meta.entrySet()) {
                    if (!(me.getValue() instanceof String v)) throw new IOException("corrupt safetensors header: metadata value of \"" + me.getKey() + "\" is not a string");
                    metadata.put((String) me.getKey(), v);
                }
                continue;
            }
            entries.add(entry(name, e.getValue(), dataLen));
        }
        return new Header(entries, metadata, dataStart);
    }

    private static Entry entry(String name, Object spec, long dataLen) throws IOException {
        String where = "tensor \"" + name + "\"";
        if (!(spec instanceof Map<?, ?> m)) throw new IOException("corrupt safetensors header: " + where + " is not an object");
        if (!(m.get("dtype") instanceof String dt)) throw new IOException("corrupt safetensors header: " + where + " has no string dtype");
        DType dtype = dtype(dt, where);
        if (!(m.get("shape") instanceof List<?> dims)) throw new IOException("corrupt safetensors header: " + where + " has no shape list");
        int[] shape = new int[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!(dims.get(i) instanceof Long d) || d < 0 || d > Integer.MAX_VALUE) {
                throw new IOException("corrupt safetensors header: " + where + " has dimension " + dims.get(i) + " at axis " + i);
            }
            shape[i] = (int) (long) d;
        }
        if (!(m.get("data_offsets") instanceof List<?> off) || off.size() != 2
                || !(off.get(0) instanceof Long b) || !(off.get(1) instanceof Long e)) {
            throw new IOException("corrupt safetensors header: " + where + " needs data_offsets [begin, end]");
        }
        if (b < 0 || e < b) throw new IOException("corrupt safetensors header: " + where + " has data_offsets [" + b + ", " + e + "]");
        long nbytes;
        try {
            nbytes = Math.multiplyExact(RawTensor.elementCount(shape), (long) dtype.size());
        } catch (ArithmeticException ex) {
            throw new IOException("corrupt safetensors header: " + where + " has a shape too large: " + RawTensor.shapeString(shape));
        }
        if (e - b != nbytes) {
            throw new IOException("corrupt safetensors header: " + where + " (" + dt + ", shape " + RawTensor.shapeString(shape)
                    + ") needs " + nbytes + " bytes but its data_offsets [" + b + ", " + e + "] span " + (e - b));
        }
        if (e > dataLen) {
            throw new ByteInput.Truncated("the data of " + where + " (bytes " + b + " to " + e + " of the data section)", e, dataLen);
        }
        return new Entry(name, dtype, shape, b, e);
    }

    static DType dtype(String s, String where) throws IOException {
        return switch (s) {
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
            case "C64" -> DType.COMPLEX64;
            default -> throw new IOException("unsupported safetensors dtype \"" + s + "\" for " + where);
        };
    }

    static String name(DType t) {
        return switch (t) {
            case BOOL -> "BOOL";
            case UINT8 -> "U8";
            case UINT16 -> "U16";
            case UINT32 -> "U32";
            case UINT64 -> "U64";
            case INT8 -> "I8";
            case INT16 -> "I16";
            case INT32 -> "I32";
            case INT64 -> "I64";
            case FLOAT16 -> "F16";
            case BFLOAT16 -> "BF16";
            case FLOAT32 -> "F32";
            case FLOAT64 -> "F64";
            case COMPLEX64 -> "C64";
        };
    }

    /** Reads one tensor's bytes (little-endian in the file) into native order. */
    static RawTensor readTensor(FileChannel ch, Header h, Entry e, Arena arena) throws IOException {
        long n = e.end() - e.begin();
        MemorySegment seg = arena.allocate(Math.max(1, n), 64).asSlice(0, n);
        long done = 0;
        while (done < n) {
            int chunk = (int) Math.min(1 << 30, n - done);
            ByteBuffer bb = seg.asSlice(done, chunk).asByteBuffer();
            readFully(ch, bb, h.dataStart() + e.begin() + done);
            done += chunk;
        }
        if (ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN) ByteOrders.swap(seg, e.dtype() == DType.COMPLEX64 ? 4 : e.dtype().size());
        return new RawTensor(e.dtype(), e.shape(), seg);
    }

    private static void readFully(FileChannel ch, ByteBuffer bb, long pos) throws IOException {
        int want = bb.remaining();
        while (bb.hasRemaining()) {
            int r = ch.read(bb, pos);
            if (r < 0) throw new ByteInput.Truncated("safetensors bytes at offset " + pos, want, want - bb.remaining());
            pos += r;
        }
    }

    /** The header bytes (length prefix included), padded with spaces to 8-byte alignment. */
    static byte[] header(Map<String, DType> dtypes, Map<String, int[]> shapes, Map<String, String> metadata) {
        StringBuilder sb = new StringBuilder("{");
        boolean first = true;
        if (!metadata.isEmpty()) {
            sb.append("\"__metadata__\":{");
            boolean f2 = true;
            for (Map.Entry<String, String> m : metadata.entrySet()) {
                if (!f2) sb.append(',');
                f2 = false;
                Json.writeString(sb, m.getKey());
                sb.append(':');
                Json.writeString(sb, m.getValue());
            }
            sb.append('}');
            first = false;
        }
        long offset = 0;
        for (Map.Entry<String, DType> e : dtypes.entrySet()) {
            int[] shape = shapes.get(e.getKey());
            long nbytes = RawTensor.elementCount(shape) * e.getValue().size();
            if (!first) sb.append(',');
            first = false;
            Json.writeString(sb, e.getKey());
            sb.append(":{\"dtype\":\"").append(name(e.getValue())).append("\",\"shape\":[");
            for (int i = 0; i < shape.length; i++) {
                if (i > 0) sb.append(',');
                sb.append(shape[i]);
            }
            sb.append("],\"data_offsets\":[").append(offset).append(',').append(offset + nbytes).append("]}");
            offset += nbytes;
        }
        sb.append('}');
        byte[] json = sb.toString().getBytes(StandardCharsets.UTF_8);
        int pad = (8 - json.length % 8) % 8;
        byte[] out = new byte[8 + json.length + pad];
        ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length + pad);
        System.arraycopy(json, 0, out, 8, json.length);
        for (int i = 0; i < pad; i++) out[8 + json.length + i] = ' ';
        return out;
    }

    /** Writes little-endian data: native bytes are swapped first on a big-endian machine. */
    static void writeData(OutputStream out, DType dtype, byte[] nativeBytes) throws IOException {
        if (ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN) {
            MemorySegment s = MemorySegment.ofArray(nativeBytes);
            ByteOrders.swap(s, dtype == DType.COMPLEX64 ? 4 : dtype.size());
        }
        out.write(nativeBytes);
    }
}
