package org.mlx4j.core;

import java.util.List;

/**
 * Outputs of a function and the Jacobian-vector products for each output, what {@link Mx#jvp} returns.
 *
 * @param outputs the function's outputs
 * @param jvps one Jacobian-vector product per output, of that output's shape
 */
public record JvpResult(List<Array> outputs, List<Array> jvps) {
    /** Copies both lists (unmodifiable). */
    public JvpResult {
        outputs = List.copyOf(outputs);
        jvps = List.copyOf(jvps);
    }
}
