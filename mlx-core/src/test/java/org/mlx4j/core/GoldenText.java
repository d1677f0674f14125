package org.mlx4j.core;

import java.util.Arrays;

/** Fields of the golden files under {@code src/test/resources/golden}: comma-separated numbers, empty for none. */
final class GoldenText {
    private GoldenText() {}

    static int[] ints(String s) {
        s = s.trim();
        return s.isEmpty() ? new int[0] : Arrays.stream(s.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    static double[] doubles(String s) {
        s = s.trim();
        return s.isEmpty() ? new double[0] : Arrays.stream(s.split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    static float[] floats(String s) {
        s = s.trim();
        if (s.isEmpty()) return new float[0];
        String[] p = s.split(",");
        float[] out = new float[p.length];
        for (int i = 0; i < p.length; i++) out[i] = Float.parseFloat(p[i]);
        return out;
    }
}
