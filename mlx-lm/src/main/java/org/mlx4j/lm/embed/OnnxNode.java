package org.mlx4j.lm.embed;

import java.util.List;
import java.util.Map;
import org.mlx4j.core.Array;

/**
 * One node of an ONNX graph: its operator, name, input and output value names, and its tensor-valued attributes
 * (the {@code value} of a {@code Constant} node, for example).
 *
 * @param opType the operator, such as {@code MatMul}
 * @param name the node's name (exporters from PyTorch name it by the module path, {@code /encoder/layer.0/...})
 * @param inputs the names of the values it reads (initializers or other nodes' outputs)
 * @param outputs the names of the values it writes
 * @param tensors its tensor attributes by name
 */
public record OnnxNode(String opType, String name, List<String> inputs, List<String> outputs, Map<String, Array> tensors) {
    /**
     * A node; the lists and map are copied.
     *
     * @param opType the operator
     * @param name the node's name
     * @param inputs input value names
     * @param outputs output value names
     * @param tensors tensor attributes
     */
    public OnnxNode {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        tensors = Map.copyOf(tensors);
    }
}
