package org.mlx4j.lm.embed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;

/**
 * The weights and the graph's node list of an ONNX model file, read straight from its protocol-buffer encoding
 * (a minimal reader of the few messages involved: {@code ModelProto.graph}, {@code GraphProto.node/initializer/
 * input/output}, {@code NodeProto}, {@code TensorProto}), so that a model exported to ONNX can be rebuilt from
 * its initializers on mlx4j layers. Initializers become mlx4j arrays of the same dtype and shape; tensors held
 * in external files are not read.
 *
 * <pre>{@code
 * import org.mlx4j.lm.embed.OnnxModel;
 *
 * // a ModelProto with one FLOAT initializer "w" of shape [2] = {1.5, -2}, raw little-endian data
 * byte[] tensor = {8, 2, 16, 1, 66, 1, 'w', 74, 8, 0, 0, -64, 63, 0, 0, 0, -64};
 * byte[] graph = new byte[2 + tensor.length];
 * graph[0] = 42; graph[1] = (byte) tensor.length;
 * System.arraycopy(tensor, 0, graph, 2, tensor.length);
 * byte[] model = new byte[2 + graph.length];
 * model[0] = 58; model[1] = (byte) graph.length;
 * System.arraycopy(graph, 0, model, 2, graph.length);
 * OnnxModel onnx = OnnxModel.read(model);
 * assert Arrays.equals(onnx.initializers().get("w").toFloatArray(), new float[] {1.5f, -2f});
 * }</pre>
 */
public final class OnnxModel {
    private final Map<String, Array> initializers;
    private final List<OnnxNode> nodes;
    private final List<String> inputs;
    private final List<String> outputs;

    private OnnxModel(Map<String, Array> initializers, List<OnnxNode> nodes, List<String> inputs, List<String> outputs) {
        this.initializers = Collections.unmodifiableMap(initializers);
        this.nodes = List.copyOf(nodes);
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
    }

