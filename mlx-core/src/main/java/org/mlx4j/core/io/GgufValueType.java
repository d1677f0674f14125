package org.mlx4j.core.io;

import org.mlx4j.core.DType;

/** The types of GGUF metadata values, with their numbers in the format and the dtype a numeric one reads as. */
enum GgufValueType {
    UINT8(0, 1, DType.UINT8),
    INT8(1, 1, DType.INT8),
    UINT16(2, 2, DType.UINT16),
    INT16(3, 2, DType.INT16),
    UINT32(4, 4, DType.UINT32),
    INT32(5, 4, DType.INT32),
    FLOAT32(6, 4, DType.FLOAT32),
    BOOL(7, 1, DType.BOOL),
    STRING(8, 8, null),
    ARRAY(9, 12, null),
    UINT64(10, 8, DType.UINT64),
    INT64(11, 8, DType.INT64),
    FLOAT64(12, 8, DType.FLOAT64);

    /** The type's number in the file. */
    final int id;
    /** Bytes of one value (for a string or an array: the least it can take, its length fields). */
    final int minBytes;
    /** The dtype of a numeric or boolean value; null for strings and arrays. */
    final DType dtype;

    GgufValueType(int id, int minBytes, DType dtype) {
        this.id = id;
        this.minBytes = minBytes;
        this.dtype = dtype;
    }

    /** The type with number {@code id}, or null if the format has none. */
    static GgufValueType byId(int id) {
        for (GgufValueType t : values()) if (t.id == id) return t;
        return null;
    }

    /** The numeric type that stores {@code dtype}, or null if GGUF metadata has none. */
    static GgufValueType of(DType dtype) {
        for (GgufValueType t : values()) if (t.dtype == dtype) return t;
        return null;
    }
}
