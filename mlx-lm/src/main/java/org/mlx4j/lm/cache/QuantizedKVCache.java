package org.mlx4j.lm.cache;

import java.util.ArrayList;
import java.util.List;
import org.mlx4j.core.Array;
import org.mlx4j.core.Mx;

/**
 * A key/value cache that stores the steps quantized (affine, {@code bits} per value, groups of {@code groupSize}
 * along the head dimension), as mlx-lm's {@code QuantizedKVCache} with {@code --kv-bits}: the cache takes
 * {@code bits / 16} of a bfloat16 cache's memory plus the scales and biases. {@link #updateAndFetch} returns the
 * steps dequantized to the dtype of the first keys appended.
 *
 * <pre>{@code
 * import org.mlx4j.lm.cache.QuantizedKVCache;
 *
 * QuantizedKVCache cache = new QuantizedKVCache(8, 32);
 * Array k = Random.normal(new int[] {1, 2, 3, 64}, DType.FLOAT32, null);
 * Array[] kv = cache.updateAndFetch(k, k);
 * assert Mx.allclose(kv[0], k, 0.0, 0.05).booleanValue();
 * }</pre>
 */
public final class QuantizedKVCache extends KVCache {
    private final int bits;
    private final int groupSize;
    /** keys' and values' packed weights, scales and biases: six arrays, or none before the first update. */
    private List<Array> packed = List.of();
    private org.mlx4j.core.DType dtype;
    private int offset;

    /**
     * An empty cache quantizing to {@code bits} per value in groups of {@code groupSize}.
     *
     * @param bits 4 or 8
     * @param groupSize 32, 64 or 128; must divide the head dimension
     * @throws IllegalArgumentException for other bits or group sizes
     */
    public QuantizedKVCache(int bits, int groupSize) {
        if (bits != 4 && bits != 8) throw new IllegalArgumentException("QuantizedKVCache: bits must be 4 or 8, got " + bits);
        if (groupSize != 32 && groupSize != 64 && groupSize != 128) {
            throw new IllegalArgumentException("QuantizedKVCache: groupSize must be 32, 64 or 128, got " + groupSize);
        }
        this.bits = bits;
        this.groupSize = groupSize;
    }

    @Override
    public int offset() { return offset; }

    /**
     * Quantizes and appends the new steps, and returns every cached step dequantized.
     *
     * @param newKeys the keys of the new steps, {@code [B, H, n, D]}, {@code D} a multiple of the group size
     * @param newValues the values of the new steps
     * @return {@code [keys, values]} of every cached step, dequantized
     * @throws IllegalArgumentException if the shapes are not 4-D with equal batch, heads and steps, or the head
     *     dimension is not a multiple of the group size
     */
    @Override
    public Array[] updateAndFetch(Array newKeys, Array newValues) {
        checkSteps("QuantizedKVCache", newKeys, newValues);
        if (newKeys.shape(3) % groupSize != 0 || newValues.shape(3) % groupSize != 0) {
            throw new IllegalArgumentException("QuantizedKVCache: the head dimension (" + newKeys.shape(3) + ", " + newValues.shape(3)
                    + ") must be a multiple of the group size " + groupSize);
        }
        if (dtype == null) dtype = newKeys.dtype();
        List<Array> fresh = new ArrayList<>(Mx.quantize(newKeys, groupSize, bits));
        fresh.addAll(Mx.quantize(newValues, groupSize, bits));
        if (packed.isEmpty()) {
            packed = fresh;
        } else {
            List<Array> joined = new ArrayList<>();
            for (int i = 0; i < 6; i++) joined.add(Mx.concatenate(List.of(packed.get(i), fresh.get(i)), 2));
            packed = joined;
        }
        offset += newKeys.shape(2);
        return new Array[] {
            Mx.dequantize(packed.get(0), packed.get(1), packed.get(2), groupSize, bits).astype(dtype),
            Mx.dequantize(packed.get(3), packed.get(4), packed.get(5), groupSize, bits).astype(dtype)};
    }

    @Override
    public Array[] state() { return packed.toArray(new Array[0]); }

    @Override
    public int trim(int n) {
        int dropped = Math.max(0, Math.min(n, offset));
        if (dropped == 0) return 0;
        offset -= dropped;
        List<Array> kept = new ArrayList<>();
        for (Array a : packed) {
            int[] s = a.shape();
            kept.add(Mx.slice(a, new int[4], new int[] {s[0], s[1], offset, s[3]}, new int[] {1, 1, 1, 1}));
        }
        packed = kept;
        return dropped;
    }

    @Override
    public void close() {
        packed.forEach(Array::close);
        packed = List.of();
        offset = 0;
    }
}