    /**
     * Reads an {@code .onnx} file (memory-mapped while it is read; the arrays are copies).
     *
     * @param file the model file
     * @return its initializers and nodes
     * @throws UncheckedIOException if the file cannot be read
     * @throws IllegalArgumentException naming the file if it is not a well-formed ONNX model
     */
    public static OnnxModel read(Path file) {
        try (Arena arena = Arena.ofConfined(); FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            MemorySegment data = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena);
            return read(data);
        } catch (IOException e) {
            throw new UncheckedIOException("OnnxModel: cannot read " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a model from its serialized bytes.
     *
     * @param bytes a serialized {@code ModelProto}
     * @return its initializers and nodes
     * @throws IllegalArgumentException if the bytes are not a well-formed ONNX model
     */
    public static OnnxModel read(byte[] bytes) {
        return read(MemorySegment.ofArray(bytes));
    }

    private static OnnxModel read(MemorySegment data) {
        ProtoReader model = new ProtoReader(data);
        while (model.next()) {
            if (model.field() == 7 && model.wireType() == ProtoReader.LENGTH_DELIMITED) return readGraph(model.message());
            model.skip();
        }
        throw new IllegalArgumentException("ONNX: no graph in the model (not an ONNX ModelProto?)");
    }

    private static OnnxModel readGraph(ProtoReader graph) {
        Map<String, Array> initializers = new LinkedHashMap<>();
        List<OnnxNode> nodes = new ArrayList<>();
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        while (graph.next()) {
            switch (graph.field()) {
                case 1 -> nodes.add(readNode(graph.message()));
                case 5 -> {
                    NamedTensor t = readTensor(graph.message());
                    initializers.put(t.name(), t.array());
                }
                case 11 -> inputs.add(valueInfoName(graph.message()));
                case 12 -> outputs.add(valueInfoName(graph.message()));
                default -> graph.skip();
            }
        }
        // graph inputs may list initializers too (older exporters); keep the true inputs only
        inputs.removeIf(initializers::containsKey);
        return new OnnxModel(initializers, nodes, inputs, outputs);
    }

    private static String valueInfoName(ProtoReader info) {
        while (info.next()) {
            if (info.field() == 1) return info.string();
            info.skip();
        }
        return "";
    }

    private static OnnxNode readNode(ProtoReader node) {
        List<String> in = new ArrayList<>();
        List<String> out = new ArrayList<>();
        String name = "";
        String op = "";
        Map<String, Array> tensors = new LinkedHashMap<>();
        while (node.next()) {
            switch (node.field()) {
                case 1 -> in.add(node.string());
                case 2 -> out.add(node.string());
                case 3 -> name = node.string();
                case 4 -> op = node.string();
                case 5 -> readTensorAttribute(node.message(), tensors);
                default -> node.skip();
            }
        }
        return new OnnxNode(op, name, in, out, tensors);
    }

    private static void readTensorAttribute(ProtoReader attribute, Map<String, Array> into) {
        String name = null;
        Array tensor = null;
        while (attribute.next()) {
            if (attribute.field() == 1) name = attribute.string();
            else if (attribute.field() == 5) tensor = readTensor(attribute.message()).array();
            else attribute.skip();
        }
        if (name != null && tensor != null) into.put(name, tensor);
    }

    private record NamedTensor(String name, Array array) {}

    private static NamedTensor readTensor(ProtoReader tensor) {
        ProtoReader.LongList dims = new ProtoReader.LongList();
        int dataType = 0;
        String name = "";
        MemorySegment raw = null;
        ProtoReader.LongList integers = new ProtoReader.LongList();
        List<Float> floats = new ArrayList<>();
        boolean external = false;
        while (tensor.next()) {
            switch (tensor.field()) {
                case 1 -> tensor.varints(dims);
                case 2 -> dataType = (int) tensor.varint();
                case 4 -> readFloats(tensor, floats);
                case 5, 7 -> tensor.varints(integers);
                case 8 -> name = tensor.string();
                case 9 -> raw = tensor.bytes();
                case 14 -> external = tensor.varint() == 1;
                default -> tensor.skip();
            }
        }
        if (external) {
            throw new IllegalArgumentException("ONNX: tensor '" + name + "' is stored in an external data file, "
                    + "which this reader does not follow; save the model with its weights inside");
        }
        int[] shape = Arrays.stream(dims.toArray()).mapToInt(Math::toIntExact).toArray();
        DType dtype = dtype(dataType, name);
        long count = 1;
        for (int d : shape) count *= d;
        Array array;
        if (raw != null) {
            array = Mx.array(raw, dtype, shape);
        } else if (dtype == DType.FLOAT32) {
            float[] values = new float[floats.size()];
            for (int i = 0; i < values.length; i++) values[i] = floats.get(i);
            array = Mx.array(values, shape);
        } else if (dtype == DType.INT64 || dtype == DType.INT32) {
            long[] values = integers.toArray();
            array = dtype == DType.INT64 ? Mx.array(values, shape)
                    : Mx.array(Arrays.stream(values).mapToInt(v -> (int) v).toArray(), shape);
        } else {
            throw new IllegalArgumentException("ONNX: tensor '" + name + "' of " + dtype + " has no raw_data; only "
                    + "float_data (FLOAT), int32_data (INT32) and int64_data (INT64) are read besides raw_data");
        }
        if (array.size() != count) {
            throw new IllegalArgumentException("ONNX: tensor '" + name + "' has " + array.size() + " values for shape "
                    + Arrays.toString(shape));
        }
        return new NamedTensor(name, array);
    }

    private static void readFloats(ProtoReader tensor, List<Float> out) {
        if (tensor.wireType() == ProtoReader.LENGTH_DELIMITED) {
            MemorySegment packed = tensor.bytes();
            for (long i = 0; i + 4 <= packed.byteSize(); i += 4) out.add(packed.get(ValueLayout.JAVA_FLOAT_UNALIGNED, i));
        } else {
            out.add(tensor.fixed32Float());
        }
    }

    private static DType dtype(int onnxType, String name) {
        return switch (onnxType) {
            case 1 -> DType.FLOAT32;
            case 2 -> DType.UINT8;
            case 3 -> DType.INT8;
            case 4 -> DType.UINT16;
            case 5 -> DType.INT16;
            case 6 -> DType.INT32;
            case 7 -> DType.INT64;
            case 9 -> DType.BOOL;
            case 10 -> DType.FLOAT16;
            case 11 -> DType.FLOAT64;
            case 12 -> DType.UINT32;
            case 13 -> DType.UINT64;
            case 16 -> DType.BFLOAT16;
            default -> throw new IllegalArgumentException("ONNX: tensor '" + name + "' has data type " + onnxType
                    + ", which has no mlx4j dtype (valid: 1-7, 9-13, 16)");
        };
    }

    /**
     * The initializers (the weights), by their ONNX names, in file order.
     *
     * @return an unmodifiable map of name to array
     */
    public Map<String, Array> initializers() { return initializers; }

    /**
     * The graph's nodes in file (topological) order.
     *
     * @return the nodes
     */
    public List<OnnxNode> nodes() { return nodes; }

    /**
     * The names of the graph's inputs that are not initializers.
     *
     * @return the input names
     */
    public List<String> inputs() { return inputs; }

    /**
     * The names of the graph's outputs.
     *
     * @return the output names
     */
    public List<String> outputs() { return outputs; }
}
