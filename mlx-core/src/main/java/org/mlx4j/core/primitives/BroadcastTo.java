package org.mlx4j.core.primitives;

import static org.mlx4j.core.Mx.*;

import java.util.Arrays;
import java.util.List;
import org.mlx4j.core.Array;

/** Repeats the input along new leading axes and axes of extent 1: a view with stride 0 there. */
public record BroadcastTo(int[] shape) implements Primitive {
    @Override
    public List<Array> vjp(List<Array> primals, List<Array> cotangents, int[] argnums, List<Array> outputs) {
        int[] in = primals.get(0).shape();
        int lead = shape.length - in.length;
        int[] axes = new int[shape.length];
        int n = 0;
        for (int i = 0; i < shape.length; i++) {
            if (i < lead || (in[i - lead] == 1 && shape[i] != 1)) axes[n++] = i;
        }
        Array g = cotangents.get(0);
        if (n > 0) g = sum(g, Arrays.copyOf(axes, n), true);
        return List.of(g.reshape(in));
    }

    @Override
    public boolean equals(Object o) { return o instanceof BroadcastTo b && Arrays.equals(b.shape, shape); }

    @Override
    public int hashCode() { return Arrays.hashCode(shape); }

    @Override
    public String toString() { return "BroadcastTo" + Arrays.toString(shape); }

    @Override
    public List<Array> jvp(List<Array> primals, List<Array> tangents, List<Array> outputs) {
        return Tangents.linear(this, primals, tangents, outputs);
    }
}
