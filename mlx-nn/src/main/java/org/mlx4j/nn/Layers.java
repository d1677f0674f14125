package org.mlx4j.nn;

/** Argument checks shared by the layers' constructors. */
final class Layers {
    private Layers() {}

    static void checkPositive(String layer, String name, int value) {
        if (value <= 0) throw new IllegalArgumentException(layer + ": " + name + " must be positive, got " + value);
    }

    static void checkProbability(String layer, double p) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException(layer + ": the dropout probability " + p + " is not in [0, 1)");
        }
    }
}
