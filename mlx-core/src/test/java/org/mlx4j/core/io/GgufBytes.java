package org.mlx4j.core.io;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Hand-made GGUF bytes for tests, each field settable to a lie: counts, versions, offsets, types. */
final class GgufBytes {
    private final ByteArrayOutputStream meta = new ByteArrayOutputStream();
    private final ByteArrayOutputStream infos = new ByteArrayOutputStream();
    private int magic = 0x46554747;
    private int version = 3;
    private long metaCount;
    private long tensorCount;
    private Long metaCountOverride;
    private Long tensorCountOverride;
    private int alignment = 32;
    private int dataBytes;

    static GgufBytes builder() {
        return new GgufBytes();
    }

    GgufBytes magic(int m) {
        magic = m;
        return this;
    }

    GgufBytes version(int v) {
        version = v;
        return this;
    }

    GgufBytes metadataCount(long n) {
        metaCountOverride = n;
        return this;
    }

    GgufBytes tensorCount(long n) {
        tensorCountOverride = n;
        return this;
    }

    /** A metadata entry: key, value type, then the value's raw bytes. */
    GgufBytes meta(String key, int type, byte[] value) {
        put(meta, string(key));
        put(meta, le(4, type));
        put(meta, value);
        metaCount++;
        return this;
    }

    GgufBytes alignment(int a) {
        alignment = a;
        return meta("general.alignment", 4, le(4, a));
    }

    GgufBytes tensor(String name, int type, long[] ne, long offset) {
        put(infos, string(name));
        put(infos, le(4, ne.length));
        for (long d : ne) put(infos, le(8, d));
        put(infos, le(4, type));
        put(infos, le(8, offset));
        tensorCount++;
        return this;
    }

    GgufBytes data(int n) {
        dataBytes = n;
        return this;
    }

    byte[] build() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        put(out, le(4, magic));
        put(out, le(4, version));
        put(out, le(8, tensorCountOverride != null ? tensorCountOverride : tensorCount));
        put(out, le(8, metaCountOverride != null ? metaCountOverride : metaCount));
        put(out, meta.toByteArray());
        put(out, infos.toByteArray());
        int a = Math.max(1, alignment);
        while (out.size() % a != 0) out.write(0);
        for (int i = 0; i < dataBytes; i++) out.write(i * 7 + 1);
        return out.toByteArray();
    }

    static byte[] le(int size, long v) {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v);
        byte[] r = new byte[size];
        System.arraycopy(b.array(), 0, r, 0, size);
        return r;
    }

    static byte[] string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        byte[] r = new byte[8 + b.length];
        System.arraycopy(le(8, b.length), 0, r, 0, 8);
        System.arraycopy(b, 0, r, 8, b.length);
        return r;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) put(out, p);
        return out.toByteArray();
    }

    private static void put(ByteArrayOutputStream out, byte[] b) {
        out.write(b, 0, b.length);
    }
}
