package org.mlx4j.nn;

import org.mlx4j.core.Array;

/**
 * The GELU activation as a layer, exact or approximated, as MLX's {@code nn.GELU(approx)}: {@code "none"} (exact,
 * {@link Activations#gelu}), {@code "precise"} or {@code "tanh"} ({@link Activations#geluApprox}) and {@code "fast"}
 * ({@link Activations#geluFastApprox}).
 */
public class GELU extends Module implements UnaryLayer {
    private final String approx;

    /**
     * The layer.
     *
     * @param approx {@code "none"}, {@code "precise"}, {@code "tanh"} or {@code "fast"}
     * @throws IllegalArgumentException for another value
     */
    public GELU(String approx) {
        if (!java.util.Set.of("none", "precise", "tanh", "fast").contains(approx)) {
            throw new IllegalArgumentException("GELU: approx must be \"none\", \"precise\", \"tanh\" or \"fast\", got \""
                    + approx + "\"");
        }
        this.approx = approx;
    }

    /** The exact GELU. */
    public GELU() { this("none"); }

    @Override
    public Array forward(Array x) {
        return switch (approx) {
            case "none" -> Activations.gelu(x);
            case "fast" -> Activations.geluFastApprox(x);
            default -> Activations.geluApprox(x);
        };
    }

    @Override
    protected String describe() { return "approx=" + approx; }
}
