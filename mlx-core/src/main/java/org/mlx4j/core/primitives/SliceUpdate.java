package org.mlx4j.core.primitives;

import static org.mlx4j.core.Mx.*;

import java.util.Arrays;
import java.util.List;
import org.mlx4j.core.Array;

/**
 * Inputs (src, update): a copy of src whose elements {@code start[i] + k * step[i]} are replaced by
 * update (which has the slice's shape and src's dtype). The functional form of {@code x[slice] = v}.
 */
public record SliceUpdate(int[] start, int[] step) implements Primitive {
    @Override
    public List<Array> vjp(List<Array> primals, List<Array> cotangents, int[] argnums, List<Array> outputs) {
        Array update = primals.get(1), ct = cotangents.get(0);
        Array[] grads = new Array[argnums.length];
        for (int i = 0; i < argnums.length; i++) {
            grads[i] = argnums[i] == 0
                    ? sliceUpdate(ct, zerosLike(update), start, step)
                    : stridedSlice(ct, start, step, update.shape());
        }
        return List.of(grads);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SliceUpdate s && Arrays.equals(s.start, start) && Arrays.equals(s.step, step);
    }

    @Override
    public int hashCode() { return Arrays.hashCode(start) * 31 + Arrays.hashCode(step); }

    @Override
    public String toString() { return "SliceUpdate" + Arrays.toString(start) + Arrays.toString(step); }

    @Override
    public List<Array> jvp(List<Array> primals, List<Array> tangents, List<Array> outputs) {
        return Tangents.linear(this, primals, tangents, outputs);
    }
}
