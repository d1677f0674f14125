package org.mlx4j.core;

import java.util.List;

/**
 * Outputs of a function and the vector-Jacobian products for each primal, what {@link Mx#vjp} returns.
 *
 * @param outputs the function's outputs
 * @param vjps one vector-Jacobian product per primal, of that primal's shape
 */
public record VjpResult(List<Array> outputs, List<Array> vjps) {
    /** Copies both lists (unmodifiable). */
    public VjpResult {
        outputs = List.copyOf(outputs);
        vjps = List.copyOf(vjps);
    }
}
