package org.mlx4j.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Sequential bytes of known total length (a file or one zip entry), read exactly: any short read is a
 * truncation, reported with what was expected and what was left, never a partial result.
 */
final class ByteInput {
    private static final int CHUNK = 1 << 20;

    private final InputStream in;
    private long remaining;

    ByteInput(InputStream in, long length) {
        this.in = in;
        this.remaining = length;
    }

    long remaining() {
        return remaining;
    }

    /** Reads exactly {@code n} bytes; throws {@link Truncated} if fewer are left. */
    byte[] readBytes(int n, String what) throws IOException {
        if (n > remaining) throw new Truncated(what, n, remaining);
        byte[] b = in.readNBytes(n);
        remaining -= b.length;
        if (b.length < n) throw new Truncated(what, n, b.length);
        return b;
    }

    /** Fills {@code dst} completely; throws {@link Truncated} if fewer bytes are left. */
    void readFully(MemorySegment dst, String what) throws IOException {
        long n = dst.byteSize();
        if (n > remaining) throw new Truncated(what, n, remaining);
        byte[] buf = new byte[(int) Math.min(CHUNK, Math.max(1, n))];
        long done = 0;
        while (done < n) {
            int want = (int) Math.min(buf.length, n - done);
            int got = in.readNBytes(buf, 0, want);
            remaining -= got;
            if (got > 0) MemorySegment.copy(buf, 0, dst, ValueLayout.JAVA_BYTE, done, got);
            done += got;
            if (got < want) throw new Truncated(what, n, done);
        }
    }

    /** Fewer bytes than a header declared. */
    static final class Truncated extends IOException {
        Truncated(String what, long expected, long available) {
            super("truncated: " + what + " needs " + expected + " bytes but only " + available + " are left");
        }
    }
}
