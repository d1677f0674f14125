package org.mlx4j.core.primitives;

import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.graph.Handles;

/** Builds the packing nodes: integer codes to MLX's UINT32 rows and back. */
public final class QuantCodes {
    private QuantCodes() {}

    /** The UINT32 rows holding {@code codes} (any integer dtype, last axis a multiple of 32 / gcd) at {@code bits} each. */
    public static Array pack(Array codes, int bits) {
        int[] s = codes.shape();
        int[] shape = s.clone();
        shape[s.length - 1] = Math.toIntExact((long) s[s.length - 1] * bits / 32);
        return Handles.make(new QuantPack(bits), shape, DType.UINT32, codes.dtype() == DType.UINT32 ? codes : codes.astype(DType.UINT32));
    }

    /** The UINT8 codes of {@code bits} bits each held in the UINT32 rows {@code wq}. */
    public static Array unpack(Array wq, int bits) {
        int[] s = wq.shape();
        int[] shape = s.clone();
        shape[s.length - 1] = Math.toIntExact((long) s[s.length - 1] * 32 / bits);
        return Handles.make(new QuantUnpack(bits), shape, DType.UINT8, wq);
    }
}
