package org.mlx4j.core.io;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** A growing buffer of little-endian fields (GGUF headers, {@code .mlxfn} files); strings are a 64-bit length and UTF-8. */
class LittleEndianWriter extends ByteArrayOutputStream {
    private final ByteBuffer scratch = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);

    void u8(int v) {
        write(v);
    }

    void u32(int v) {
        write(scratch.clear().putInt(v).array(), 0, 4);
    }

    void u64(long v) {
        write(scratch.clear().putLong(v).array(), 0, 8);
    }

    void bytes(byte[] b) {
        write(b, 0, b.length);
    }

    void string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        u64(b.length);
        bytes(b);
    }
}
