package org.mlx4j.it.launch;

import org.mlx4j.core.Array;
import org.mlx4j.core.Mx;

/** The smallest mlx4j program: one array, one op, one evaluation; prints {@code ok <sum>}. */
public final class LaunchProbe {
    private LaunchProbe() {}

    public static void main(String[] args) {
        Array x = Mx.array(new float[] {1, 2, 3});
        Array y = x.multiply(2).add(1);
        Mx.eval(y);
        System.out.println("ok " + y.sum().floatValue());
    }
}
