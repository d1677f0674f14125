package org.mlx4j.core.io;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The GGUF header (versions 2 and 3, little-endian): the magic {@code GGUF}, the version, the tensor and
 * metadata counts, the metadata key/value pairs, then one info (name, dimensions, GGML type, data offset) per
 * tensor; the tensor data follows, from the next multiple of {@code general.alignment} (32 by default).
 *
 * <p>Every field is checked against the file as it is read: counts against the bytes left, so nothing is
 * allocated for entries the file cannot hold; each tensor's data against the end of the file and against the
 * other tensors' data. Numeric metadata stays in the file (an offset and a count) until the whole header has
 * passed, so a failed header allocates no array.
 */
final class GgufFormat {
    private GgufFormat() {}

    /** "GGUF" read as a little-endian 32-bit number. */
    static final int MAGIC = 0x46554747;
    static final int VERSION = 3;
    static final int DEFAULT_ALIGNMENT = 32;
    /** GGML's limit on the number of dimensions of a tensor. */
    static final int MAX_DIMS = 4;
    static final String ALIGNMENT_KEY = "general.alignment";

    /** A metadata value as read from the header. */
    sealed interface Value permits Numeric, Text, Texts {}

    /** Numeric or boolean values still in the file: {@code count} values of {@code type} from {@code offset}. */
    record Numeric(GgufValueType type, long offset, long count, boolean isArray) implements Value {}

    /** One string. */
    record Text(String value) implements Value {}

    /** An array of strings. */
    record Texts(List<String> values) implements Value {}

    /** One tensor's info; {@code shape} is MLX's (the reverse of GGUF's {@code ne}); offsets count from the data start. */
    record TensorInfo(String name, GgufTensorType type, int[] shape, long offset, long nbytes) {
        long elements() {
            return RawTensor.elementCount(shape);
        }
    }

    /** The parsed header. */
    record Header(int version, Map<String, Value> metadata, List<TensorInfo> tensors, long dataStart) {}

    static Header readHeader(MemorySegment file) throws IOException {
        LittleEndianCursor c = new LittleEndianCursor(file, "GGUF header");
        int magic = c.u32("the magic number");
        if (magic != MAGIC) throw new IOException("not a GGUF file: it does not start with the magic bytes \"GGUF\"");
        int version = c.u32("the version");
        if (version == Integer.reverseBytes(2) || version == Integer.reverseBytes(3)) {
            throw new IOException("unsupported GGUF file: big-endian GGUF files are not supported");
        }
        if (version != 2 && version != 3) {
            throw new IOException("unsupported GGUF version " + Integer.toUnsignedString(version) + " (mlx4j reads versions 2 and 3)");
        }
        long tensorCount = c.u64("the tensor count");
        long metadataCount = c.u64("the metadata count");
        // a metadata entry takes at least 13 bytes (key length, type, one byte of value), a tensor info 24
        checkCount(metadataCount, 13, c, "the metadata count");
        checkCount(tensorCount, 24, c, "the tensor count");

        Map<String, Value> metadata = new LinkedHashMap<>();
        for (long i = 0; i < metadataCount; i++) {
            String key = c.string("the key of metadata entry " + i);
            String what = "metadata \"" + key + "\"";
            int typeId = c.u32("the type of " + what);
            Value v = readValue(c, typeId, what, file);
            if (metadata.put(key, v) != null) throw new IOException("corrupt GGUF header: " + what + " appears twice");
        }
        long alignment = alignment(metadata, file);

        List<TensorInfo> tensors = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (long i = 0; i < tensorCount; i++) {
            TensorInfo t = tensorInfo(c, i, alignment);
            if (!names.add(t.name())) throw new IOException("corrupt GGUF header: tensor \"" + t.name() + "\" appears twice");
            tensors.add(t);
        }
        long dataStart = alignUp(c.position(), alignment);
        checkData(tensors, dataStart, file.byteSize());
        return new Header(version, metadata, tensors, dataStart);
    }

    private static void checkCount(long count, long minBytes, LittleEndianCursor c, String what) throws IOException {
        if (count < 0 || count > c.remaining() / minBytes) {
            throw new IOException("corrupt GGUF header: " + what + " " + Long.toUnsignedString(count) + " is more than the "
                    + c.remaining() + " bytes left in the file can hold");
        }
    }

    private static Value readValue(LittleEndianCursor c, int typeId, String what, MemorySegment file) throws IOException {
        GgufValueType type = GgufValueType.byId(typeId);
        if (type == null) throw new IOException("corrupt GGUF header: " + what + " has value type " + Integer.toUnsignedString(typeId) + ", which GGUF does not define");
        if (type == GgufValueType.STRING) return new Text(c.string(what));
        if (type != GgufValueType.ARRAY) {
            long at = c.skip(type.minBytes, "the value of " + what);
            if (type == GgufValueType.BOOL) checkBools(file, at, 1, what);
            return new Numeric(type, at, 1, false);
        }
        int elemId = c.u32("the element type of " + what);
        GgufValueType elem = GgufValueType.byId(elemId);
        if (elem == null) throw new IOException("corrupt GGUF header: " + what + " is an array of type " + Integer.toUnsignedString(elemId) + ", which GGUF does not define");
        if (elem == GgufValueType.ARRAY) throw new IOException("unsupported GGUF metadata: " + what + " is an array of arrays");
        long count = c.u64("the length of " + what);
        checkCount(count, elem.minBytes, c, "the length of " + what);
        if (elem == GgufValueType.STRING) {
            List<String> values = new ArrayList<>();
            for (long i = 0; i < count; i++) values.add(c.string("string " + i + " of " + what));
            return new Texts(values);
        }
        long at = c.skip(count * elem.minBytes, "the values of " + what);
        if (elem == GgufValueType.BOOL) checkBools(file, at, count, what);
        return new Numeric(elem, at, count, true);
    }

