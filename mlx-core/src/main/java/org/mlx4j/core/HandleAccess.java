package org.mlx4j.core;

import org.mlx4j.core.graph.Handles;
import org.mlx4j.core.graph.Node;
import org.mlx4j.core.primitives.Primitive;
import org.mlx4j.core.runtime.StreamExecutor;

/** The package-private operations on handles (arrays, streams), granted to mlx-core's internal packages through {@link Handles}. */
final class HandleAccess implements Handles.Access {
    @Override
    public Node node(Array a) { return a.node(); }

    @Override
    public Array wrap(Node node) { return Array.fromNode(node); }

    @Override
    public Array wrapResult(Node node) {
        Array a = new Array(node);
        Memory.track(a);
        return a;
    }

    @Override
    public Array make(Primitive primitive, int[] shape, DType dtype, Array... inputs) {
        return Ops.make(primitive, shape, dtype, inputs);
    }

    @Override
    public void rebind(Array handle, Node node) { handle.rebind(node); }

    @Override
    public StreamExecutor queue(Stream stream) { return stream.queue(); }
}
