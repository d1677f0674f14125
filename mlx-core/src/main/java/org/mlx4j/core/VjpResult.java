package org.mlx4j.core;

import java.util.List;

/** Outputs of a function and the vector-Jacobian products for each primal. */
public record VjpResult(List<Array> outputs, List<Array> vjps) {
    public VjpResult {
        outputs = List.copyOf(outputs);
        vjps = List.copyOf(vjps);
    }
}
