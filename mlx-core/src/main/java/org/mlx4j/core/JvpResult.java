package org.mlx4j.core;

import java.util.List;

/** Outputs of a function and the Jacobian-vector products for each output. */
public record JvpResult(List<Array> outputs, List<Array> jvps) {
    public JvpResult {
        outputs = List.copyOf(outputs);
        jvps = List.copyOf(jvps);
    }
}
