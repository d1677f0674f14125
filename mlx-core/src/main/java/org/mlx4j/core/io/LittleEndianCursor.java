package org.mlx4j.core.io;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Little-endian reads from the bytes of a file (GGUF, {@code .mlxfn}), each checked against the end of the file
 * first: a read past the end is a {@link ByteInput.Truncated} naming the field and its offset, never an
 * out-of-bounds access.
 */
final class LittleEndianCursor {
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final MemorySegment bytes;
    private final String format;
    private long pos;

    /** A cursor at the start of {@code bytes}; {@code format} names the file kind in messages ("GGUF header"). */
    LittleEndianCursor(MemorySegment bytes, String format) {
        this.bytes = bytes;
        this.format = format;
    }

    MemorySegment bytes() {
        return bytes;
    }

    long position() {
        return pos;
    }

    long remaining() {
        return bytes.byteSize() - pos;
    }

    /** Checks that {@code n} more bytes exist, then moves past them and returns where they start. */
    long skip(long n, String what) throws IOException {
        if (n < 0 || n > remaining()) {
            throw new ByteInput.Truncated(what + " at offset " + pos, n < 0 ? Long.MAX_VALUE : n, remaining());
        }
        long at = pos;
        pos += n;
        return at;
    }

    boolean bool(String what) throws IOException {
        int b = u8(what);
        if (b > 1) throw new IOException("corrupt " + format + ": " + what + " at offset " + (pos - 1) + " is the byte " + b + ", not a bool (0 or 1)");
        return b == 1;
    }

    int u8(String what) throws IOException {
        return Byte.toUnsignedInt(bytes.get(ValueLayout.JAVA_BYTE, skip(1, what)));
    }

    short u16(String what) throws IOException {
        return bytes.get(U16, skip(2, what));
    }

    int u32(String what) throws IOException {
        return bytes.get(U32, skip(4, what));
    }

    long u64(String what) throws IOException {
        return bytes.get(U64, skip(8, what));
    }

    /** A GGUF string: a 64-bit length, then that many bytes of UTF-8. */
    String string(String what) throws IOException {
        long n = u64("the length of " + what);
        if (n < 0 || n > remaining()) {
            throw new IOException("corrupt " + format + ": " + what + " at offset " + (pos - 8) + " declares " + Long.toUnsignedString(n)
                    + " bytes but only " + remaining() + " are left in the file");
        }
        byte[] b = bytes.asSlice(skip(n, what), n).toArray(ValueLayout.JAVA_BYTE);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException("corrupt " + format + ": " + what + " is not valid UTF-8");
        }
    }
}