    private static void checkBools(MemorySegment file, long at, long count, String what) throws IOException {
        for (long i = 0; i < count; i++) {
            byte b = file.get(java.lang.foreign.ValueLayout.JAVA_BYTE, at + i);
            if (b != 0 && b != 1) throw new IOException("corrupt GGUF header: " + what + " holds the byte " + (b & 0xFF) + " as a bool (valid: 0 or 1)");
        }
    }

    private static long alignment(Map<String, Value> metadata, MemorySegment file) throws IOException {
        Value v = metadata.get(ALIGNMENT_KEY);
        if (v == null) return DEFAULT_ALIGNMENT;
        if (!(v instanceof Numeric n) || n.isArray() || n.type() != GgufValueType.UINT32) {
            throw new IOException("corrupt GGUF header: metadata \"" + ALIGNMENT_KEY + "\" must be one uint32");
        }
        long a = Integer.toUnsignedLong(file.get(java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN), n.offset()));
        if (a == 0 || Long.bitCount(a) != 1) {
            throw new IOException("corrupt GGUF header: metadata \"" + ALIGNMENT_KEY + "\" is " + a + ", which is not a power of two");
        }
        return a;
    }

    private static TensorInfo tensorInfo(LittleEndianCursor c, long i, long alignment) throws IOException {
        String name = c.string("the name of tensor " + i);
        String what = "tensor \"" + name + "\"";
        int nd = c.u32("the number of dimensions of " + what);
        if (nd < 0 || nd > MAX_DIMS) {
            throw new IOException("corrupt GGUF header: " + what + " has " + Integer.toUnsignedString(nd) + " dimensions (at most " + MAX_DIMS + ")");
        }
        int[] shape = new int[nd];
        for (int d = 0; d < nd; d++) {
            long ne = c.u64("dimension " + d + " of " + what);
            if (ne < 0 || ne > Integer.MAX_VALUE) {
                throw new IOException("corrupt GGUF header: " + what + " has dimension " + d + " of " + Long.toUnsignedString(ne)
                        + " (at most " + Integer.MAX_VALUE + ")");
            }
            shape[nd - 1 - d] = (int) ne;
        }
        int typeId = c.u32("the type of " + what);
        GgufTensorType type = GgufTensorType.byId(typeId);
        if (type == null) {
            throw new IOException("unsupported GGUF tensor: " + what + " has GGML type " + Integer.toUnsignedString(typeId)
                    + " (mlx4j reads " + GgufTensorType.names() + ")");
        }
        if (type.quantized() && (nd == 0 || shape[nd - 1] % type.blockSize != 0)) {
            throw new IOException("corrupt GGUF header: " + what + " of type " + type + " has shape " + RawTensor.shapeString(shape)
                    + ": its first GGUF dimension must be a multiple of the block size " + type.blockSize);
        }
        long offset = c.u64("the data offset of " + what);
        if (offset < 0 || offset % alignment != 0) {
            throw new IOException("corrupt GGUF header: " + what + " has data offset " + Long.toUnsignedString(offset)
                    + ", which is not a multiple of the alignment " + alignment);
        }
        long nbytes;
        try {
            nbytes = Math.multiplyExact(RawTensor.elementCount(shape) / type.blockSize, (long) type.blockBytes);
        } catch (ArithmeticException e) {
            throw new IOException("corrupt GGUF header: " + what + " has a shape too large: " + RawTensor.shapeString(shape));
        }
        return new TensorInfo(name, type, shape, offset, nbytes);
    }

    private static void checkData(List<TensorInfo> tensors, long dataStart, long fileSize) throws IOException {
        long dataLen = fileSize - dataStart;
        for (TensorInfo t : tensors) {
            if (t.nbytes() == 0) continue;
            if (dataLen < 0 || t.offset() > dataLen || t.nbytes() > dataLen - t.offset()) {
                throw new ByteInput.Truncated("the data of tensor \"" + t.name() + "\" (" + t.type() + ", shape " + RawTensor.shapeString(t.shape())
                        + ", bytes " + t.offset() + " to " + (t.offset() + t.nbytes()) + " of the data section)", t.nbytes(),
                        Math.max(0, dataLen - Math.min(t.offset(), Math.max(0, dataLen))));
            }
        }
        List<TensorInfo> byOffset = new ArrayList<>(tensors.stream().filter(t -> t.nbytes() > 0).toList());
        byOffset.sort(Comparator.comparingLong(TensorInfo::offset));
        for (int i = 1; i < byOffset.size(); i++) {
            TensorInfo a = byOffset.get(i - 1), b = byOffset.get(i);
            if (a.offset() + a.nbytes() > b.offset()) {
                throw new IOException("corrupt GGUF header: the data of tensor \"" + b.name() + "\" (from byte " + b.offset()
                        + ") overlaps the data of tensor \"" + a.name() + "\" (bytes " + a.offset() + " to " + (a.offset() + a.nbytes()) + ")");
            }
        }
    }

    static long alignUp(long pos, long alignment) {
        return (pos + alignment - 1) / alignment * alignment;
    }
}
