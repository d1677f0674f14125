package org.mlx4j.core.primitives;

import java.util.List;
import org.mlx4j.core.Array;

/**
 * A symbolic input used while a transformation traces a function: it has a shape and dtype but no
 * value, so evaluating it fails with {@code message}.
 */
public record Placeholder(String message) implements Primitive {
    @Override
    public List<Array> vjp(List<Array> primals, List<Array> cotangents, int[] argnums, List<Array> outputs) {
        return List.of();
    }

    @Override
    public List<Array> jvp(List<Array> primals, List<Array> tangents, List<Array> outputs) {
        return Tangents.none(1);
    }
}
