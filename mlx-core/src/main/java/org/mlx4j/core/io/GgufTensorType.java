package org.mlx4j.core.io;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.mlx4j.core.DType;

/**
 * The GGML tensor types mlx4j reads and writes, with their numbers in the GGUF format: plain types hold one
 * element per {@link #blockBytes} bytes, block-quantized types hold {@link #blockSize} elements per block.
 */
enum GgufTensorType {
    F32(0, 1, 4, DType.FLOAT32),
    F16(1, 1, 2, DType.FLOAT16),
    Q4_0(2, 32, 18, null),
    Q4_1(3, 32, 20, null),
    Q8_0(8, 32, 34, null),
    I8(24, 1, 1, DType.INT8),
    I16(25, 1, 2, DType.INT16),
    I32(26, 1, 4, DType.INT32),
    I64(27, 1, 8, DType.INT64),
    F64(28, 1, 8, DType.FLOAT64),
    BF16(30, 1, 2, DType.BFLOAT16);

    /** The type's number in a GGUF tensor info. */
    final int id;
    /** Elements per block (1 for plain types). */
    final int blockSize;
    /** Bytes per block. */
    final int blockBytes;
    /** The array dtype of a plain type; null for a block-quantized one. */
    final DType dtype;

    GgufTensorType(int id, int blockSize, int blockBytes, DType dtype) {
        this.id = id;
        this.blockSize = blockSize;
        this.blockBytes = blockBytes;
        this.dtype = dtype;
    }

    boolean quantized() {
        return dtype == null;
    }

    /** Bits per element of the MLX affine form a quantized type is repacked into. */
    int mlxBits() {
        return this == Q8_0 ? 8 : 4;
    }

    /** The type with number {@code id}, or null if mlx4j does not read it. */
    static GgufTensorType byId(int id) {
        for (GgufTensorType t : values()) if (t.id == id) return t;
        return null;
    }

    /** The plain type that stores {@code dtype}, or null if GGUF has none. */
    static GgufTensorType of(DType dtype) {
        for (GgufTensorType t : values()) if (t.dtype == dtype) return t;
        return null;
    }

    static String names() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }

    static String plainDtypes() {
        return Arrays.stream(values()).filter(t -> !t.quantized()).map(t -> t.dtype.toString()).collect(Collectors.joining(", "));
    }
}
