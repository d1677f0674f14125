package org.mlx4j.core.graph;

import java.util.Objects;

/**
 * The source expression a GPU backend generates for an element-wise op: {@code x} (and {@code y}) stand
 * for the operands, {@code T} for their element type (the computed dtype), and the value of the
 * expression is the result. {@code cuda} is CUDA C++ as NVRTC compiles it (with {@code <cuda/std/cmath>}
 * style overloads); {@code msl} is Metal Shading Language, the same text where the two agree. Complex
 * values are {@code complex64_t}, with {@code real()}, {@code imag()}, {@code conj()} and {@code abs()}
 * from the backend's prelude; {@code erf} and {@code erfinv} in MSL are the prelude's, as in MLX (Metal has neither).
 *
 * @param cuda the CUDA C expression
 * @param msl  the MSL expression
 */
public record BackendSource(String cuda, String msl) {
    public BackendSource {
        Objects.requireNonNull(cuda, "cuda");
        Objects.requireNonNull(msl, "msl");
    }

    /** One expression that both languages accept. */
    static BackendSource both(String expression) { return new BackendSource(expression, expression); }
}
